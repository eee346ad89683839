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
 * details, record the live versions or copy an install command. A
 * notebook in a tab not shown (JupyterLab restoring a workspace of
 * notebooks, or one opened behind another) is warned about once it is
 * shown ({@link refresh}): the warnings do not pile up at once.
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
    // The warnings' buttons reach the session through `target`, emptied
    // on dispose: a toast may outlive its dismissal (React keeps its last
    // props), and must not keep a closed notebook's session alive.
    const target: Private.ITarget = { session };
    this._watched.set(session, target);
    const onProbe = () => this._check(session, target);
    const onEnvironment = () => this._mentionDrift(session);
    session.kernel.stateChanged.connect(onProbe);
    session.environment.changed.connect(onEnvironment);
    session.disposed.connect(() => {
      session.kernel.stateChanged.disconnect(onProbe);
      session.environment.changed.disconnect(onEnvironment);
      const id = this._shown.get(session)?.id;
      if (id) {
        Notification.dismiss(id);
      }
      this._shown.delete(session);
      this._watched.delete(session);
      target.session = null;
    });
    this._check(session, target);
  }

  /**
   * Warn about the notebooks shown now that were not shown when their
   * kernel answered (call it when the current notebook changes).
   */
  refresh(): void {
    for (const [session, target] of this._watched) {
      this._check(session, target);
    }
  }

  private _check(session: INotebookSession, target: Private.ITarget): void {
    const settings = this._options.settings();
    const kernelSession = session.execution.kernelSession;
    if (
      !settings.dependencyWarnings ||
      session.isDisposed ||
      session.kernel.state !== 'ready' ||
      !session.kernel.environment ||
      kernelSession === null ||
      this._shown.get(session)?.session === kernelSession ||
      // Not now: once its tab is shown.
      !session.panel.isVisible
    ) {
      return;
    }
    // Another view of the notebook (New View for Notebook) shares its
    // kernel session: warned about already.
    for (const [other, shown] of this._shown) {
      if (
        other !== session &&
        other.path === session.path &&
        shown.session === kernelSession
      ) {
        this._shown.set(session, { ...shown });
        return;
      }
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
    const base = trans.__(
      '%1: packages differ from the stored ones: %2',
      session.panel.title.label,
      names
    );
    const drift = this._driftText(session);
    const message = drift ? `${base} ${drift}` : base;
    const act = (action: (session: INotebookSession) => void) => () => {
      if (target.session) {
        action(target.session);
      }
    };
    const id = Notification.warning(message, {
      autoClose: 15000,
      actions: [
        {
          label: trans.__('Show details'),
          caption: trans.__('Expand the nbproject header'),
          callback: act(actions.showDetails)
        },
        {
          label: trans.__('Record live versions'),
          caption: trans.__(
            'Store the kernel versions in the notebook (not saved)'
          ),
          callback: act(actions.recordLive)
        },
        {
          label: trans.__('Copy install command'),
          caption: trans.__('A pip install line for the stored versions'),
          callback: act(actions.copyInstall)
        },
        // Only a notebook published with its environment can have it
        // installed again.
        ...(session.environment.state === 'none'
          ? []
          : [
              {
                label: trans.__('Install stored versions'),
                caption: trans.__(
                  'Install the published versions into this kernel, after a dialog listing them'
                ),
                callback: act(actions.installStored)
              }
            ])
      ]
    });
    this._shown.set(session, {
      session: kernelSession,
      id,
      base,
      drift: drift !== ''
    });
  }

  /**
   * Add the drift under the imports to this kernel session's warning,
   * when the comparison with the published environment comes after it.
   */
  private _mentionDrift(session: INotebookSession): void {
    const shown = this._shown.get(session);
    if (
      !shown ||
      shown.drift ||
      shown.session !== session.execution.kernelSession
    ) {
      return;
    }
    const drift = this._driftText(session);
    if (drift) {
      shown.drift = true;
      Notification.update({
        id: shown.id,
        message: `${shown.base} ${drift}`,
        type: 'warning'
      });
    }
  }

  /**
   * "3 more packages under its imports differ from the published
   * environment.", or `""` when none do (or nothing is known yet).
   */
  private _driftText(session: INotebookSession): string {
    const last = session.environment.drift?.findings.slice(-1)[0];
    const under =
      last?.code === 'environment.drift' ? last.params.underImports : 0;
    return under > 0
      ? this._options.trans._n(
          '%1 package under its imports differs from the published environment.',
          '%1 packages under its imports differ from the published environment.',
          under
        )
      : '';
  }

  private _options: MismatchNotifier.IOptions;
  private _watched = new Map<INotebookSession, Private.ITarget>();
  private _shown = new Map<
    INotebookSession,
    { session: string; id: string; base: string; drift: boolean }
  >();
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
      installStored: (session: INotebookSession) => void;
    };
  }
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * The session a notebook's warnings act on, `null` once it is disposed.
   */
  export interface ITarget {
    session: INotebookSession | null;
  }
}
