// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import * as React from 'react';
import { TranslationBundle } from '@jupyterlab/translation';
import { DeclaredSource } from '../core/packages/declaredDependencies';
import { DeclaredStatus, summarizeDeclared } from '../core/packages/compare';
import type { IDeclaredState } from '../tokens';
import { declaredIssueText } from './messages/declared';

/**
 * Props of the declared-dependencies components.
 */
export interface IDeclaredProps {
  /**
   * The sources and their rows, from the session's packages.
   */
  declared: readonly IDeclaredState[];
  /**
   * The translation bundle.
   */
  trans: TranslationBundle;
  /**
   * Select and show a cell (the PEP 723 cell).
   */
  goToCell?: (index: number) => void;
}

/**
 * The compact form for the header's summary line: one field per source,
 * e.g. "PEP 723: 3 declared · 1 mismatch", with the packages in its tooltip.
 */
export function DeclaredSummary(
  props: IDeclaredProps
): React.ReactElement | null {
  const { declared, trans } = props;
  if (declared.length === 0) {
    return null;
  }
  return (
    <>
      {declared.map(({ source, rows }) => {
        const counts = summarizeDeclared(rows);
        const issues = [
          counts.mismatch &&
            trans._n('%1 mismatch', '%1 mismatches', counts.mismatch),
          counts.missing && trans.__('%1 missing', counts.missing),
          counts.undeclared && trans.__('%1 not declared', counts.undeclared),
          source.problems.length > 0 &&
            trans._n('%1 problem', '%1 problems', source.problems.length)
        ].filter(Boolean);
        const count = source.dependencies.length;
        const tooltip = [
          sourceLabel(source.source, source.cell, trans),
          ...rows
            .slice(0, 30)
            .map(
              row =>
                `${row.name}${row.declared ?? ''}: ${statusLabel(row.status, trans)}`
            ),
          ...source.problems
            .slice(0, 5)
            .map(problem => declaredIssueText(trans, problem))
        ].join('\n');
        return (
          <span
            key={source.source}
            className={`jp-nbproject-field jp-nbproject-declared-short${issues.length > 0 ? ' jp-nbproject-warn' : ''}`}
            data-field="declared"
            data-source={source.source}
            title={cut(tooltip, 2000)}
          >
            {[
              trans.__(
                '%1: %2 declared',
                shortLabel(source.source, trans),
                count
              ),
              ...issues
            ].join(' · ')}
          </span>
        );
      })}
    </>
  );
}

/**
 * The expanded form: a "Declared" entry of the header's details list with
 * one table per source (package, declared, live, status) and its problems.
 */
export function DeclaredDetails(
  props: IDeclaredProps
): React.ReactElement | null {
  const { declared, trans, goToCell } = props;
  if (declared.length === 0) {
    return null;
  }
  return (
    <>
      <dt>{trans.__('Declared')}</dt>
      <dd data-field="declared">
        {declared.map(({ source, rows }) => (
          <div
            key={source.source}
            className="jp-nbproject-declared"
            data-source={source.source}
          >
            <div className="jp-nbproject-declared-source">
              {source.cell !== null && goToCell ? (
                <button
                  className="jp-Button jp-mod-minimal jp-nbproject-link"
                  onClick={() => goToCell(source.cell ?? 0)}
                >
                  {sourceLabel(source.source, source.cell, trans)}
                </button>
              ) : (
                <span>{sourceLabel(source.source, source.cell, trans)}</span>
              )}
              {source.requiresPython !== null && (
                <span className="jp-nbproject-dim">
                  {' '}
                  {trans.__('Python %1', cut(source.requiresPython))}
                </span>
              )}
            </div>
            {rows.length === 0 ? (
              <span className="jp-nbproject-none">
                {trans.__('no dependencies declared')}
              </span>
            ) : (
              <table className="jp-nbproject-packages">
                <thead>
                  <tr>
                    <th>{trans.__('package')}</th>
                    <th>{trans.__('declared')}</th>
                    <th>{trans.__('live')}</th>
                    <th>{trans.__('status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.slice(0, MAX_ROWS).map(row => (
                    <tr
                      key={row.key}
                      data-package={row.key}
                      data-status={row.status}
                    >
                      <td>
                        <bdi>{cut(row.name)}</bdi>
                      </td>
                      <td>
                        {text(
                          row.declared === '' ? trans.__('any') : row.declared
                        )}
                      </td>
                      <td>{text(row.live)}</td>
                      <td
                        className={`jp-nbproject-status jp-mod-${row.status}`}
                      >
                        {statusLabel(row.status, trans)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {rows.length > MAX_ROWS && (
              <span className="jp-nbproject-none">
                {trans.__('and %1 more', rows.length - MAX_ROWS)}
              </span>
            )}
            {source.problems.length > 0 && (
              <ul className="jp-nbproject-problems">
                {source.problems.slice(0, 10).map((problem, i) => (
                  <li key={i}>{cut(declaredIssueText(trans, problem), 300)}</li>
                ))}
              </ul>
            )}
          </div>
        ))}
      </dd>
    </>
  );
}

/**
 * Most rows a table shows.
 */
const MAX_ROWS = 200;

/**
 * A source in words, e.g. "PEP 723 cell 1", "uv.lock".
 */
function sourceLabel(
  source: DeclaredSource,
  cell: number | null,
  trans: TranslationBundle
): string {
  switch (source) {
    case 'pep723':
      return cell === null
        ? trans.__('PEP 723 cell')
        : trans.__('PEP 723 cell %1', cell + 1);
    case 'uv.lock':
      return trans.__('uv.lock (notebook metadata)');
    case 'requirements':
      return trans.__('requirements: Pipfile (jupyterlab-requirements)');
    case 'requirements_lock':
      return trans.__('requirements: Pipfile.lock (jupyterlab-requirements)');
  }
}

/**
 * A source in one word or two, for the summary line.
 */
function shortLabel(source: DeclaredSource, trans: TranslationBundle): string {
  switch (source) {
    case 'pep723':
      return trans.__('PEP 723');
    case 'uv.lock':
      return trans.__('uv.lock');
    case 'requirements':
      return trans.__('requirements');
    case 'requirements_lock':
      return trans.__('requirements lock');
  }
}

function statusLabel(status: DeclaredStatus, trans: TranslationBundle): string {
  switch (status) {
    case 'match':
      return trans.__('match');
    case 'mismatch':
      return trans.__('mismatch');
    case 'missing':
      return trans.__('missing');
    case 'installed':
      return trans.__('installed');
    case 'undeclared':
      return trans.__('not declared');
    case 'unknown':
      return trans.__('no kernel');
  }
}

/**
 * Cut a stranger's string to a length the header can show.
 */
function cut(value: string, max = 80): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

/**
 * A value as text, or a dash when it is missing.
 */
function text(value: string | null): React.ReactElement {
  return value === null || value === '' ? (
    <span className="jp-nbproject-none">—</span>
  ) : (
    <bdi>{cut(value)}</bdi>
  );
}
