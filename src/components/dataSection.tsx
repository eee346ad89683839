// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import * as React from 'react';
import { TranslationBundle } from '@jupyterlab/translation';
import { SCAN_LIMITS } from '../core/common/scanLimits';
import {
  pathAdviceText,
  secretAdviceText,
  secretKindText
} from './messages/hygiene';
import { hashErrorText, kernelHashFailureText } from './messages/hashing';
import type { IDataRow, INotebookSession } from '../tokens';
import { formatBytes } from '../core/common/text';

/**
 * Properties of the data components (the header renders them again when
 * its session changes).
 */
export interface IDataViewProps {
  /**
   * The notebook's data files.
   */
  data: INotebookSession.IData;
  /**
   * The notebook's hygiene findings.
   */
  hygiene: INotebookSession.IHygiene;
  /**
   * The translation bundle.
   */
  trans: TranslationBundle;
  /**
   * Select and show the cell at an index.
   */
  goToCell: (index: number) => void;
}

/**
 * The header's one-line data and hygiene summary: "data: 1 changed" and
 * "2 hygiene warnings", shown only when there is something to say.
 */
export function DataSummary(props: IDataViewProps): React.ReactElement | null {
  return Private.summary(props);
}

/**
 * The header's expanded data section: one row per data file (recorded or
 * read) with its status, and the hygiene warnings, each linking to its
 * cell. Rendered as `<dt>`/`<dd>` pairs of the details list.
 */
export function DataDetails(props: IDataViewProps): React.ReactElement {
  return Private.details(props);
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * Most rows a list shows.
   */
  const MAX_ROWS = 200;

  /**
   * Cut a stranger's string.
   */
  function cut(value: string, max = 120): string {
    return value.length > max ? `${value.slice(0, max)}…` : value;
  }

  export function summary({
    data,
    hygiene,
    trans
  }: IDataViewProps): React.ReactElement | null {
    const changed = data.rows.filter(row => row.status === 'changed').length;
    const missing = data.rows.filter(row => row.status === 'missing').length;
    const unchecked = data.rows.filter(
      row => row.status === 'not-checked'
    ).length;
    const warnings = hygiene.secrets.length + hygiene.absolutePaths.length;
    const parts = [
      changed > 0 && trans.__('%1 changed', changed),
      missing > 0 && trans.__('%1 missing', missing),
      unchecked > 0 && trans.__('%1 not checked', unchecked)
    ].filter(Boolean);
    if (parts.length === 0 && warnings === 0) {
      return null;
    }
    return (
      <>
        {parts.length > 0 && (
          <span
            className="jp-nbproject-field jp-nbproject-warn"
            data-field="data-summary"
            title={trans.__('data: %1', parts.join(' · '))}
          >
            {trans.__('data: %1', parts.join(' · '))}
          </span>
        )}
        {warnings > 0 && (
          <span
            className={`jp-nbproject-field ${hygiene.secrets.length > 0 ? 'jp-nbproject-error' : 'jp-nbproject-warn'}`}
            data-field="hygiene-summary"
            title={trans._n(
              '%1 hygiene warning (credentials, home-directory paths): expand the header for the list',
              '%1 hygiene warnings (credentials, home-directory paths): expand the header for the list',
              warnings
            )}
          >
            {trans._n('%1 hygiene warning', '%1 hygiene warnings', warnings)}
          </span>
        )}
      </>
    );
  }

  export function details(props: IDataViewProps): React.ReactElement {
    const { data, hygiene, trans } = props;
    const warnings = hygiene.secrets.length + hygiene.absolutePaths.length;
    return (
      <>
        {(data.rows.length > 0 || data.state !== 'idle') && (
          <>
            <dt>{trans.__('Data')}</dt>
            <dd data-field="data" data-state={data.state}>
              {dataRows(props)}
            </dd>
          </>
        )}
        {(warnings > 0 || hygiene.unscanned.count > 0) && (
          <>
            <dt>{trans.__('Hygiene')}</dt>
            <dd data-field="hygiene">{findings(props)}</dd>
          </>
        )}
      </>
    );
  }

  function dataRows({
    data: model,
    trans
  }: IDataViewProps): React.ReactElement {
    const label: Record<IDataRow['status'], string> = {
      unchanged: trans.__('unchanged'),
      changed: trans.__('changed'),
      missing: trans.__('missing'),
      new: trans.__('new, not recorded'),
      pending: trans.__('not verified'),
      'not-checked': trans.__('not checked')
    };
    const reasons: Record<NonNullable<IDataRow['reason']>, string> = {
      outside: trans.__('outside the project, not checked'),
      hidden: trans.__('hidden file, not checked'),
      special: trans.__('not a regular file, not read'),
      'too-large': trans.__('too large to check'),
      unfinished: trans.__('not checked yet'),
      unseen: trans.__('not checked: the kernel cannot see the project folder')
    };
    const progress = model.progress;
    const state: Record<typeof model.state, string> = {
      idle: '',
      waiting: trans.__('Verified once a Python kernel is ready.'),
      hashing: progress
        ? trans.__(
            'Hashing the data files in the kernel: %1 of %2…',
            progress.files,
            progress.total
          )
        : trans.__('Hashing the data files in the kernel…'),
      done: '',
      failed: model.failure
        ? trans.__(
            'The data files could not be hashed: %1',
            cut(kernelHashFailureText(trans, model.failure), 300)
          )
        : ''
    };
    const title = (row: IDataRow): string => {
      const lines: string[] = [];
      if (row.stored) {
        lines.push(
          trans.__(
            'recorded: %1, sha256 %2',
            formatBytes(row.stored.size),
            row.stored.sha256
          )
        );
      }
      if (row.current) {
        lines.push(
          trans.__(
            'now: %1, sha256 %2',
            formatBytes(row.current.size),
            row.current.sha256
          )
        );
      }
      const error = hashErrorText(trans, row);
      if (error) {
        lines.push(cut(error, 300));
      }
      if (row.resolved !== undefined && row.resolved !== row.path) {
        lines.push(trans.__('leads to %1', cut(row.resolved, 300)));
      }
      if (row.size !== undefined) {
        lines.push(trans.__('size: %1', formatBytes(row.size)));
      }
      if (row.notData) {
        lines.push(
          trans.__(
            'A hidden file holds settings or credentials, not data: it is not read, and not to record.'
          )
        );
      } else if (row.reason === 'outside' || row.reason === 'hidden') {
        lines.push(
          trans.__(
            'Only files inside the project are read. To record this one, add it by hand (Add a Data File).'
          )
        );
      }
      return lines.join('\n');
    };
    return (
      <>
        {state[model.state] && (
          <span className="jp-nbproject-data-state" data-state={model.state}>
            {state[model.state]}{' '}
          </span>
        )}
        {model.rows.length > 0 && (
          <table className="jp-nbproject-data">
            <tbody>
              {model.rows.slice(0, MAX_ROWS).map(row => (
                <tr
                  key={row.path}
                  data-path={row.path}
                  data-status={row.status}
                  data-reason={row.reason}
                  title={title(row)}
                >
                  <td>
                    <bdi>{cut(row.path)}</bdi>
                  </td>
                  <td className={`jp-nbproject-status jp-mod-${row.status}`}>
                    {row.reason ? reasons[row.reason] : label[row.status]}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {model.rows.length > MAX_ROWS && (
          <span className="jp-nbproject-none">
            {trans.__('and %1 more', model.rows.length - MAX_ROWS)}
          </span>
        )}
        {progress ? (
          <button
            className="jp-Button jp-mod-minimal jp-nbproject-link"
            data-action="stop-verify"
            title={trans.__('Stop hashing after the current step')}
            onClick={event => {
              event.stopPropagation();
              model.stop();
            }}
          >
            {trans.__('Stop')}
          </button>
        ) : (
          <button
            className="jp-Button jp-mod-minimal jp-nbproject-link"
            data-action="verify-data"
            disabled={model.state === 'hashing'}
            title={trans.__(
              'Hash the data files inside the project in the kernel, a second at a time until done, and compare them with the manifest'
            )}
            onClick={event => {
              event.stopPropagation();
              void model.verify({ all: true });
            }}
          >
            {trans.__('Check again')}
          </button>
        )}
      </>
    );
  }

  function findings({
    hygiene: model,
    trans,
    goToCell
  }: IDataViewProps): React.ReactElement {
    const link = (cell: number) => (
      <button
        className="jp-Button jp-mod-minimal jp-nbproject-link"
        onClick={() => goToCell(cell)}
      >
        {trans.__('cell %1', cell + 1)}
      </button>
    );
    return (
      <ul className="jp-nbproject-hygiene">
        {model.secrets.slice(0, MAX_ROWS).map((finding, i) => (
          <li
            key={`s${i}`}
            data-kind="secret"
            data-cell={finding.cell}
            className="jp-nbproject-error"
            title={secretAdviceText(trans, finding.advice)}
          >
            {link(finding.cell)}{' '}
            {finding.where === 'output'
              ? trans.__(
                  '%1 in output %2:',
                  secretKindText(trans, finding.kind),
                  (finding.output ?? 0) + 1
                )
              : trans.__(
                  '%1 on line %2:',
                  secretKindText(trans, finding.kind),
                  finding.line
                )}{' '}
            <code>
              <bdi>{cut(finding.excerpt)}</bdi>
            </code>{' '}
            <span className="jp-nbproject-hint">
              {trans.__(
                'Read it with os.environ[…] (python-dotenv for a .env file) instead.'
              )}
            </span>
          </li>
        ))}
        {model.absolutePaths.slice(0, MAX_ROWS).map((finding, i) => (
          <li
            key={`p${i}`}
            data-kind="absolute-path"
            data-cell={finding.cell}
            className="jp-nbproject-warn"
          >
            {link(finding.cell)}{' '}
            {trans.__('path on this machine only, line %1:', finding.line)}{' '}
            <code>
              <bdi>{cut(finding.path)}</bdi>
            </code>{' '}
            <span className="jp-nbproject-hint" data-field="suggestion">
              {finding.relative !== null
                ? trans.__(
                    'use "%1" (relative to the notebook)',
                    cut(finding.relative)
                  )
                : cut(pathAdviceText(trans, finding.advice), 300)}
            </span>
          </li>
        ))}
        {model.unscanned.count > 0 && (
          <li
            data-kind="unscanned"
            data-cell={model.unscanned.cells[0]}
            className="jp-nbproject-warn"
          >
            {link(model.unscanned.cells[0])}{' '}
            {trans._n(
              '%1 line longer than %2 characters not scanned',
              '%1 lines longer than %2 characters not scanned',
              model.unscanned.count,
              SCAN_LIMITS.maxLineLength.toLocaleString()
            )}
          </li>
        )}
      </ul>
    );
  }
}
