// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { TranslationBundle } from '@jupyterlab/translation';
import type {
  DriftStatus,
  EnvironmentFinding
} from '../../core/packages/environment';
import type { EnvironmentOutcome } from '../../kernel/environment';
import { unworded } from './common';

/**
 * Why the kernel's environment could not be listed, in the user's
 * language: the kernel's own words for an error.
 *
 * @param trans - the extension's translation bundle.
 * @param failure - what `askEnvironment` gave.
 */
export function environmentFailureText(
  trans: Pick<TranslationBundle, '__'>,
  failure: Exclude<EnvironmentOutcome, { ok: true }>
): string {
  switch (failure.reason) {
    case 'timeout':
      return trans.__('the kernel did not answer within %1 s', failure.seconds);
    case 'failed':
      return failure.detail;
    case 'aborted':
      return trans.__('the kernel skipped the request');
    case 'kernel-error':
      return failure.detail || trans.__('unknown error');
    case 'malformed':
      return trans.__(
        'the kernel gave an unexpected answer (%1)',
        failure.problem
      );
    default:
      return unworded(failure);
  }
}

/**
 * A finding of the drift comparison as a sentence in the user's language:
 * `Published with Python 3.11, running 3.12.`, or the collapsed header's
 * `environment: 4 changed (2 under your imports)`.
 *
 * @param trans - the extension's translation bundle.
 * @param finding - from `compareEnvironment`.
 */
export function environmentFindingText(
  trans: Pick<TranslationBundle, '__'>,
  finding: EnvironmentFinding
): string {
  switch (finding.code) {
    case 'environment.pythonMinor':
    case 'environment.pythonPatch':
      return trans.__(
        'Published with Python %1, running Python %2.',
        finding.params.stored,
        finding.params.live
      );
    case 'environment.implementation':
      return trans.__(
        'Published with %1, running %2.',
        finding.params.stored,
        finding.params.live
      );
    case 'environment.platform':
      return trans.__(
        'Published on %1, running on %2.',
        finding.params.stored,
        finding.params.live
      );
    case 'environment.drift': {
      const { changed, underImports, missing, added } = finding.params;
      const parts: string[] = [];
      if (changed > 0) {
        parts.push(trans.__('%1 changed', changed));
      }
      if (missing > 0) {
        parts.push(trans.__('%1 missing', missing));
      }
      if (added > 0) {
        parts.push(trans.__('%1 added', added));
      }
      const counts =
        parts.length > 0 ? parts.join(', ') : trans.__('as published');
      return underImports > 0
        ? trans.__(
            'environment: %1 (%2 under your imports)',
            counts,
            underImports
          )
        : trans.__('environment: %1', counts);
    }
    default:
      return unworded(finding);
  }
}

/**
 * A drift row's status in a word.
 *
 * @param trans - the extension's translation bundle.
 * @param status - the row's status.
 */
export function driftStatusText(
  trans: Pick<TranslationBundle, '__'>,
  status: DriftStatus
): string {
  switch (status) {
    case 'changed':
      return trans.__('changed');
    case 'missing':
      return trans.__('missing');
    case 'added':
      return trans.__('added');
    default:
      return unworded(status);
  }
}
