// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

// Apart from the probe's messages (./kernel): only the data section and
// the data workflows, loaded after startup, word these.

import type { TranslationBundle } from '@jupyterlab/translation';
import type { IHashError, IHashFailure } from '../../core/kernel/hashRequest';
import type { KernelHashFailure } from '../../kernel/hashFiles';
import { unworded } from './common';

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
