// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { TranslationBundle } from '@jupyterlab/translation';
import type { IProbeFailure } from '../../core/kernel/probeRequest';
import { unworded } from './common';

/**
 * Why the package probe's reply could not be used, as a sentence in the
 * user's language (`The kernel could not list its packages: NameError:
 * ...`).
 *
 * @param trans - the extension's translation bundle (the probe's
 *   translator).
 * @param failure - what `parseProbeReply` returned.
 */
export function probeFailureText(
  trans: Pick<TranslationBundle, '__'>,
  failure: IProbeFailure
): string {
  switch (failure.reason) {
    case 'aborted':
      return trans.__('The kernel skipped the package query.');
    case 'kernel-error':
      return trans.__(
        'The kernel could not list its packages: %1',
        failure.detail || trans.__('unknown error')
      );
    case 'malformed':
      return trans.__(
        'The kernel gave an unexpected answer about its packages (%1).',
        Private.probeProblemText(trans, failure)
      );
    default:
      return unworded(failure.reason);
  }
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * What was wrong with a probe reply, in a few words.
   */
  export function probeProblemText(
    trans: Pick<TranslationBundle, '__'>,
    failure: IProbeFailure
  ): string {
    switch (failure.problem) {
      case 'no-expressions':
        return trans.__('the reply has no user_expressions');
      case 'not-evaluated':
        return trans.__('the kernel did not evaluate the probe');
      case 'not-base64':
        return trans.__('the probe did not answer in base64');
      case 'not-json':
        return trans.__('the probe did not answer in JSON');
      case 'malformed-shape':
        return trans.__('the probe answered with an unexpected shape');
      case 'no-content':
        return trans.__('the reply has no content');
      case 'aborted':
        return trans.__('the kernel aborted the request');
      case 'bad-status':
        return trans.__('unexpected reply status %1', failure.detail);
      case 'error-reply':
      case 'expression-error':
        return failure.detail || trans.__('unknown error');
      default:
        return unworded(failure.problem);
    }
  }
}
