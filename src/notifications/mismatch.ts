// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { Notification } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { IPackageComparison } from '../core/packages/compare';
import { normalizeDistribution } from '../core/packages/distributions';
import type { INbprojectSettings, INotebookSession } from '../tokens';

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
    row =>
      (row.status === 'mismatch' || row.status === 'missing') &&
      !ignored.has(row.key)
  );
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
   * Start watching a notebook session's kernel probe, until the session
   * is disposed (its warning is dismissed then).
   */
  watch(session: INotebookSession): void {
    const onProbe = () => this._check(session);
    session.kernel.stateChanged.connect(onProbe);
    session.disposed.connect(() => {
      session.kernel.stateChanged.disconnect(onProbe);
      const id = this._shown.get(session)?.id;
      if (id) {
        Notification.dismiss(id);
      }
      this._shown.delete(session);
    });
    this._check(session);
  }

  private _check(session: INotebookSession): void {
    const settings = this._options.settings();
    const kernelSession = session.execution.kernelSession;
    if (
      !settings.dependencyWarnings ||
      session.isDisposed ||
      session.kernel.state !== 'ready' ||
      !session.kernel.environment ||
      kernelSession === null ||
      this._shown.get(session)?.session === kernelSession
    ) {
      return;
    }
    const rows = packagesToWarnAbout(
      session.packages.rows,
      settings.ignorePackages
    );
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
    const message = trans.__(
      '%1: packages differ from the stored ones: %2',
      session.panel.title.label,
      names
    );
    const id = Notification.warning(message, {
      autoClose: 15000,
      actions: [
        {
          label: trans.__('Show details'),
          caption: trans.__('Expand the nbproject header'),
          callback: () => actions.showDetails(session)
        },
        {
          label: trans.__('Record live versions'),
          caption: trans.__(
            'Store the kernel versions in the notebook (not saved)'
          ),
          callback: () => actions.recordLive(session)
        },
        {
          label: trans.__('Copy install command'),
          caption: trans.__('A pip install line for the stored versions'),
          callback: () => actions.copyInstall(session)
        }
      ]
    });
    this._shown.set(session, { session: kernelSession, id });
  }

  private _options: MismatchNotifier.IOptions;
  private _shown = new Map<INotebookSession, { session: string; id: string }>();
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
      showDetails: (session: INotebookSession) => void;
      recordLive: (session: INotebookSession) => void;
      copyInstall: (session: INotebookSession) => void;
    };
  }
}
