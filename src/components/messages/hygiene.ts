// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { TranslationBundle } from '@jupyterlab/translation';
import { IUnscannedLines, SCAN_LIMITS } from '../../core/common/scanLimits';
import type { SecretKind } from '../../core/hygiene/secrets';
import { unworded } from './common';

/**
 * A short name for a kind of credential, in the user's language.
 *
 * @param trans - the extension's translation bundle.
 * @param kind - the kind of a secret finding.
 */
export function secretKindText(trans: TranslationBundle, kind: SecretKind): string {
  switch (kind) {
    case 'aws-access-key-id':
      return trans.__('AWS access key id');
    case 'aws-secret-access-key':
      return trans.__('AWS secret access key');
    case 'private-key':
      return trans.__('private key');
    case 'github-token':
      return trans.__('GitHub token');
    case 'slack-token':
      return trans.__('Slack token');
    case 'google-api-key':
      return trans.__('Google API key');
    case 'stripe-key':
      return trans.__('Stripe live key');
    case 'openai-key':
      return trans.__('OpenAI-style API key');
    case 'huggingface-token':
      return trans.__('Hugging Face token');
    case 'jwt':
      return trans.__('JSON Web Token');
    case 'url-password':
      return trans.__('password in a URL');
    case 'password-assignment':
      return trans.__('password or key assigned a literal');
    case 'high-entropy-assignment':
      return trans.__('random-looking secret assigned a literal');
    case 'env-file-output':
      return trans.__('.env contents in an output');
    default:
      return unworded(kind);
  }
}

/**
 * Lines left unread because they are too long, such as `1 line longer
 * than 10,000 characters not scanned (cell 3)`.
 *
 * @param trans - the extension's translation bundle.
 * @param unscanned - what a scan with the default limits counted.
 */
export function unscannedText(trans: TranslationBundle, unscanned: IUnscannedLines): string {
  const { count, cells } = unscanned;
  const shown = cells.slice(0, 5).map(cell => cell + 1);
  const where = trans._n('cell %2', 'cells %2', cells.length, shown.join(', ') + (cells.length > shown.length ? ', …' : ''));
  return trans._n(
    '%1 line longer than %2 characters not scanned (%3)',
    '%1 lines longer than %2 characters not scanned (%3)',
    count,
    SCAN_LIMITS.maxLineLength.toLocaleString('en-US'),
    where
  );
}
