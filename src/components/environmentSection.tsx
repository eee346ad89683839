// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import * as React from 'react';
import { TranslationBundle } from '@jupyterlab/translation';
import { cut } from '../core/common/text';
import type { IEnvironmentDrift } from '../core/packages/environment';
import type { INotebookSession } from '../tokens';
import {
  driftStatusText,
  environmentFindingText
} from './messages/environment';

/**
 * Props of the environment components.
 */
export interface IEnvironmentProps {
  /**
   * The session's environment comparison.
   */
  environment: INotebookSession.IEnvironment;
  /**
   * The translation bundle.
   */
  trans: TranslationBundle;
  /**
   * Install the stored versions of what differs; no button without it.
   */
  onInstall?: () => void;
}

/**
 * The collapsed header's field: "environment: 4 changed (2 under your
 * imports)", after any Python or platform difference; nothing without a
 * snapshot or before the comparison.
 */
export function EnvironmentSummary(
  props: IEnvironmentProps
): React.ReactElement | null {
  const { environment, trans } = props;
  const drift = environment.drift;
  if (!drift) {
    return null;
  }
  const counts = Private.counts(drift);
  const sentences = drift.findings.map(finding =>
    environmentFindingText(trans, finding)
  );
  const differs = drift.findings.length > 1 || drift.rows.length > 0;
  return (
    <span
      className={`jp-nbproject-field jp-nbproject-environment-short${differs ? ' jp-nbproject-warn' : ''}`}
      data-field="environment-drift"
      data-changed={counts.changed}
      data-under-imports={counts.underImports}
      title={sentences.join('\n')}
    >
      {sentences.join(' ')}
    </span>
  );
}

/**
 * The expanded header's table: one row per changed, missing or added
 * distribution, with a filter for those under the notebook's imports.
 */
export function EnvironmentDetails(
  props: IEnvironmentProps
): React.ReactElement | null {
  const { environment, trans, onInstall } = props;
  const [mine, setMine] = React.useState(false);
  const drift = environment.drift;
  if (environment.state === 'none') {
    return null;
  }
  if (!drift) {
    return (
      <span className="jp-nbproject-none" data-state={environment.state}>
        {environment.state === 'failed'
          ? trans.__('The kernel could not list its environment.')
          : trans.__('Waiting for the kernel…')}
      </span>
    );
  }
  const rows = drift.rows.filter(row => !mine || row.underImports);
  return (
    <div className="jp-nbproject-environment">
      <ul>
        {drift.findings.map((finding, i) => (
          <li key={i} data-finding={finding.code}>
            {environmentFindingText(trans, finding)}
          </li>
        ))}
      </ul>
      {drift.rows.length > 0 && (
        <>
          <label className="jp-nbproject-environment-filter">
            <input
              type="checkbox"
              checked={mine}
              onChange={event => setMine(event.currentTarget.checked)}
            />{' '}
            {trans.__('under my imports')}
          </label>
          {onInstall && drift.rows.some(row => row.status !== 'added') && (
            <button
              className="jp-Button jp-mod-minimal jp-nbproject-link jp-nbproject-install-stored"
              title={trans.__(
                'Install the published versions into this kernel, after a dialog listing them'
              )}
              onClick={event => {
                event.stopPropagation();
                onInstall();
              }}
            >
              {trans.__('Install the stored versions…')}
            </button>
          )}
          <table className="jp-nbproject-packages jp-nbproject-drift">
            <thead>
              <tr>
                <th>{trans.__('package')}</th>
                <th>{trans.__('published')}</th>
                <th>{trans.__('live')}</th>
                <th>{trans.__('status')}</th>
                <th>{trans.__('under your imports')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, Private.MAX_ROWS).map(row => (
                <tr
                  key={row.key}
                  data-package={row.key}
                  data-status={row.status}
                  data-under-imports={String(row.underImports)}
                >
                  <td>
                    <bdi>{cut(row.name, 80)}</bdi>
                  </td>
                  <td>{cut(row.stored ?? '—', 80)}</td>
                  <td>{cut(row.live ?? '—', 80)}</td>
                  <td className={`jp-nbproject-status jp-mod-${row.status}`}>
                    {driftStatusText(trans, row.status)}
                  </td>
                  <td>{row.underImports ? trans.__('yes') : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length > Private.MAX_ROWS && (
            <span className="jp-nbproject-none">
              {trans.__('and %1 more', rows.length - Private.MAX_ROWS)}
            </span>
          )}
        </>
      )}
    </div>
  );
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * Most rows shown.
   */
  export const MAX_ROWS = 200;

  /**
   * The package counts of a drift.
   */
  export function counts(drift: IEnvironmentDrift): {
    changed: number;
    underImports: number;
  } {
    const last = drift.findings[drift.findings.length - 1];
    return last?.code === 'environment.drift'
      ? last.params
      : { changed: 0, underImports: 0 };
  }
}
