// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { TranslationBundle } from '@jupyterlab/translation';
import { IUnscannedLines, SCAN_LIMITS } from '../../core/common/scanLimits';
import type { PathAdvice } from '../../core/hygiene/absolutePaths';
import type { SecretAdvice, SecretKind } from '../../core/hygiene/secrets';
import { unworded } from './common';

/**
 * A short name for a kind of credential, in the user's language.
 *
 * @param trans - the extension's translation bundle.
 * @param kind - the kind of a secret finding.
 */
export function secretKindText(
  trans: TranslationBundle,
  kind: SecretKind
): string {
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
      return trans.__('password');
    case 'key-assignment':
      return trans.__('key, token or secret');
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
export function unscannedText(
  trans: TranslationBundle,
  unscanned: IUnscannedLines
): string {
  const { count, cells } = unscanned;
  const shown = cells.slice(0, 5).map(cell => cell + 1);
  const where = trans._n(
    'cell %2',
    'cells %2',
    cells.length,
    shown.join(', ') + (cells.length > shown.length ? ', …' : '')
  );
  return trans._n(
    '%1 line longer than %2 characters not scanned (%3)',
    '%1 lines longer than %2 characters not scanned (%3)',
    count,
    SCAN_LIMITS.maxLineLength.toLocaleString('en-US'),
    where
  );
}

/**
 * What to do about a credential found, in the user's language.
 *
 * @param trans - the extension's translation bundle.
 * @param advice - a secret finding's advice.
 */
export function secretAdviceText(
  trans: TranslationBundle,
  advice: SecretAdvice
): string {
  const read = `os.environ["${advice.params.variable}"]`;
  const dotenv = trans.__(
    'set it outside the notebook, or in a .env file kept out of version control and loaded with python-dotenv (from dotenv import load_dotenv; load_dotenv())'
  );
  switch (advice.code) {
    case 'secret.envOutput':
      return trans.__(
        'Clear this output: it prints the contents of a .env file or the environment. Load the file with python-dotenv (load_dotenv()) without printing it, and read single values with %1.',
        read
      );
    case 'secret.keyInSource':
      return trans.__(
        'Keep the key in a file outside the notebook and read its path from the environment (%1); %2. Replace the key: it was saved in the notebook.',
        read,
        dotenv
      );
    case 'secret.keyInOutput':
      return trans.__(
        'Clear this output and replace the key: it was printed into the notebook. Keep it in a file whose path comes from %1.',
        read
      );
    case 'secret.printed':
      return trans.__(
        'Clear this output and revoke the %1: it was printed into the notebook. Read it with %2 and do not print it.',
        secretKindText(trans, advice.params.kind),
        read
      );
    case 'secret.saved':
      return trans.__(
        'Do not write the %1 into the notebook: read it with %2; %3. Revoke this one: it was saved in the notebook.',
        secretKindText(trans, advice.params.kind),
        read,
        dotenv
      );
    default:
      return unworded(advice);
  }
}

/**
 * What to write instead of an absolute path, in the user's language.
 *
 * @param trans - the extension's translation bundle.
 * @param advice - an absolute path finding's advice.
 */
export function pathAdviceText(
  trans: TranslationBundle,
  advice: PathAdvice
): string {
  switch (advice.code) {
    case 'path.relative':
      return trans.__(
        'Write the path relative to the notebook, "%1": the kernel starts in the notebook\'s directory.',
        advice.params.relative
      );
    case 'path.noDirectory':
      return trans.__(
        "Use a path relative to the notebook (the kernel starts in the notebook's directory), or read the location from an environment variable: %1.",
        Private.environment(advice.params.file)
      );
    case 'path.outsideProject':
      return trans.__(
        "This file is outside the notebook's project: move it into the project and use a path relative to the notebook, or read its location from an environment variable: %1.",
        Private.environment(advice.params.file)
      );
    case 'path.home':
      return trans.__(
        "This is one person's home directory: read it with Path.home() (from pathlib), which gives the home directory of whoever runs the notebook."
      );
    default:
      return unworded(advice);
  }
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * The Python expression that reads a file's location from the
   * environment.
   */
  export function environment(file: string): string {
    return `Path(os.environ["DATA_DIR"]) / "${file}"`;
  }
}
