// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import * as React from 'react';
import { Clipboard } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Widget } from '@lumino/widgets';
import { cut, quote } from '../core/common/text';
import type { IRecreatePlan, IRecreateSkip } from '../core/packages/recreate';

/**
 * The body of the "install the stored versions" dialog: each package
 * that changes (`name: live → stored`, or to install), those left out and
 * why, the kernel's environment, and the lines that will run or, in a
 * conda environment, the lines to copy.
 */
export class RecreateDialogBody extends ReactWidget {
  /**
   * Create the body.
   */
  constructor(options: RecreateDialogBody.IOptions) {
    super();
    this._options = options;
    this.addClass('jp-nbproject-recreate');
  }

  protected render(): React.ReactElement {
    const { plan, prefix, trans } = this._options;
    const lines = plan.conda
      ? [plan.conda.conda, plan.conda.mamba, plan.pip.replace(/^%/, '')]
      : [plan.pip];
    return (
      <div>
        <p>
          {plan.conda
            ? trans.__(
                'The kernel runs in a conda environment: run one of these lines in a terminal to install the stored versions.'
              )
            : trans.__('These packages will be installed with %pip:')}
        </p>
        <ul className="jp-nbproject-recreate-changes">
          {plan.changes.slice(0, MAX_ROWS).map(change => (
            <li
              key={change.name}
              data-package={change.name}
              data-code={change.code}
            >
              <bdi>{cut(change.name, 80)}</bdi>
              {': '}
              {change.live === null
                ? trans.__('not installed → %1', cut(change.stored, 80))
                : trans.__(
                    '%1 → %2',
                    cut(change.live, 80),
                    cut(change.stored, 80)
                  )}
            </li>
          ))}
        </ul>
        {plan.changes.length > MAX_ROWS && (
          <p>{trans.__('and %1 more', plan.changes.length - MAX_ROWS)}</p>
        )}
        {plan.skipped.length > 0 && (
          <p className="jp-nbproject-recreate-skipped">
            {plan.skipped
              .slice(0, MAX_ROWS)
              .map(skip => skipText(trans, skip))
              .join(' ')}
          </p>
        )}
        {lines
          .filter(line => line !== '')
          .map(line => (
            <div key={line} className="jp-nbproject-recreate-line">
              <code>{line}</code>{' '}
              {plan.conda && (
                <button
                  className="jp-Button jp-mod-minimal jp-nbproject-copy"
                  onClick={() => Clipboard.copyToSystem(line)}
                >
                  {trans.__('Copy')}
                </button>
              )}
            </div>
          ))}
        {!plan.conda && (
          <p
            className="jp-nbproject-warn jp-nbproject-recreate-prefix"
            data-prefix={prefix ?? ''}
          >
            {prefix
              ? trans.__(
                  'The kernel runs in %1. JupyterLab cannot tell from the browser whether this is the environment JupyterLab itself runs in; if it is, installing can change packages JupyterLab needs.',
                  cut(prefix, 200)
                )
              : trans.__(
                  'The kernel did not say which environment it runs in; if it is the one JupyterLab itself runs in, installing can change packages JupyterLab needs.'
                )}
          </p>
        )}
      </div>
    );
  }

  private _options: RecreateDialogBody.IOptions;
}

/**
 * A namespace for `RecreateDialogBody` statics.
 */
export namespace RecreateDialogBody {
  /**
   * Options to create the body.
   */
  export interface IOptions {
    /**
     * What installing changes.
     */
    plan: IRecreatePlan;
    /**
     * The kernel's `sys.prefix`, when the probe said it.
     */
    prefix: string | null;
    /**
     * The translation bundle.
     */
    trans: TranslationBundle;
  }
}

/**
 * A log that shows a running operation's output as it comes, as text.
 */
export class InstallLog extends Widget {
  /**
   * Create an empty log.
   */
  constructor() {
    super({ node: document.createElement('pre') });
    this.addClass('jp-nbproject-install-log');
  }

  /**
   * The text shown so far.
   */
  get text(): string {
    return this.node.textContent ?? '';
  }

  /**
   * Add output; the log keeps its last {@link MAX_LOG} characters.
   */
  append(text: string): void {
    const next = (this.node.textContent ?? '') + text;
    this.node.textContent =
      next.length > MAX_LOG ? next.slice(next.length - MAX_LOG) : next;
    this.node.scrollTop = this.node.scrollHeight;
  }

  /**
   * Mark the operation as over, with a last line.
   */
  finish(line: string, ok: boolean): void {
    this.append(`\n${line}\n`);
    this.node.dataset.done = ok ? 'ok' : 'error';
  }
}

/**
 * Most packages listed.
 */
const MAX_ROWS = 200;

/**
 * Most characters of output kept.
 */
const MAX_LOG = 200_000;

/**
 * Why a package is left out, in the user's language.
 */
function skipText(trans: TranslationBundle, skip: IRecreateSkip): string {
  const name = quote(skip.name, 80);
  return skip.code === 'recreate.directSource'
    ? trans.__('%1 is left out: it was not installed from an index.', name)
    : trans.__('%1 is left out: its name or version is not valid.', name);
}
