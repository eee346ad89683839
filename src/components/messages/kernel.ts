// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { TranslationBundle } from '@jupyterlab/translation';
import type { IHashError, IHashFailure } from '../../core/kernel/hashRequest';
import type { IProbeFailure } from '../../core/kernel/probeRequest';
import type { KernelHashFailure } from '../../kernel/hashFiles';
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
 * Why the data files could not be hashed in the kernel, in the user's
 * language (`the kernel did not answer within 10 s`): the part after
 * "could not be hashed:".
 *
 * @param trans - the extension's translation bundle.
 * @param failure - what `hashFilesInKernel` failed with.
 */
export function kernelHashFailureText(
  trans: TranslationBundle,
  failure: KernelHashFailure
): string {
  switch (failure.problem) {
    case 'request-failed':
      return failure.detail;
    case 'timeout':
      return trans.__('the kernel did not answer within %1 s', failure.seconds);
    case 'busy':
      return trans.__(
        'the kernel has not answered an earlier request yet (it may be running cells)'
      );
    default:
      return hashFailureText(trans, failure);
  }
}

/**
 * Why a hash reply could not be used, as a sentence in the user's
 * language; a kernel error is the kernel's own words.
 *
 * @param trans - the extension's translation bundle.
 * @param failure - what `parseHashReply` returned.
 */
export function hashFailureText(
  trans: TranslationBundle,
  failure: IHashFailure
): string {
  switch (failure.problem) {
    case 'no-content':
      return trans.__('The kernel sent no reply content.');
    case 'aborted':
      return trans.__('The kernel skipped the request.');
    case 'error-reply':
    case 'expression-error':
      return failure.detail || trans.__('The kernel raised an unknown error.');
    case 'bad-status':
      return trans.__(
        'The reply has an unexpected status (%1).',
        failure.detail
      );
    case 'no-expressions':
    case 'not-evaluated':
      return trans.__('The kernel did not evaluate the hash expression.');
    case 'not-base64':
      return trans.__('The kernel did not answer in base64.');
    case 'not-json':
      return trans.__('The kernel did not answer in JSON.');
    case 'malformed-shape':
      return trans.__('The kernel answered with an unexpected shape.');
    default:
      return unworded(failure.problem);
  }
}

/**
 * Why one file could not be hashed: the kernel's own words, or what was
 * wrong with its answer, in the user's language.
 *
 * @param trans - the extension's translation bundle.
 * @param error - a file's hash error (or a row carrying its fields).
 */
export function hashErrorText(
  trans: TranslationBundle,
  error: Pick<IHashError, 'error' | 'problem'>
): string {
  switch (error.problem) {
    case undefined:
      return error.error ?? '';
    case 'unanswered':
      return trans.__('The kernel did not answer for this file.');
    case 'malformed-entry':
      return trans.__(
        'The kernel answered for this file in an unexpected shape.'
      );
    default:
      return unworded(error.problem);
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
