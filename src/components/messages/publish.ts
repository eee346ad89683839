// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { TranslationBundle } from '@jupyterlab/translation';
import { formatBytes } from '../../core/common/text';
import type { IAbsolutePathFinding } from '../../core/hygiene/absolutePaths';
import type { ISecretFinding } from '../../core/hygiene/secrets';
import type {
  HashErrorCode,
  HashSkipCode
} from '../../core/kernel/hashRequest';
import type {
  IPublishDataFile,
  PublishFinding
} from '../../core/publish/checks';
import { listText, unworded } from './common';
import { pathAdviceText, secretKindText, unscannedText } from './hygiene';
import { metadataIssueText, unreadableMetadataText } from './metadata';

/**
 * What a publish check found, in the user's language: the line the
 * publish dialog shows for it.
 *
 * @param trans - the extension's translation bundle.
 * @param finding - a check's finding.
 */
export function publishFindingText(
  trans: TranslationBundle,
  finding: PublishFinding
): string {
  const findings = (items: readonly string[]) =>
    listText(trans, items, 5, '; ');
  const files = (items: readonly string[]) => listText(trans, items, 5);
  switch (finding.code) {
    case 'publish.title':
      return trans.__(
        'Title: %1',
        finding.params.title === '' ? trans.__('(empty)') : finding.params.title
      );
    case 'publish.noTitle':
      return trans.__(
        'No title: add a Markdown cell with a line starting with "# ".'
      );
    case 'publish.consecutive':
      return trans.__('The code cells ran in order.');
    case 'publish.notRunYet':
      return trans.__('No code cell has run yet: there is no order to check.');
    case 'publish.notConsecutive':
      return trans.__(
        'The code cells did not run once, in order: restart the kernel and run all.'
      );
    case 'publish.outputsMatchCode':
      return trans.__(
        'No cell was edited since it ran, and none relies on hidden state.'
      );
    case 'publish.outputsMayNotMatch': {
      // The outputs are published as they are: the line says which may
      // not come from the code beside them.
      const cells = (indices: readonly number[]) =>
        listText(
          trans,
          indices.map(index => String(index + 1)),
          10
        );
      const { edited, hidden } = finding.params;
      const parts: string[] = [];
      if (edited.length > 0) {
        parts.push(
          trans._n(
            'Cell %2 was edited since it ran: its outputs may not come from its code.',
            'Cells %2 were edited since they ran: their outputs may not come from their code.',
            edited.length,
            cells(edited)
          )
        );
      }
      if (hidden.length > 0) {
        parts.push(
          trans._n(
            'Cell %2 relies on hidden state (see the header).',
            'Cells %2 rely on hidden state (see the header).',
            hidden.length,
            cells(hidden)
          )
        );
      }
      parts.push(
        trans.__(
          'Restart the kernel and run all to publish outputs that match.'
        )
      );
      return parts.join(' ');
    }
    case 'publish.noErrors':
      return trans.__('No output is an error.');
    case 'publish.errors': {
      const { cells } = finding.params;
      return trans._n(
        '%1 cell shows an error in its output, published with it: %2.',
        '%1 cells show an error in their output, published with them: %2.',
        cells.length,
        listText(
          trans,
          cells.map(({ cell, name }) =>
            name
              ? trans.__('cell %1 (%2)', cell + 1, name)
              : trans.__('cell %1', cell + 1)
          ),
          10
        )
      );
    }
    case 'publish.notInstalled': {
      // Publishing keeps a stored version the kernel cannot confirm: the
      // line says which, so "Publish anyway" erases nothing unsaid.
      const { names, kept } = finding.params;
      if (kept.length === 0) {
        return trans.__(
          'Not installed in the kernel: %1.',
          listText(trans, names, 10)
        );
      }
      if (names.length === 1) {
        return trans.__(
          '%1 is not installed in the kernel: its stored version %2 is kept.',
          kept[0].name,
          kept[0].version
        );
      }
      return trans._n(
        'Not installed in the kernel: %2. The stored version is kept: %3.',
        'Not installed in the kernel: %2. The stored versions are kept: %3.',
        kept.length,
        listText(trans, names, 10),
        listText(
          trans,
          kept.map(({ name, version }) => `${name} ${version}`),
          10
        )
      );
    }
    case 'publish.noPackages':
      return trans.__('No third-party packages to pin.');
    case 'publish.pinned':
      return trans.__('Pinned: %1.', listText(trans, finding.params.pins, 10));
    case 'publish.noInstalls':
      return trans.__('No packages are installed from inside the notebook.');
    case 'publish.installs':
      return trans.__(
        'Packages are installed at run time instead of being recorded: %1.',
        listText(trans, finding.params.lines, 10, '; ')
      );
    case 'publish.kernel': {
      // A kernel that lacks packages pins the others only: the line says
      // so rather than claim every version.
      const { python, notInstalled } = finding.params;
      if (notInstalled > 0) {
        return python
          ? trans._n(
              'Versions read from the running kernel (Python %2); %1 package is not installed in it.',
              'Versions read from the running kernel (Python %2); %1 packages are not installed in it.',
              notInstalled,
              python
            )
          : trans._n(
              'Versions read from the running kernel; %1 package is not installed in it.',
              'Versions read from the running kernel; %1 packages are not installed in it.',
              notInstalled
            );
      }
      return python
        ? trans.__(
            'Versions pinned from the running kernel (Python %1).',
            python
          )
        : trans.__('Versions pinned from the running kernel.');
    }
    case 'publish.noKernel':
      return trans.__(
        'No usable kernel: the stored versions are kept and new packages are recorded without a version.'
      );
    case 'publish.metadataUnreadable':
      return trans.__(
        '%1 Publishing replaces it.',
        unreadableMetadataText(trans, finding.params.problem)
      );
    case 'publish.metadataFixable':
      return trans.__(
        'The nbproject metadata has problems that publishing fixes: %1',
        listText(
          trans,
          finding.params.problems.map(problem =>
            metadataIssueText(trans, problem)
          ),
          3,
          ' '
        )
      );
    case 'publish.noSecrets':
      return Private.withUnscanned(
        trans,
        trans.__('No credentials found in cells or outputs.'),
        finding.params
      );
    case 'publish.secrets':
      return Private.withUnscanned(
        trans,
        trans.__(
          'Credentials in the notebook: %1. Read them at run time with os.environ["NAME"] (set outside the notebook, or in a .env file loaded with python-dotenv), clear outputs that print them, and revoke any that were saved.',
          findings(
            finding.params.findings.map(secret => Private.secret(trans, secret))
          )
        ),
        finding.params
      );
    case 'publish.noAbsolutePaths':
      return trans.__('No paths in a home directory.');
    case 'publish.absolutePaths':
      return trans.__(
        'Paths that only exist on this machine: %1.',
        findings(
          finding.params.findings.map(path => Private.absolutePath(trans, path))
        )
      );
    case 'publish.noDataFiles':
      return trans.__('No data files read by the code.');
    case 'publish.dataNotHashed':
      return trans.__(
        'The data files were not hashed (%1): the recorded ones are kept as they were.',
        finding.params.failure ?? trans.__('no usable kernel')
      );
    case 'publish.dataIncomplete': {
      const { failed, skipped, recorded } = finding.params;
      return [
        failed.length > 0
          ? trans.__(
              'Data files not recorded: %1.',
              files(failed.map(file => Private.file(trans, file)))
            )
          : '',
        skipped.length > 0
          ? trans.__(
              'Data files not read: %1.',
              files(skipped.map(file => Private.file(trans, file)))
            )
          : '',
        trans._n(
          '%1 data file recorded with its SHA-256.',
          '%1 data files recorded with their SHA-256.',
          recorded
        )
      ]
        .filter(Boolean)
        .join(' ');
    }
    case 'publish.dataRecorded':
      return trans.__(
        'Data files recorded with their SHA-256: %1 (%2).',
        finding.params.count,
        formatBytes(finding.params.bytes)
      );
    case 'publish.version':
      return trans.__('Version %1.', finding.params.version);
    case 'publish.versionRepublished':
      return trans.__(
        'Version %1 was already published; publishing it again adds a second record.',
        finding.params.version
      );
    default:
      return unworded(finding);
  }
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * A sentence, then the note on lines too long to scan, if any.
   */
  export function withUnscanned(
    trans: TranslationBundle,
    text: string,
    params: { unscanned: Parameters<typeof unscannedText>[1] | null }
  ): string {
    if (params.unscanned === null) {
      return text;
    }
    const note = unscannedText(trans, params.unscanned);
    return `${text} ${note[0].toUpperCase()}${note.slice(1)}.`;
  }

  /**
   * One secret finding: `cell 3, line 2: AWS access key id (AKIA•••)`.
   */
  export function secret(
    trans: TranslationBundle,
    finding: ISecretFinding
  ): string {
    const where =
      finding.where === 'output'
        ? trans.__(
            'cell %1, output %2',
            finding.cell + 1,
            (finding.output ?? 0) + 1
          )
        : trans.__('cell %1, line %2', finding.cell + 1, finding.line);
    return trans.__(
      '%1: %2 (%3)',
      where,
      secretKindText(trans, finding.kind),
      finding.excerpt
    );
  }

  /**
   * One absolute path, with the path to use instead.
   */
  export function absolutePath(
    trans: TranslationBundle,
    finding: IAbsolutePathFinding
  ): string {
    return finding.relative !== null
      ? trans.__(
          'cell %1, line %2: %3 (use "%4")',
          finding.cell + 1,
          finding.line,
          finding.path,
          finding.relative
        )
      : trans.__(
          'cell %1, line %2: %3 (%4)',
          finding.cell + 1,
          finding.line,
          finding.path,
          pathAdviceText(trans, finding.advice)
        );
  }

  /**
   * A data file without a digest, and why.
   */
  export function file(
    trans: TranslationBundle,
    file: IPublishDataFile
  ): string {
    const why =
      file.code === null ? trans.__('not hashed') : reason(trans, file.code);
    return file.kept
      ? trans.__('%1 (%2, recorded entry kept)', file.path, why)
      : trans.__('%1 (%2)', file.path, why);
  }

  /**
   * Why a file could not be hashed, or was not read.
   */
  function reason(
    trans: TranslationBundle,
    code: HashErrorCode | HashSkipCode
  ): string {
    switch (code) {
      case 'missing':
        return trans.__('missing');
      case 'directory':
        return trans.__('a directory');
      case 'unreadable':
        return trans.__('unreadable');
      case 'outside':
        return trans.__('outside the project, not read');
      case 'hidden':
        return trans.__('a hidden file, not read');
      case 'special':
        return trans.__('not a regular file, not read');
      case 'too-large':
        return trans.__('over the size limit, not read');
      case 'unfinished':
        return trans.__('not finished');
      case 'unseen':
        return trans.__('the kernel cannot see the project folder');
      default:
        return unworded(code);
    }
  }
}
