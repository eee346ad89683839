// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import * as React from 'react';
import { Clipboard } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Widget } from '@lumino/widgets';
import { cut, quote } from '../core/common/text';
import type { IRecreatePlan, IRecreateSkip } from '../core/packages/recreate';
import type { LabEnvironmentVerdict } from '../core/packages/labEnvironment';

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
    const { plan, lab, trans } = this._options;
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
            className={`jp-nbproject-recreate-prefix${
              lab.code === 'labEnvironment.other' ? '' : ' jp-nbproject-warn'
            }`}
            data-prefix={lab.params.prefix}
            data-lab-environment={lab.code}
          >
            {labEnvironmentText(trans, lab)}
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
     * Whether the kernel's environment is the one JupyterLab runs in, and
     * its `sys.prefix`.
     */
    lab: LabEnvironmentVerdict;
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
 * Where the kernel runs and whether that is JupyterLab's own environment,
 * in the user's language: as sure as the verdict, never more.
 *
 * @param trans - the extension's translation bundle.
 * @param verdict - what `labEnvironmentVerdict` said.
 */
export function labEnvironmentText(
  trans: TranslationBundle,
  verdict: LabEnvironmentVerdict
): string {
  const prefix = cut(verdict.params.prefix, 200);
  switch (verdict.code) {
    case 'labEnvironment.same':
      return trans.__(
        'The kernel runs in %1, where JupyterLab’s extension manager installs: it is the environment JupyterLab itself runs in, so installing here can change JupyterLab itself.',
        prefix
      );
    case 'labEnvironment.other':
      return trans.__(
        'The kernel runs in %1, not in %2 where JupyterLab’s extension manager installs: it is not the environment JupyterLab itself runs in (unless one path is a link to the other).',
        prefix,
        cut(verdict.params.installPath, 200)
      );
    case 'labEnvironment.sameVersion': {
      const where = prefix
        ? trans.__('The kernel runs in %1.', prefix)
        : trans.__('The kernel did not say which environment it runs in.');
      const what =
        verdict.params.package === 'jupyterlab'
          ? trans.__(
              'This kernel’s environment has JupyterLab %1 installed, the same version as this page: it is probably the environment JupyterLab runs in; installing here can change JupyterLab itself.',
              verdict.params.version
            )
          : trans.__(
              'This kernel’s environment has jupyter_server %1 installed, the same version as JupyterLab’s server: it is probably the environment JupyterLab runs in; installing here can change JupyterLab itself.',
              verdict.params.version
            );
      return `${where} ${what}`;
    }
    default:
      return prefix
        ? trans.__(
            'The kernel runs in %1. Nothing the page knows tells whether this is the environment JupyterLab itself runs in; if it is, installing can change packages JupyterLab needs.',
            prefix
          )
        : trans.__(
            'The kernel did not say which environment it runs in; if it is the one JupyterLab itself runs in, installing can change packages JupyterLab needs.'
          );
  }
}

/**
 * Why a package is left out, in the user's language.
 */
function skipText(trans: TranslationBundle, skip: IRecreateSkip): string {
  const name = quote(skip.name, 80);
  return skip.code === 'recreate.directSource'
    ? trans.__('%1 is left out: it was not installed from an index.', name)
    : trans.__('%1 is left out: its name or version is not valid.', name);
}
