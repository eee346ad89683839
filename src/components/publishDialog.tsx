// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import * as React from 'react';
import { Dialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import type { Message } from '@lumino/messaging';
import { IPublishPlan } from '../core/publish/plan';
import { publishFindingText } from './messages/publish';

/**
 * What the user chose in the publish dialog.
 */
export interface IPublishChoice {
  /**
   * The version to publish.
   */
  version: string;
  /**
   * The change note.
   */
  note: string;
  /**
   * Also write `requirements.txt` beside the notebook.
   */
  exportRequirements?: boolean;
  /**
   * Also add or update the PEP 723 cell.
   */
  exportPep723?: boolean;
  /**
   * Also write the lock files of the environment snapshot beside the
   * notebook.
   */
  exportLocks?: boolean;
  /**
   * Verify in a fresh kernel first and record the verdict.
   */
  verify?: boolean;
}

/**
 * The body of the publish dialog: the checks with their verdicts, the
 * version (proposed, editable) and an optional change note. It renders a
 * plan and re-plans as the user types a version.
 */
export class PublishDialogBody
  extends ReactWidget
  implements Dialog.IBodyWidget<IPublishChoice>
{
  /**
   * Create the dialog body.
   */
  constructor(options: PublishDialogBody.IOptions) {
    super();
    this._options = options;
    this._choice = { ...options.initial };
    this._plan = options.replan(this._choice);
    this.addClass('jp-nbproject-publish');
  }

  /**
   * Mark the dialog holding the body, for the stylesheet: JupyterLab caps a
   * dialog's height at 500px, which hides the last options below the fold.
   */
  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this.node
      .closest('.jp-Dialog')
      ?.classList.add('jp-nbproject-publish-dialog');
  }

  /**
   * The user's choice, read by the dialog when a button is pressed.
   */
  getValue(): IPublishChoice {
    return { ...this._choice };
  }

  protected render(): React.ReactElement {
    const { trans } = this._options;
    const plan = this._plan;
    return (
      <div>
        <ul className="jp-nbproject-checks">
          {plan.checks.map(check => (
            <li
              key={check.id}
              data-check={check.id}
              data-passed={String(check.passed)}
              className={
                check.passed
                  ? 'jp-mod-passed'
                  : check.blocking
                    ? 'jp-mod-failed'
                    : 'jp-mod-warning'
              }
            >
              <span className="jp-nbproject-check-mark" aria-hidden="true">
                {check.passed ? '✓' : check.blocking ? '✗' : '!'}
              </span>
              <span className="jp-nbproject-check-text">
                {publishFindingText(trans, check.finding)}
              </span>
            </li>
          ))}
        </ul>
        <label className="jp-nbproject-publish-field">
          <span>{trans.__('Version')}</span>
          <input
            className="jp-mod-styled jp-nbproject-version-input"
            value={this._choice.version}
            placeholder={plan.proposedVersion}
            onChange={event => this._update({ version: event.target.value })}
          />
          <span className="jp-nbproject-hint">
            {plan.publishedVersions.length > 0
              ? trans.__(
                  'proposed %1; published before: %2',
                  plan.proposedVersion,
                  plan.publishedVersions.join(', ')
                )
              : trans.__('proposed %1', plan.proposedVersion)}
          </span>
        </label>
        <label className="jp-nbproject-publish-field">
          <span>{trans.__('Change note (optional)')}</span>
          <textarea
            className="jp-mod-styled jp-nbproject-note-input"
            rows={2}
            value={this._choice.note}
            onChange={event => this._update({ note: event.target.value })}
          />
        </label>
        {this._option(
          'exportRequirements',
          'jp-nbproject-export-requirements',
          trans.__('Also write requirements.txt')
        )}
        {this._option(
          'exportPep723',
          'jp-nbproject-export-pep723',
          trans.__('Also add/update the PEP 723 cell')
        )}
        {this._option(
          'exportLocks',
          'jp-nbproject-export-locks',
          trans.__(
            'Also write the lock files (pylock.toml, requirements.lock.txt; environment.yml for conda)'
          )
        )}
        {this._option(
          'verify',
          'jp-nbproject-publish-verify',
          trans.__('Verify in a fresh kernel first')
        )}
        {plan.problems.length > 0 && (
          <p className="jp-nbproject-publish-warning">
            {trans._n(
              '%1 check failed: "Publish anyway" records the notebook as it is.',
              '%1 checks failed: "Publish anyway" records the notebook as it is.',
              plan.problems.length
            )}
          </p>
        )}
      </div>
    );
  }

  private _update(change: Partial<IPublishChoice>): void {
    this._choice = { ...this._choice, ...change };
    this._plan = this._options.replan(this._choice);
    this.update();
  }

  private _options: PublishDialogBody.IOptions;
  private _choice: IPublishChoice;
  private _plan: IPublishPlan;

  /**
   * One of the dialog's yes/no options, a checkbox with its label.
   */
  private _option(
    key: 'exportRequirements' | 'exportPep723' | 'exportLocks' | 'verify',
    className: string,
    label: string
  ): JSX.Element {
    return (
      <label className="jp-nbproject-publish-option">
        <input
          type="checkbox"
          className={className}
          checked={!!this._choice[key]}
          onChange={event => this._update({ [key]: event.target.checked })}
        />
        <span>{label}</span>
      </label>
    );
  }
}

/**
 * A namespace for `PublishDialogBody` statics.
 */
export namespace PublishDialogBody {
  /**
   * Options to create the dialog body.
   */
  export interface IOptions {
    /**
     * The first choice shown.
     */
    initial: IPublishChoice;
    /**
     * Plan publishing for a choice (pure and fast).
     */
    replan: (choice: IPublishChoice) => IPublishPlan;
    /**
     * The translation bundle.
     */
    trans: TranslationBundle;
  }
}
