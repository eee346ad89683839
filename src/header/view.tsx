// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import * as React from 'react';
import { Clipboard } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { VDomRenderer } from '@jupyterlab/ui-components';
import { Message } from '@lumino/messaging';
import { parseTimestamp } from '../core/ids';
import {
  authorLabel,
  INbprojectMetadata,
  parentList
} from '../core/metadata';
import { HeaderModel } from './model';

/**
 * The class of the header's root node (stable: tests and themes use it).
 */
export const HEADER_CLASS = 'jp-nbproject-header';

/**
 * The header above a notebook: renders a {@link HeaderModel}.
 *
 * Everything shown from the notebook's metadata is rendered as text (React
 * escapes it), cut to a readable length, and isolated with `<bdi>` so
 * right-to-left or invisible characters cannot rearrange the line.
 */
export class HeaderView extends VDomRenderer<HeaderModel> {
  /**
   * Create a header view.
   */
  constructor(model: HeaderModel, options: HeaderView.IOptions) {
    super(model);
    this._trans = options.trans;
    this._onInitialize = options.onInitialize;
    this.addClass(HEADER_CLASS);
    this.node.setAttribute('aria-label', this._trans.__('nbproject metadata'));
  }

  /**
   * Re-render, then size the header to its content. The notebook panel lays
   * out its content header with a box layout, which gives a child no more
   * than its CSS minimum height; so the minimum follows the content and the
   * panel is asked to fit again when the height changes.
   */
  protected onUpdateRequest(msg: Message): void {
    super.onUpdateRequest(msg);
    void this.renderPromise?.then(() => {
      const body = this.node.firstElementChild as HTMLElement | null;
      if (this.isDisposed || !body) {
        return;
      }
      const border = this.node.offsetHeight - this.node.clientHeight;
      const height = `${body.offsetHeight + border}px`;
      if (this.node.style.minHeight !== height) {
        this.node.style.minHeight = height;
        this.parent?.fit();
      }
    });
  }

  protected render(): React.ReactElement {
    return <div className="jp-nbproject-body">{this._renderBody()}</div>;
  }

  private _renderBody(): React.ReactElement {
    const model = this.model;
    const trans = this._trans;
    this.toggleClass('jp-mod-expanded', model.expanded);
    if (!model.ready) {
      return <div className="jp-nbproject-line jp-nbproject-loading">{trans.__('nbproject: loading…')}</div>;
    }
    const { read } = model;
    if (!read.present) {
      return (
        <div className="jp-nbproject-line" data-tracked="false">
          <span className="jp-nbproject-brand">nbproject</span>
          <span className="jp-nbproject-untracked">{trans.__('This notebook is not tracked.')}</span>
          <button
            className="jp-Button jp-mod-styled jp-mod-accept jp-nbproject-init"
            title={trans.__('Give this notebook an id, version and creation time (nbproject format)')}
            onClick={this._onInitialize}
          >
            {trans.__('Initialize')}
          </button>
        </div>
      );
    }
    const meta = read.metadata;
    return (
      <>
        <div
          className="jp-nbproject-line jp-nbproject-toggle"
          data-tracked="true"
          role="button"
          tabIndex={0}
          aria-expanded={model.expanded}
          title={model.expanded ? trans.__('Click to collapse') : trans.__('Click to expand')}
          onClick={this._toggle}
          onKeyDown={this._onKeyDown}
        >
          <span className={`jp-nbproject-caret${model.expanded ? ' jp-mod-expanded' : ''}`} aria-hidden="true" />
          <span className="jp-nbproject-brand">nbproject</span>
          {meta && this._renderSummary(meta)}
          {read.problems.length > 0 && (
            <span className="jp-nbproject-problem-count" title={Private.cut(read.problems.join('\n'), 2000)}>
              {trans._n('%1 problem', '%1 problems', read.problems.length)}
            </span>
          )}
        </div>
        {read.problems.length > 0 && (
          <ul className="jp-nbproject-problems" role="status">
            {(model.expanded ? read.problems : read.problems.slice(0, 1)).map((problem, i) => (
              <li key={i}>{problem}</li>
            ))}
          </ul>
        )}
        {model.expanded && meta && this._renderDetails(meta)}
      </>
    );
  }

  private _renderSummary(meta: INbprojectMetadata): React.ReactElement {
    const trans = this._trans;
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
          <span className="jp-nbproject-field" data-field="version" title={trans.__('Version')}>
            <bdi>{Private.cut(`v${meta.version}`)}</bdi>
          </span>
        )}
        {created && (
          <span className="jp-nbproject-field" data-field="time_init" title={meta.time_init ?? ''}>
            {trans.__('created %1', created.toLocaleDateString())}
          </span>
        )}
        <span className="jp-nbproject-field" data-field="packages">
          {trans._n('%1 stored package', '%1 stored packages', packages)}
        </span>
      </>
    );
  }

  private _renderDetails(meta: INbprojectMetadata): React.ReactElement {
    const trans = this._trans;
    const created = meta.time_init ? parseTimestamp(meta.time_init) : null;
    const parents = parentList(meta);
    const author = authorLabel(meta);
    const packages = Object.entries(meta.pypackage ?? {});
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
        <dd data-field="version">{Private.text(meta.version, trans.__('none'))}</dd>
        <dt>{trans.__('Created')}</dt>
        <dd data-field="time_init" title={Private.cut(meta.time_init ?? '', 200)}>
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
        <dt>{trans.__('Stored packages')}</dt>
        <dd data-field="pypackage">
          {packages.length === 0 ? (
            <span className="jp-nbproject-none">{trans.__('none stored')}</span>
          ) : (
            <table className="jp-nbproject-packages">
              <tbody>
                {packages.slice(0, Private.MAX_ROWS).map(([name, version]) => (
                  <tr key={name} data-package={name}>
                    <td><bdi>{Private.cut(name)}</bdi></td>
                    <td>
                      {version === '' ? (
                        <span className="jp-nbproject-none">{trans.__('unknown')}</span>
                      ) : (
                        <bdi>{Private.cut(version)}</bdi>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {packages.length > Private.MAX_ROWS && (
            <span className="jp-nbproject-none">
              {trans.__('and %1 more', packages.length - Private.MAX_ROWS)}
            </span>
          )}
        </dd>
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

  private _toggle = (): void => {
    this.model.expanded = !this.model.expanded;
  };

  private _onKeyDown = (event: React.KeyboardEvent): void => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this._toggle();
    }
  };

  private _trans: TranslationBundle;
  private _onInitialize: () => void;
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
     * Called when the user clicks Initialize.
     */
    onInitialize: () => void;
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
   * Most rows a list in the header shows.
   */
  export const MAX_ROWS = 200;

  /**
   * Cut a stranger's string to a length a header can show.
   */
  export function cut(value: string, max = 80): string {
    return value.length > max ? `${value.slice(0, max)}…` : value;
  }

  /**
   * A value as text, or a dimmed placeholder when it is missing.
   */
  export function text(value: string | null, placeholder: string): React.ReactElement {
    return value === null || value === '' ? (
      <span className="jp-nbproject-none">{placeholder}</span>
    ) : (
      <bdi>{cut(value)}</bdi>
    );
  }
}
