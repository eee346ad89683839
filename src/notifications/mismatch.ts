// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { Clipboard, Notification } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { installCommand, IPackageComparison } from '../core/packages/compare';
import { normalizeDistribution } from '../core/packages/distributions';
import type { INotebookState } from '../header/extension';
import type { INbprojectSettings } from '../tokens';

/**
 * The stored packages worth a warning: a different version or not installed,
 * leaving out the ignored ones.
 */
export function packagesToWarnAbout(
  rows: readonly IPackageComparison[],
  ignore: readonly string[]
): IPackageComparison[] {
  const ignored = new Set(ignore.map(normalizeDistribution));
  return rows.filter(
    row => (row.status === 'mismatch' || row.status === 'missing') && !ignored.has(row.key)
  );
}

/**
 * Copy a `pip install` command for the stored versions to the clipboard
 * and say what was copied. Names and versions that are not valid (so
 * that the command would need quoting, or could run something) are left
 * out, and the message says how many.
 *
 * @param pypackage - the stored `pypackage`, or `null`.
 * @param trans - the translation bundle.
 * @returns the command copied (`""` when none).
 */
export function copyInstallCommand(
  pypackage: Readonly<Record<string, string>> | null,
  trans: TranslationBundle
): string {
  const { command, leftOut } = installCommand(pypackage ?? {});
  const messages = [
    command
      ? trans.__('Copied: %1', command)
      : trans.__('No stored package has a version to install.'),
    leftOut > 0
      ? trans._n(
          '%1 package was left out: its name or version is not valid.',
          '%1 packages were left out: their names or versions are not valid.',
          leftOut
        )
      : ''
  ];
  if (command) {
    Clipboard.copyToSystem(command);
  }
  Notification.info(messages.filter(Boolean).join(' '), { autoClose: 5000 });
  return command;
}

/**
 * Shows one visible warning per notebook per kernel session when stored
 * package versions differ from the kernel's, with actions to show the
 * details, record the live versions or copy an install command.
 */
export class MismatchNotifier {
  /**
   * Create the notifier.
   */
  constructor(options: MismatchNotifier.IOptions) {
    this._options = options;
  }

  /**
   * Start watching a notebook's kernel probe.
   */
  watch(state: INotebookState): void {
    const onProbe = () => this._check(state);
    state.probe.stateChanged.connect(onProbe);
    state.panel.disposed.connect(() => {
      state.probe.stateChanged.disconnect(onProbe);
      const id = this._shown.get(state.panel.id)?.id;
      if (id) {
        Notification.dismiss(id);
      }
      this._shown.delete(state.panel.id);
    });
    this._check(state);
  }

  private _check(state: INotebookState): void {
    const settings = this._options.settings();
    const session = state.monitor.kernelSession;
    if (
      !settings.dependencyWarnings ||
      state.probe.state !== 'ready' ||
      !state.probe.environment ||
      session === null ||
      this._shown.get(state.panel.id)?.session === session
    ) {
      return;
    }
    const rows = packagesToWarnAbout(state.model.packages, settings.ignorePackages);
    if (rows.length === 0) {
      return;
    }
    const { trans, actions } = this._options;
    const names = rows
      .map(row =>
        row.status === 'missing'
          ? trans.__('%1 (not installed)', row.name)
          : trans.__('%1 %2 → %3', row.name, row.stored ?? '', row.live ?? '')
      )
      .join(', ');
    const message = trans.__('%1: packages differ from the stored ones: %2', state.panel.title.label, names);
    const id = Notification.warning(message, {
      autoClose: 15000,
      actions: [
        {
          label: trans.__('Show details'),
          caption: trans.__('Expand the nbproject header'),
          callback: () => actions.showDetails(state)
        },
        {
          label: trans.__('Record live versions'),
          caption: trans.__('Store the kernel versions in the notebook (not saved)'),
          callback: () => actions.recordLive(state)
        },
        {
          label: trans.__('Copy install command'),
          caption: trans.__('A pip install line for the stored versions'),
          callback: () => actions.copyInstall(state)
        }
      ]
    });
    this._shown.set(state.panel.id, { session, id });
  }

  private _options: MismatchNotifier.IOptions;
  private _shown = new Map<string, { session: string; id: string }>();
}

/**
 * A namespace for `MismatchNotifier` statics.
 */
export namespace MismatchNotifier {
  /**
   * Options to create the notifier.
   */
  export interface IOptions {
    /**
     * The translation bundle.
     */
    trans: TranslationBundle;
    /**
     * The current settings.
     */
    settings: () => INbprojectSettings;
    /**
     * What the warning's buttons do.
     */
    actions: {
      showDetails: (state: INotebookState) => void;
      recordLive: (state: INotebookState) => void;
      copyInstall: (state: INotebookState) => void;
    };
  }
}
