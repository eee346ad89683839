// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import * as React from 'react';
import { flushSync } from 'react-dom';
import { Clipboard } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Message, MessageLoop } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';
import { parseTimestamp } from '../core/nbproject/ids';
import {
  authorLabel,
  INbprojectMetadata,
  parentList
} from '../core/nbproject/metadata';
import type { IMarkedCell, IMonitorReport, INotebookSession } from '../tokens';
import type { IPackageComparison } from '../core/packages/compare';
import type { IInstallGroup } from '../core/packages/installGroups';
import { markedCellText } from './messages/execution';
import { VerifySummary } from './verifySection';
import { metadataIssueText } from './messages/metadata';

/**
 * The class of the header's root node (stable: tests and themes use it).
 */
export const HEADER_CLASS = 'jp-nbproject-header';

/**
 * The header above a notebook: renders its nbproject session.
 *
 * Everything shown from the notebook's metadata is rendered as text (React
 * escapes it), cut to a readable length, and isolated with `<bdi>` so
 * right-to-left or invisible characters cannot rearrange the line.
 */
export class HeaderView extends ReactWidget {
  /**
   * Create a header view.
   */
  constructor(session: INotebookSession, options: HeaderView.IOptions) {
    super();
    this._session = session;
    this._trans = options.trans;
    this._actions = options.actions;
    this.addClass(HEADER_CLASS);
    this.node.setAttribute('aria-label', this._trans.__('nbproject metadata'));
    session.changed.connect(this._onChanged, this);
  }

  /**
   * The session shown.
   */
  get session(): INotebookSession {
    return this._session;
  }

  /**
   * Stop following the session.
   */
  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._session.changed.disconnect(this._onChanged, this);
    this._resizer?.disconnect();
    this._resizer = null;
    this._observed = null;
    super.dispose();
  }

  /**
   * Re-render, then size the header to its content. The notebook panel lays
   * out its content header with a box layout, which gives a child no more
   * than its CSS minimum height; so the minimum follows the content and the
   * panel is asked to fit again when the height changes.
   *
   * The content's height is read in a `ResizeObserver`'s callback, which
   * the browser calls after laying the page out for a frame: read at once
   * after rendering, it forced a layout of the page, the notebook's cells
   * included, before the notebook's first frame.
   */
  protected onUpdateRequest(msg: Message): void {
    super.onUpdateRequest(msg);
    void this.renderPromise?.then(() => {
      const body = this.node.firstElementChild as HTMLElement | null;
      if (this.isDisposed || !body) {
        return;
      }
      if (typeof ResizeObserver !== 'function') {
        this._fitContent();
        return;
      }
      if (body !== this._observed) {
        this._resizer ??= new ResizeObserver(() => this._fitContent());
        if (this._observed) {
          this._resizer.unobserve(this._observed);
        }
        this._resizer.observe(body);
        this._observed = body;
      }
    });
  }

  /**
   * Make the header's minimum height its content's, and have the panel lay
   * it out again when that changed.
   */
  private _fitContent(): void {
    const body = this.node.firstElementChild as HTMLElement | null;
    // A header in a hidden panel has no height: keep the last one.
    if (this.isDisposed || !body || body.offsetHeight === 0) {
      return;
    }
    const border = this.node.offsetHeight - this.node.clientHeight;
    const height = `${body.offsetHeight + border}px`;
    if (this.node.style.minHeight !== height) {
      this.node.style.minHeight = height;
      // At once: in the observer's callback the panel is laid out again
      // before the frame is painted (posted, it would wait a frame).
      if (this.parent) {
        MessageLoop.sendMessage(this.parent, Widget.Msg.FitRequest);
      }
    }
  }

  /**
   * Render again, and at once the first time the session is ready: what the
   * metadata says shows as soon as the notebook has loaded. Left to the
   * next animation frame and React's scheduler, that render would wait
   * behind everything a large notebook queued there (its cells' layout and
   * toolbars): seconds for 2,000 cells, the header reading "loading" all along.
   */
  private _onChanged(): void {
    if (!this._shownReady && this._session.isReady && this.isAttached) {
      this._shownReady = true;
      flushSync(() => MessageLoop.sendMessage(this, Widget.Msg.UpdateRequest));
      return;
    }
    this.update();
  }

  protected render(): React.ReactElement {
    return <div className="jp-nbproject-body">{this._renderBody()}</div>;
  }

  private _renderBody(): React.ReactElement {
    const session = this._session;
    const trans = this._trans;
    this.toggleClass('jp-mod-expanded', session.expanded);
    if (!session.isReady) {
      return (
        <div className="jp-nbproject-line jp-nbproject-loading">
          {trans.__('nbproject: loading…')}
        </div>
      );
    }
    const sections = this._sections();
    const { read } = session.metadata;
    if (!read.present) {
      return (
        <div className="jp-nbproject-line" data-tracked="false">
          <span className="jp-nbproject-brand">nbproject</span>
          <span className="jp-nbproject-untracked">
            {trans.__('This notebook is not tracked.')}
          </span>
          <button
            className="jp-Button jp-mod-styled jp-mod-accept jp-nbproject-init"
            title={trans.__(
              'Give this notebook an id, version and creation time (nbproject format)'
            )}
            onClick={this._actions.initialize}
          >
            {trans.__('Initialize')}
          </button>
          {sections && (
            <sections.DeclaredSummary
              declared={session.packages.declared}
              trans={trans}
            />
          )}
        </div>
      );
    }
    const meta = read.metadata;
    const problems = read.problems.map(problem =>
      metadataIssueText(trans, problem)
    );
    return (
      <>
        {/* The line toggles the details on a click anywhere but on its
            own buttons; for the keyboard and screen readers the toggle is
            the caret, a button of its own (a button inside a button is
            neither reachable nor announced). */}
        <div
          className="jp-nbproject-line jp-nbproject-toggle"
          data-tracked="true"
          title={
            session.expanded
              ? trans.__('Click to collapse')
              : trans.__('Click to expand')
          }
          onClick={this._onLineClick}
        >
          <button
            type="button"
            className={`jp-nbproject-caret${session.expanded ? ' jp-mod-expanded' : ''}`}
            aria-expanded={session.expanded}
            aria-label={trans.__('nbproject details')}
          />
          <span className="jp-nbproject-brand">nbproject</span>
          {meta && this._renderSummary(meta)}
          {problems.length > 0 && (
            <span
              className="jp-nbproject-problem-count"
              title={Private.cut(problems.join('\n'), 2000)}
            >
              {trans._n('%1 problem', '%1 problems', problems.length)}
            </span>
          )}
        </div>
        {problems.length > 0 && (
          <ul className="jp-nbproject-problems" role="status">
            {(session.expanded ? problems : problems.slice(0, 1)).map(
              (problem, i) => (
                <li key={i}>{problem}</li>
              )
            )}
          </ul>
        )}
        {session.expanded && meta && this._renderDetails(meta)}
      </>
    );
  }

  private _renderSummary(meta: INbprojectMetadata): React.ReactElement {
    const trans = this._trans;
    const sections = Private.sections;
    const created = meta.time_init ? parseTimestamp(meta.time_init) : null;
    const packages = Object.keys(meta.pypackage ?? {}).length;
    return (
      <>
        {meta.id !== null && (
          <span className="jp-nbproject-field jp-nbproject-id" data-field="id">
            <Id id={meta.id} />
          </span>
        )}
        {meta.version !== null && (
          <span
            className="jp-nbproject-field"
            data-field="version"
            title={trans.__('Version')}
          >
            <bdi>{Private.cut(`v${meta.version}`)}</bdi>
          </span>
        )}
        {created && (
          <span
            className="jp-nbproject-field"
            data-field="time_init"
            title={meta.time_init ?? ''}
          >
            {trans.__('created %1', created.toLocaleDateString())}
          </span>
        )}
        {this._renderBadge()}
        {sections && (
          <sections.HiddenStateBadge
            report={this._session.hiddenState.report}
            trans={trans}
          />
        )}
        {this._renderPackageSummary(packages)}
        {sections && (
          <>
            <sections.DeclaredSummary
              declared={this._session.packages.declared}
              trans={trans}
            />
            <sections.EnvironmentSummary
              environment={this._session.environment}
              trans={trans}
            />
          </>
        )}
        {this._renderPublished()}
        <VerifySummary
          verification={this._session.verification}
          trans={trans}
          compare={this._actions.compareVerified}
          verify={this._actions.verify}
          keep={this._actions.keepVerified}
        />
        {sections && (
          <sections.DataSummary
            data={this._session.data}
            hygiene={this._session.hygiene}
            trans={trans}
            goToCell={this._actions.goToCell}
          />
        )}
      </>
    );
  }

  /**
   * The consecutiveness badge: "Ran in order" or "Not in order: N cells";
   * "Running: N cells to go" while cells run.
   */
  private _renderBadge(): React.ReactElement | null {
    const trans = this._trans;
    const { execution } = this._session;
    if (!execution.hasRead) {
      // No verdict on the empty model the monitor started on.
      return null;
    }
    const report = execution.report;
    // The header renders for every part's change: the badge only when the
    // report is new (the same element is left alone by React).
    if (this._badge?.report === report) {
      return this._badge.element;
    }
    let count = 0;
    for (const cell of report.cells) {
      count += cell.affectsVerdict ? 1 : 0;
    }
    // A mark that did not change keeps its object (and its words) from one
    // report to the next: a "run all" words a few new ones per batch.
    const detail = report.cells
      .slice(0, 20)
      .map(cell => {
        let line = this._cellLines.get(cell);
        if (line === undefined) {
          line = trans.__(
            'Cell %1: %2',
            cell.index + 1,
            markedCellText(trans, cell)
          );
          this._cellLines.set(cell, line);
        }
        return line;
      })
      .join('\n');
    // Nothing ran yet, or nothing to run: no order to praise or blame
    // (nbproject's rule passes one code cell not run, not two; either
    // way nothing ran). Its button still runs them all.
    const notRun = !report.ran;
    const noCode = notRun && !report.hasCode;
    if (report.running > 0) {
      // A run under way: the cells it has not reached yet have no count,
      // which would read as out of order until it ends.
      const element = (
        <span
          className="jp-nbproject-badge jp-mod-none"
          data-consecutive={String(report.consecutive)}
          data-ran={String(report.ran)}
          data-running={String(report.running)}
          title={trans.__(
            'Cells are running: whether they ran once, in order, is said when the run ends.'
          )}
        >
          {trans._n(
            'Running: %1 cell to go',
            'Running: %1 cells to go',
            report.running
          )}
        </span>
      );
      this._badge = { report, element };
      return element;
    }
    const element = (
      <span
        className={`jp-nbproject-badge ${notRun ? 'jp-mod-none' : report.consecutive ? 'jp-mod-ok' : 'jp-mod-warn'}`}
        data-consecutive={String(report.consecutive)}
        data-ran={String(report.ran)}
        title={
          detail ||
          (noCode
            ? trans.__('The notebook has no code to run.')
            : notRun
              ? trans.__(
                  'No code cell has run yet: once they run, this says whether they ran once, in order.'
                )
              : trans.__(
                  'The code cells ran once, in order, from a fresh kernel.'
                ))
        }
      >
        {noCode
          ? trans.__('No code')
          : notRun
            ? trans.__('Not run yet')
            : report.consecutive
              ? trans.__('Ran in order')
              : trans._n(
                  'Not in order: %1 cell',
                  'Not in order: %1 cells',
                  Math.max(count, 1)
                )}
        {!report.consecutive && (
          <button
            className="jp-Button jp-mod-minimal jp-nbproject-rerun"
            title={trans.__('Restart the kernel and run all cells')}
            onClick={event => {
              event.stopPropagation();
              this._actions.restartRunAll();
            }}
          >
            {trans.__('Restart & run all')}
          </button>
        )}
      </span>
    );
    this._badge = { report, element };
    return element;
  }

  /**
   * Each install line once, with a link to the first cell it is in and how
   * many more repeat it; at most {@link Private.MAX_INSTALLS} lines.
   */
  private _renderInstalls(
    groups: readonly IInstallGroup[]
  ): React.ReactElement[] {
    const trans = this._trans;
    const rows = groups.slice(0, Private.MAX_INSTALLS).map((group, i) => {
      const [first] = group.cells;
      const others = group.cells.length - 1;
      return (
        <li key={i}>
          <code>{Private.cut(group.line, 200)}</code>{' '}
          <button
            className="jp-Button jp-mod-minimal jp-nbproject-link"
            onClick={() => this._actions.goToCell(first)}
          >
            {trans.__('cell %1', first + 1)}
          </button>
          {others > 0 &&
            ` ${trans._n('and %1 more cell', 'and %1 more cells', others)}`}
        </li>
      );
    });
    if (groups.length > Private.MAX_INSTALLS) {
      rows.push(
        <li key="more">
          {trans._n(
            'and %1 more line',
            'and %1 more lines',
            groups.length - Private.MAX_INSTALLS
          )}
        </li>
      );
    }
    return rows;
  }

  /**
   * "3 packages - 1 mismatch", or the stored count and the kernel's state.
   */
  private _renderPackageSummary(stored: number): React.ReactElement {
    const trans = this._trans;
    const { packages, kernel } = this._session;
    const rows = packages.rows;
    const summary = packages.summary;
    const issues = [
      summary.mismatch &&
        trans._n('%1 mismatch', '%1 mismatches', summary.mismatch),
      summary.missing && trans.__('%1 missing', summary.missing),
      summary.unstored && trans.__('%1 not stored', summary.unstored)
    ].filter(Boolean);
    // The count and the issues are apart, so that a narrow header can show
    // the issues alone (style/base.css).
    const total = kernel.environment
      ? trans._n('%1 package', '%1 packages', rows.length)
      : trans._n('%1 stored package', '%1 stored packages', stored);
    const short: Partial<Record<string, string>> = {
      'no-kernel': trans.__('no kernel'),
      dead: trans.__('kernel dead'),
      'not-python': trans.__('not a Python kernel'),
      busy: trans.__('kernel busy'),
      error: trans.__('kernel did not answer')
    };
    const state = short[kernel.state];
    return (
      <>
        <span
          className={`jp-nbproject-field${issues.length > 0 ? ' jp-nbproject-warn' : ''}`}
          data-field="packages"
          title={[
            kernel.environment && issues.length > 0
              ? `${total} · ${issues.join(' · ')}`
              : total,
            // The packages behind the counts, the first few.
            ...(kernel.environment
              ? Private.packageIssues(trans, rows).slice(0, 10)
              : []),
            kernel.message
          ]
            .filter(Boolean)
            .join('\n')}
        >
          {kernel.environment && issues.length > 0 ? (
            <>
              <span className="jp-nbproject-total">{`${total} · `}</span>
              <span className="jp-nbproject-issues">{issues.join(' · ')}</span>
            </>
          ) : (
            total
          )}
        </span>
        {state && (
          <span
            className="jp-nbproject-field jp-nbproject-kernel-short"
            data-field="kernel"
            data-state={kernel.state}
            title={kernel.message}
          >
            {state}
          </span>
        )}
      </>
    );
  }

  /**
   * "Published v3 - date", or "modified since v3".
   */
  private _renderPublished(): React.ReactElement | null {
    const trans = this._trans;
    const published = this._session.metadata.published;
    if (!published) {
      return null;
    }
    const { record, modified } = published;
    const date = parseTimestamp(record.time);
    return (
      <span
        className={`jp-nbproject-field jp-nbproject-published${modified ? ' jp-nbproject-warn' : ''}`}
        data-field="published"
        data-modified={String(modified)}
        title={record.note ? Private.cut(record.note, 500) : ''}
      >
        {modified
          ? trans.__('modified since v%1', Private.cut(record.version))
          : trans.__(
              'Published v%1 · %2',
              Private.cut(record.version),
              date ? date.toLocaleDateString() : ''
            )}
      </span>
    );
  }

  private _renderDetails(meta: INbprojectMetadata): React.ReactElement {
    const trans = this._trans;
    const sections = Private.sections;
    const created = meta.time_init ? parseTimestamp(meta.time_init) : null;
    const parents = parentList(meta);
    const author = authorLabel(meta);
    const extra = Object.keys(meta.extra);
    return (
      <dl className="jp-nbproject-details">
        <dt>{trans.__('Id')}</dt>
        <dd data-field="id">
          {meta.id === null ? (
            <span className="jp-nbproject-none">{trans.__('none')}</span>
          ) : (
            <>
              <bdi className="jp-nbproject-id-full">{Private.cut(meta.id)}</bdi>
              <button
                className="jp-Button jp-mod-minimal jp-nbproject-copy"
                title={trans.__('Copy the full id')}
                onClick={event => {
                  event.stopPropagation();
                  Clipboard.copyToSystem(meta.id ?? '');
                }}
              >
                {trans.__('Copy')}
              </button>
            </>
          )}
        </dd>
        <dt>{trans.__('Version')}</dt>
        <dd data-field="version">
          {Private.text(meta.version, trans.__('none'))}
        </dd>
        <dt>{trans.__('Created')}</dt>
        <dd
          data-field="time_init"
          title={Private.cut(meta.time_init ?? '', 200)}
        >
          {created
            ? created.toLocaleString()
            : Private.text(meta.time_init, trans.__('unknown'))}
        </dd>
        <dt>{trans.__('Parents')}</dt>
        <dd data-field="parent">
          {parents.length === 0 ? (
            <span className="jp-nbproject-none">{trans.__('none')}</span>
          ) : (
            parents.slice(0, Private.MAX_ROWS).map((parent, i) => (
              <span key={i} className="jp-nbproject-parent">
                <Id id={parent} />
              </span>
            ))
          )}
        </dd>
        <dt>{trans.__('Author')}</dt>
        <dd data-field="author">{Private.text(author, trans.__('unknown'))}</dd>
        <dt>{trans.__('Packages')}</dt>
        <dd data-field="pypackage">{this._renderPackages()}</dd>
        {sections && (
          <sections.DeclaredDetails
            declared={this._session.packages.declared}
            trans={trans}
            goToCell={this._actions.goToCell}
          />
        )}
        <dt>{trans.__('Environment')}</dt>
        <dd data-field="environment">{this._renderEnvironment()}</dd>
        {sections && this._session.environment.state !== 'none' && (
          <>
            <dt>{trans.__('Published environment')}</dt>
            <dd data-field="environment-drift">
              <sections.EnvironmentDetails
                environment={this._session.environment}
                trans={trans}
                onInstall={this._actions.installStored}
              />
            </dd>
          </>
        )}
        {this._session.packages.installs.length > 0 && (
          <>
            <dt>{trans.__('Installs')}</dt>
            <dd data-field="installs" className="jp-nbproject-warn">
              {trans.__(
                'Packages are installed while the notebook runs instead of being recorded:'
              )}
              <ul>
                {this._renderInstalls(this._session.packages.installGroups)}
              </ul>
            </dd>
          </>
        )}
        {this._session.packages.unparsed.length > 0 && (
          <>
            <dt>{trans.__('Not read')}</dt>
            <dd data-field="unparsed">
              {trans._n(
                '%1 code cell is too large, or nests brackets too deep, to read its imports:',
                '%1 code cells are too large, or nest brackets too deep, to read their imports:',
                this._session.packages.unparsed.length
              )}{' '}
              {this._session.packages.unparsed
                .slice(0, Private.MAX_ROWS)
                .map(({ cell }) => (
                  <button
                    key={cell}
                    className="jp-Button jp-mod-minimal jp-nbproject-link"
                    onClick={() => this._actions.goToCell(cell)}
                  >
                    {trans.__('cell %1', cell + 1)}
                  </button>
                ))}
            </dd>
          </>
        )}
        {this._renderExecutionDetails()}
        {sections && (
          <>
            <sections.HiddenStateDetails
              report={this._session.hiddenState.report}
              trans={trans}
              goToCell={this._actions.goToCell}
            />
            <sections.DataDetails
              data={this._session.data}
              hygiene={this._session.hygiene}
              trans={trans}
              goToCell={this._actions.goToCell}
            />
          </>
        )}
        {extra.length > 0 && (
          <>
            <dt>{trans.__('Other keys')}</dt>
            <dd data-field="extra" title={trans.__('Kept as they are')}>
              <bdi>{Private.cut(extra.join(', '), 200)}</bdi>
            </dd>
          </>
        )}
      </dl>
    );
  }

  /**
   * One row per stored or imported package: stored, live and a status.
   */
  private _renderPackages(): React.ReactElement {
    const trans = this._trans;
    const rows = this._session.packages.rows;
    if (rows.length === 0) {
      return (
        <span className="jp-nbproject-none">
          {trans.__('none stored or imported')}
        </span>
      );
    }
    const label: Record<string, string> = {
      match: trans.__('match'),
      mismatch: trans.__('mismatch'),
      missing: trans.__('missing'),
      unstored: trans.__('not stored'),
      unknown: trans.__('no kernel')
    };
    return (
      <>
        <table className="jp-nbproject-packages">
          <thead>
            <tr>
              <th>{trans.__('package')}</th>
              <th>{trans.__('stored')}</th>
              <th>{trans.__('live')}</th>
              <th>{trans.__('status')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, Private.MAX_ROWS).map(row => (
              <tr key={row.key} data-package={row.key} data-status={row.status}>
                <td>
                  <bdi>{Private.cut(row.name)}</bdi>
                </td>
                <td>{Private.text(row.stored, '—')}</td>
                <td>
                  {Private.text(
                    row.live,
                    // What the kernel answered it lacks; a dash when
                    // nothing is known (no kernel, or not asked yet).
                    this._session.packages.notInstalled.has(row.key)
                      ? trans.__('not installed')
                      : '—'
                  )}
                </td>
                <td className={`jp-nbproject-status jp-mod-${row.status}`}>
                  {label[row.status]}
                </td>
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
    );
  }

  /**
   * The kernel's Python and environment path, or why they are unknown.
   */
  private _renderEnvironment(): React.ReactElement {
    const trans = this._trans;
    const kernel = this._session.kernel;
    const env = kernel.environment;
    return (
      <>
        {env && (
          <span>
            {trans.__(
              'Python %1 (%2)',
              Private.cut(env.python.version),
              Private.cut(env.python.implementation)
            )}{' '}
            <code title={Private.cut(env.executable, 500)}>
              {Private.cut(env.prefix, 120)}
            </code>
          </span>
        )}
        {(!env || kernel.state !== 'ready') && (
          <span className="jp-nbproject-kernel-state" data-state={kernel.state}>
            {' '}
            {kernel.message}
          </span>
        )}
      </>
    );
  }

  /**
   * The cells that did not run in order, each a link to the cell.
   */
  private _renderExecutionDetails(): React.ReactElement | null {
    const trans = this._trans;
    const report = this._session.execution.report;
    if (report.cells.length === 0) {
      return null;
    }
    return (
      <>
        <dt>{trans.__('Execution')}</dt>
        <dd data-field="execution">
          <ul className="jp-nbproject-cells">
            {report.cells.slice(0, Private.MAX_ROWS).map(cell => (
              <li key={cell.id} data-reasons={cell.reasons.join(' ')}>
                <button
                  className="jp-Button jp-mod-minimal jp-nbproject-link"
                  onClick={() => this._actions.goToCell(cell.index)}
                >
                  {trans.__('cell %1', cell.index + 1)}
                </button>{' '}
                {markedCellText(trans, cell)}
              </li>
            ))}
          </ul>
        </dd>
      </>
    );
  }

  /**
   * The sections of what the analyses run after a notebook opens find, if
   * loaded; else `null`, and they are asked for (once the page is idle,
   * with those analyses): the header renders again when they come. Until
   * those analyses have run, the sections show nothing.
   */
  private _sections(): Private.Sections | null {
    if (!Private.sections) {
      void Private.loadSections().then(() => {
        if (!this.isDisposed) {
          this.update();
        }
      });
    }
    return Private.sections;
  }

  private _toggle = (): void => {
    this.session.expanded = !this.session.expanded;
  };

  /**
   * A click on the line toggles the details, unless it is on one of the
   * line's other buttons or links (the caret's own click, and Enter or
   * Space on it, come here too).
   */
  private _onLineClick = (event: React.MouseEvent): void => {
    const control = (event.target as Element).closest('button, a, input');
    if (control && !control.classList.contains('jp-nbproject-caret')) {
      return;
    }
    this._toggle();
  };

  private _session: INotebookSession;
  private _trans: TranslationBundle;
  private _actions: HeaderView.IActions;
  private _shownReady = false;
  /**
   * The badge last rendered, and the tooltip line of each marked cell.
   */
  private _badge: {
    report: IMonitorReport;
    element: React.ReactElement;
  } | null = null;
  private _cellLines = new WeakMap<IMarkedCell, string>();
  private _resizer: ResizeObserver | null = null;
  private _observed: HTMLElement | null = null;
}

/**
 * A namespace for `HeaderView` statics.
 */
export namespace HeaderView {
  /**
   * Options to create a header view.
   */
  export interface IOptions {
    /**
     * The translation bundle for the extension's domain.
     */
    trans: TranslationBundle;
    /**
     * What the header's buttons do.
     */
    actions: IActions;
  }

  /**
   * What the header's buttons do.
   */
  export interface IActions {
    /**
     * Give the notebook nbproject metadata.
     */
    initialize: () => void;
    /**
     * Restart the kernel and run all cells.
     */
    restartRunAll: () => void;
    /**
     * Select and show the cell at an index.
     */
    goToCell: (index: number) => void;
    /**
     * Verify the notebook in a fresh kernel.
     */
    verify: () => void;
    /**
     * Show a cell's stored and new outputs of the last verification.
     */
    compareVerified: (index: number) => void;
    /**
     * Keep the last verification's outputs in the notebook.
     */
    keepVerified: () => void;
    /**
     * Install the stored versions of the packages that differ into the
     * kernel (after a dialog).
     */
    installStored: () => void;
  }
}

/**
 * An nbproject id: the first four characters emphasised, the rest dimmed,
 * the whole id in the tooltip.
 */
function Id(props: { id: string }): React.ReactElement {
  const id = Private.cut(props.id);
  return (
    <bdi className="jp-nbproject-idtext" title={Private.cut(props.id, 200)}>
      <strong>{id.slice(0, 4)}</strong>
      <span className="jp-nbproject-dim">{id.slice(4)}</span>
    </bdi>
  );
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * "pandas: stored 2.2.2, not installed" for each package whose status
   * is not a match, in the packages' order: the header line's tooltip.
   */
  export function packageIssues(
    trans: TranslationBundle,
    rows: readonly IPackageComparison[]
  ): string[] {
    const lines: string[] = [];
    for (const row of rows) {
      const name = cut(row.name);
      // A version stored empty (by hand) is said as such.
      const noVersion = !row.stored;
      if (row.status === 'mismatch') {
        lines.push(
          noVersion
            ? trans.__(
                '%1: stored without a version, installed %2',
                name,
                row.live ?? ''
              )
            : trans.__(
                '%1: stored %2, installed %3',
                name,
                row.stored ?? '',
                row.live ?? ''
              )
        );
      } else if (row.status === 'missing') {
        lines.push(
          noVersion
            ? trans.__('%1: stored without a version, not installed', name)
            : trans.__('%1: stored %2, not installed', name, row.stored ?? '')
        );
      } else if (row.status === 'unstored') {
        lines.push(
          row.live
            ? trans.__('%1: not stored (installed %2)', name, row.live)
            : trans.__('%1: not stored', name)
        );
      }
    }
    return lines;
  }

  /**
   * The header's sections loaded after startup (./sections).
   */
  export type Sections = typeof import('./sections');

  /**
   * The sections once loaded, for every header.
   */
  export let sections: Sections | null = null;

  /**
   * The load under way.
   */
  let loading: Promise<Sections | null> | null = null;

  /**
   * Load the sections once the page is idle, in the chunk of the analyses
   * whose findings they show; never rejects (a failed load is tried again
   * by the next render).
   */
  export function loadSections(): Promise<Sections | null> {
    loading ??= new Promise<void>(resolve =>
      typeof requestIdleCallback === 'function'
        ? requestIdleCallback(() => resolve(), { timeout: 2000 })
        : setTimeout(resolve, 0)
    )
      .then(() => import(/* webpackChunkName: "after-open" */ './sections'))
      .then(
        loaded => (sections = loaded),
        reason => {
          loading = null;
          console.error(
            'jupyterlab-nbproject: the header sections could not be loaded',
            reason
          );
          return null;
        }
      );
    return loading;
  }

  /**
   * Most rows a list in the header shows.
   */
  export const MAX_ROWS = 200;

  /**
   * Most distinct install lines the header shows.
   */
  export const MAX_INSTALLS = 20;

  /**
   * Cut a stranger's string to a length a header can show.
   */
  export function cut(value: string, max = 80): string {
    return value.length > max ? `${value.slice(0, max)}…` : value;
  }

  /**
   * A value as text, or a dimmed placeholder when it is missing.
   */
  export function text(
    value: string | null,
    placeholder: string
  ): React.ReactElement {
    return value === null || value === '' ? (
      <span className="jp-nbproject-none">{placeholder}</span>
    ) : (
      <bdi>{cut(value)}</bdi>
    );
  }
}
