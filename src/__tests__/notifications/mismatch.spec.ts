// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { Notification } from '@jupyterlab/apputils';
import { nullTranslator } from '@jupyterlab/translation';
import { Signal } from '@lumino/signaling';
import { MismatchNotifier } from '../../notifications/mismatch';
import {
  DEFAULT_SETTINGS,
  INbprojectSettings,
  INotebookSession
} from '../../tokens';

/**
 * The parts of a session the notifier reads: a ready probe whose kernel
 * has another numpy than the stored one.
 */
function fakeSession() {
  const owner = {};
  const disposed = new Signal<object, void>(owner);
  const session = {
    isDisposed: false,
    disposed,
    path: 'analysis.ipynb',
    panel: { title: { label: 'analysis.ipynb' }, isVisible: true },
    execution: { kernelSession: 'kernel-1' },
    kernel: {
      state: 'ready',
      environment: { python: '3.11' },
      stateChanged: new Signal<object, void>(owner)
    },
    environment: {
      state: 'none',
      drift: null,
      changed: new Signal<object, void>(owner)
    },
    packages: {
      rows: [
        {
          key: 'numpy',
          name: 'numpy',
          status: 'mismatch',
          stored: '1.26.0',
          live: '2.0.1'
        }
      ]
    }
  };
  const dispose = () => {
    session.isDisposed = true;
    disposed.emit();
  };
  return {
    session: session as unknown as INotebookSession,
    panel: session.panel,
    dispose
  };
}

/**
 * A notifier whose buttons do nothing.
 *
 * @param settings - the settings it reads (the defaults: warnings on).
 */
function notifier(
  settings: () => INbprojectSettings = () => DEFAULT_SETTINGS
): MismatchNotifier {
  const none = () => undefined;
  return new MismatchNotifier({
    trans: nullTranslator.load('jupyterlab_nbproject'),
    settings,
    actions: {
      showDetails: none,
      recordLive: none,
      copyInstall: none,
      installStored: none
    }
  });
}

describe('MismatchNotifier', () => {
  afterEach(() => jest.restoreAllMocks());

  /**
   * The warnings shown, by a spy that returns an id.
   */
  const warnings = () =>
    jest.spyOn(Notification, 'warning').mockReturnValue('warning-1');

  it('warns about a notebook in a tab not shown once it is shown, and once', () => {
    const warning = warnings();
    const warner = notifier();
    const { session, panel } = fakeSession();
    panel.isVisible = false;
    warner.watch(session);
    // Its kernel answered behind another tab: nothing yet.
    expect(warning).not.toHaveBeenCalled();
    warner.refresh();
    expect(warning).not.toHaveBeenCalled();
    panel.isVisible = true;
    warner.refresh();
    expect(warning).toHaveBeenCalledTimes(1);
    expect(warning.mock.calls[0][0]).toContain('analysis.ipynb');
    // Shown again later, same kernel: no second warning.
    panel.isVisible = false;
    warner.refresh();
    panel.isVisible = true;
    warner.refresh();
    expect(warning).toHaveBeenCalledTimes(1);
  });

  it('warns once for two views of a notebook on one kernel session', () => {
    const warning = warnings();
    const warner = notifier();
    const first = fakeSession();
    const second = fakeSession();
    warner.watch(first.session);
    warner.watch(second.session);
    expect(warning).toHaveBeenCalledTimes(1);
    // The view first warned about closes: the other is not warned again.
    jest.spyOn(Notification, 'dismiss').mockReturnValue(undefined);
    first.dispose();
    warner.refresh();
    expect(warning).toHaveBeenCalledTimes(1);
  });

  it('warns about the notebooks in view once warnings are turned on', () => {
    const warning = warnings();
    let settings = { ...DEFAULT_SETTINGS, dependencyWarnings: false };
    const warner = notifier(() => settings);
    const { session } = fakeSession();
    warner.watch(session);
    expect(warning).not.toHaveBeenCalled();
    settings = { ...settings, dependencyWarnings: true };
    warner.refresh();
    expect(warning).toHaveBeenCalledTimes(1);
  });

  it('forgets a closed notebook: shown later, it is not warned about', () => {
    const warning = warnings();
    jest.spyOn(Notification, 'dismiss').mockReturnValue(undefined);
    const warner = notifier();
    const { session, panel } = fakeSession();
    panel.isVisible = false;
    warner.watch(session);
    // The notifier lets go of it on the signal, whatever else the session
    // still says of itself.
    (session.disposed as Signal<object, void>).emit();
    panel.isVisible = true;
    warner.refresh();
    expect(warning).not.toHaveBeenCalled();
  });

  it("lets go of a closed notebook's session: its warning's buttons no longer reach it", () => {
    const warning = warnings();
    const dismiss = jest
      .spyOn(Notification, 'dismiss')
      .mockReturnValue(undefined);
    const shown: INotebookSession[] = [];
    const notifier = new MismatchNotifier({
      trans: nullTranslator.load('jupyterlab_nbproject'),
      settings: () => DEFAULT_SETTINGS,
      actions: {
        showDetails: session => shown.push(session),
        recordLive: session => shown.push(session),
        copyInstall: session => shown.push(session),
        installStored: session => shown.push(session)
      }
    });
    const { session, dispose } = fakeSession();
    notifier.watch(session);
    expect(warning).toHaveBeenCalledTimes(1);
    expect(warning.mock.calls[0][0]).toContain('numpy 1.26.0 → 2.0.1');
    const buttons = warning.mock.calls[0][1]?.actions ?? [];
    expect(buttons.map(button => button.label)).toEqual([
      'Show details',
      'Record live versions',
      'Copy install command'
    ]);
    buttons[0].callback(new MouseEvent('click'));
    expect(shown).toEqual([session]);

    dispose();
    expect(dismiss).toHaveBeenCalledWith('warning-1');
    // The toast can outlive its dismissal; clicking it now does nothing.
    for (const button of buttons) {
      button.callback(new MouseEvent('click'));
    }
    expect(shown).toEqual([session]);
  });
});
