// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { JupyterFrontEnd } from '@jupyterlab/application';
import {
  ICommandPalette,
  InputDialog,
  Notification
} from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { LabIcon } from '@jupyterlab/ui-components';
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import { DisposableSet, IDisposable } from '@lumino/disposable';
import { goToCell, settleHiddenState } from '../actions/cells';
import type { IExportArgs, IExportResult } from '../actions/exports';
import { initializeNbproject } from '../actions/metadata';
import {
  canRecordLive,
  copyInstallCommand,
  recordLive
} from '../actions/packages';
import type { IPublishArgs, IPublishResult } from '../actions/publish';
import { canRecreate } from '../actions/recreatePlan';
import type {
  IVerifiedCell,
  IVerifyResult,
  verifyNotebook
} from '../actions/verify';
import type { IRunCell } from '../core/execution/keepOutputs';
import type { IVerifiedRecord } from '../core/extension/history';
import { publishIcon } from '../components/icons';
import { NBPROJECT_KEY, readNbproject } from '../core/nbproject/metadata';
import { afterNextFrame } from '../session/slices';
import { CommandIDs, INbprojectTracker, INotebookSession } from '../tokens';
import { checkArgs, ArgsSchema } from './args';

/**
 * The commands in the palette, in this order (the menus and the toolbar
 * are in the settings schema).
 */
export const PALETTE_COMMANDS: readonly string[] = [
  CommandIDs.publish,
  CommandIDs.init,
  CommandIDs.check,
  CommandIDs.nextHiddenState,
  CommandIDs.refresh,
  CommandIDs.recordLive,
  CommandIDs.copyInstall,
  CommandIDs.restartRunAll,
  CommandIDs.toggleHeader,
  CommandIDs.addDataFile,
  CommandIDs.exportRequirements,
  CommandIDs.exportPep723,
  CommandIDs.exportLock,
  CommandIDs.installStored,
  CommandIDs.copyNewEnvironment,
  CommandIDs.remix,
  CommandIDs.verify,
  CommandIDs.verifyCompare,
  CommandIDs.keepVerifyOutputs
];

/**
 * Add every nbproject command, acting on the notebook whose path the
 * `path` argument names (the current one by default), and put them in the
 * palette. Arguments are checked against each command's declared schema:
 * a command is disabled for arguments that do not fit, and executing it
 * with them rejects, saying why.
 *
 * @returns what removes them again.
 */
export function addCommands(
  app: JupyterFrontEnd,
  tracker: INbprojectTracker,
  options: addCommands.IOptions
): IDisposable {
  const { trans, palette } = options;
  const { commands, shell } = app;
  const added = new DisposableSet();
  // The commands whose palette item has a label of its own.
  const paletteLabelled = new Set<string>();
  const schemas = Private.schemas(trans);

  /**
   * The session a command acts on: the one of the notebook at `path`, else
   * the current notebook's.
   */
  const sessionFor = (args: { path?: string }): INotebookSession | null =>
    args.path !== undefined
      ? (tracker.find(session => session.path === args.path) ?? null)
      : tracker.current;

  /**
   * Whether the notebook has loaded: most commands need it.
   */
  const isReady = (session: INotebookSession): boolean =>
    session.panel.context.isReady;

  /**
   * Add a command whose arguments are checked against its schema.
   */
  const add = <T extends { path?: string }>(
    id: string,
    spec: Private.ICommand<T>
  ): void => {
    const schema = schemas[spec.args];
    if (spec.menuLabel !== undefined) {
      paletteLabelled.add(id);
    }
    const fits = (
      args: ReadonlyPartialJSONObject
    ): args is ReadonlyPartialJSONObject & T =>
      checkArgs(schema, args).length === 0;
    added.add(
      commands.addCommand(id, {
        // The palette's items carry `isPalette` (see below); a menu item's
        // carry none, so that a user's menu settings and the shortcuts
        // shown beside it match the command as it is.
        label:
          spec.menuLabel === undefined
            ? spec.label
            : args =>
                !args.isPalette
                  ? spec.menuLabel!
                  : typeof spec.label === 'string'
                    ? spec.label
                    : spec.label(args),
        caption: spec.caption,
        icon: spec.icon,
        describedBy: { args: schema },
        isEnabled: args => {
          const session = fits(args) ? sessionFor(args) : null;
          return !!session && (spec.isEnabled?.(session, args as T) ?? true);
        },
        isToggled: spec.isToggled
          ? args => {
              const session = fits(args) ? sessionFor(args) : null;
              return !!session && spec.isToggled!(session);
            }
          : undefined,
        execute: args => {
          const problems = checkArgs(schema, args);
          if (problems.length > 0) {
            throw new Error(Private.describe(id, problems, trans));
          }
          return spec.execute(
            sessionFor(args as T),
            args as ReadonlyPartialJSONObject & T
          );
        }
      })
    );
  };

  add(CommandIDs.init, {
    label: trans.__('Initialize nbproject Metadata'),
    caption: trans.__(
      'Give the notebook an nbproject id, version and creation time'
    ),
    args: 'path',
    isEnabled: session =>
      session.panel.context.isReady &&
      !readNbproject(session.panel.context.model.getMetadata(NBPROJECT_KEY))
        .present,
    execute: session => {
      if (!session?.panel.context.isReady) {
        return null;
      }
      const created = initializeNbproject(session.panel.context.model);
      if (!created) {
        Notification.info(
          trans.__(
            'This notebook already has nbproject metadata; nothing was changed.'
          ),
          {
            autoClose: 5000
          }
        );
        return null;
      }
      return created.id;
    }
  });

  add(CommandIDs.toggleHeader, {
    label: trans.__('Expand or Collapse the nbproject Header'),
    args: 'path',
    isEnabled: () => tracker.settings.showHeader,
    isToggled: session => session.expanded,
    execute: session => {
      if (session && tracker.settings.showHeader) {
        session.expanded = !session.expanded;
      }
    }
  });

  /**
   * Select and show the cell `next` finds after the active one, or say
   * `none` when it finds none; the cell's index, or `null`.
   */
  const goToNext = (
    session: INotebookSession,
    next: (fromIndex: number) => number | null,
    none: string
  ): number | null => {
    const index = next(session.panel.content.activeCellIndex);
    if (index === null) {
      Notification.success(none, { autoClose: 3000 });
    } else {
      goToCell(shell, session.panel, index);
    }
    return index;
  };

  add(CommandIDs.check, {
    label: trans.__('Go to the Next Cell Not Run in Order'),
    caption: trans.__(
      'Select and show the next cell the consecutiveness checker marks'
    ),
    args: 'path',
    execute: session => {
      if (!session) {
        return null;
      }
      session.execution.flush();
      return goToNext(
        session,
        from => session.execution.nextOffending(from),
        trans.__('Every code cell ran once, in order.')
      );
    }
  });

  add(CommandIDs.nextHiddenState, {
    label: trans.__('Go to the Next Cell with Hidden State'),
    caption: trans.__(
      'Select and show the next cell the hidden-state analysis lists'
    ),
    args: 'path',
    execute: async session => {
      if (!session) {
        return null;
      }
      await settleHiddenState(session);
      if (!session.hiddenState.isReady) {
        // Its first reading waits for the page to be idle.
        Notification.info(
          trans.__(
            'The hidden-state analysis has not read this notebook yet: try again in a moment.'
          ),
          { autoClose: 3000 }
        );
        return null;
      }
      return goToNext(
        session,
        from => session.hiddenState.nextCell(from),
        trans.__('No cell depends on hidden state.')
      );
    }
  });

  add(CommandIDs.restartRunAll, {
    label: trans.__('Restart Kernel and Run All Cells'),
    args: 'path',
    execute: async session => {
      if (session) {
        shell.activateById(session.panel.id);
        await commands.execute('notebook:restart-run-all');
      }
    }
  });

  add(CommandIDs.refresh, {
    label: trans.__('Refresh Live Package Versions'),
    caption: trans.__('Ask the kernel again which versions are installed'),
    args: 'path',
    execute: async session => {
      session?.environment.refresh();
      await session?.kernel.refresh();
    }
  });

  add(CommandIDs.recordLive, {
    label: trans.__('Record Live Package Versions'),
    caption: trans.__(
      'Store the kernel versions as the notebook packages (not saved)'
    ),
    args: 'path',
    isEnabled: canRecordLive,
    execute: session => {
      if (session) {
        recordLive(session, trans);
      }
    }
  });

  add(CommandIDs.copyInstall, {
    label: trans.__('Copy pip install Command for Stored Packages'),
    args: 'path',
    execute: session => {
      if (session) {
        copyInstallCommand(session, trans);
      }
    }
  });

  /**
   * Verify a notebook in a fresh kernel with the settings, keeping the
   * result in its session for the header.
   */
  const verify = async (
    session: INotebookSession,
    onKernel?: verifyNotebook.IOptions['onKernel']
  ): Promise<IVerifyResult> => {
    const { settings } = tracker;
    session.verification.begin();
    let result: IVerifyResult | null = null;
    let unreproduced: IVerifiedCell[] = [];
    const run: IRunCell[] = [];
    try {
      const { settingsNormalisations, unreproducedCells, verifyNotebook } =
        await import('../actions/verify');
      result = await verifyNotebook(session, app.serviceManager.sessions, {
        trans,
        timeLimit: settings.verifyTimeLimit,
        normalisations: settingsNormalisations(settings),
        onKernel,
        onCell: cell => run.push(cell)
      });
      unreproduced = unreproducedCells(result);
      return result;
    } finally {
      session.verification.finish(result, run, unreproduced);
    }
  };

  /**
   * Verify before publishing: the record of a run that finished, or
   * `null` when it was cancelled or no kernel started (said to the user).
   */
  const verifiedRecord = async (
    session: INotebookSession
  ): Promise<IVerifiedRecord | null> => {
    let kernel = { kernelspec: '', python: null as string | null };
    const result = await verify(session, started => (kernel = started));
    const { normalisationsOn, notifyVerify, settingsNormalisations } =
      await import('../actions/verify');
    notifyVerify(result, trans, session.panel.title.label);
    if (result.verdict !== 'reproduces' && result.verdict !== 'differs') {
      return null;
    }
    return {
      time: new Date().toISOString(),
      ...kernel,
      same: result.same,
      differs: result.differs,
      errors: result.errors,
      normalisations: normalisationsOn(settingsNormalisations(tracker.settings))
    };
  };

  add<IPublishArgs & { path?: string }>(CommandIDs.publish, {
    // JupyterLab's toolbar calls with `toolbar: true`: the short label and
    // the icon there; the menu and the palette name the command in full.
    label: args =>
      args.toolbar ? trans.__('Publish') : trans.__('Publish Notebook…'),
    caption: trans.__(
      'Check the notebook, pin its packages, set a version and save'
    ),
    icon: args => (args.toolbar ? publishIcon : undefined),
    args: 'publish',
    isEnabled: isReady,
    execute: async (session, args): Promise<IPublishResult> => {
      if (!session || !session.panel.context.isReady) {
        return {
          published: false,
          version: '',
          problems: [trans.__('No notebook to publish.')]
        };
      }
      const parser = tracker.parser;
      if (!parser) {
        return {
          published: false,
          version: '',
          problems: [
            trans.__("JupyterLab's Python language could not be loaded.")
          ]
        };
      }
      const { settings } = tracker;
      const { publishSession } = await import('../actions/publish');
      return publishSession(
        session,
        {
          parser,
          contents: app.serviceManager.contents,
          verify: () => verifiedRecord(session)
        },
        {
          exportRequirements: settings.exportRequirementsOnPublish,
          exportPep723: settings.exportPep723OnPublish,
          ...args
        },
        trans
      );
    }
  });

  /**
   * A command writing exports with the function the exports module names
   * (loaded on first use).
   */
  const exporter =
    (name: 'exportRequirements' | 'exportPep723' | 'exportLocks') =>
    async (
      session: INotebookSession | null,
      args: IExportArgs
    ): Promise<IExportResult | IExportResult[] | null> => {
      if (!session || !session.panel.context.isReady) {
        return null;
      }
      const exports = await import('../actions/exports');
      const { exportTarget, notifyExport } = exports;
      const result = await exports[name](
        exportTarget(session, app.serviceManager.contents),
        args,
        trans
      );
      if (args.interactive !== false) {
        for (const done of Array.isArray(result) ? result : [result]) {
          notifyExport(done, trans);
        }
      }
      return result;
    };

  add<IExportArgs>(CommandIDs.exportRequirements, {
    label: trans.__('Export Pinned Packages to requirements.txt'),
    menuLabel: trans.__('Export requirements.txt'),
    caption: trans.__(
      'Write the stored package versions, pinned, to requirements.txt beside the notebook'
    ),
    args: 'export',
    isEnabled: isReady,
    execute: exporter('exportRequirements')
  });

  add<IExportArgs>(CommandIDs.exportPep723, {
    label: trans.__('Export Pinned Packages to a PEP 723 Cell'),
    menuLabel: trans.__('Add or Update the PEP 723 Cell'),
    caption: trans.__(
      'Declare the stored package versions in a hidden "# /// script" cell (juv, uv run) and save'
    ),
    args: 'export',
    isEnabled: isReady,
    execute: exporter('exportPep723')
  });

  add<{ path?: string; interactive?: boolean }>(CommandIDs.verify, {
    label: trans.__('Verify in a Fresh Kernel'),
    caption: trans.__(
      'Run the notebook top to bottom in a new, separate kernel and compare its outputs with the stored ones'
    ),
    args: 'verify',
    isEnabled: isReady,
    execute: async (session, args) => {
      if (!session || !session.panel.context.isReady) {
        return null;
      }
      const result = await verify(session);
      if (args.interactive !== false) {
        const { notifyVerify } = await import('../actions/verify');
        notifyVerify(result, trans, session.panel.title.label);
      }
      return result;
    }
  });

  add<{ path?: string; index?: number }>(CommandIDs.verifyCompare, {
    label: trans.__('Compare Stored and Verified Outputs of the Active Cell'),
    caption: trans.__(
      "Show a cell's stored outputs beside those of the last verification"
    ),
    args: 'verifyCell',
    isEnabled: session => session.verification.run.length > 0,
    execute: async (session, args) => {
      if (!session) {
        return false;
      }
      const { compareVerifiedCell, settingsNormalisations } =
        await import('../actions/verify');
      return compareVerifiedCell(
        session,
        args.index ?? session.panel.content.activeCellIndex,
        {
          trans,
          normalisations: settingsNormalisations(tracker.settings),
          goToCell: index => goToCell(shell, session.panel, index)
        }
      );
    }
  });

  add<{ path?: string; interactive?: boolean }>(CommandIDs.keepVerifyOutputs, {
    label: trans.__('Keep the Outputs of the Last Verification…'),
    caption: trans.__(
      'Replace the stored outputs and execution counts with those of the last verification'
    ),
    args: 'verify',
    isEnabled: session =>
      session.panel.context.isReady && session.verification.run.length > 0,
    execute: async (session, args) => {
      if (!session || !session.panel.context.isReady) {
        return null;
      }
      const { keepVerifiedOutputs } = await import('../actions/verify');
      return keepVerifiedOutputs(session, trans, args.interactive !== false);
    }
  });

  add<IExportArgs>(CommandIDs.exportLock, {
    label: trans.__('Export the Published Environment as Lock Files'),
    menuLabel: trans.__('Export Lock Files'),
    caption: trans.__(
      'Write pylock.toml, requirements.lock.txt (and environment.yml for conda) from the environment snapshot beside the notebook'
    ),
    args: 'export',
    isEnabled: isReady,
    execute: exporter('exportLocks')
  });

  add(CommandIDs.installStored, {
    label: trans.__('Install the Stored Versions into This Kernel…'),
    caption: trans.__(
      'Install the published versions of the packages that differ, after a dialog listing them'
    ),
    args: 'path',
    isEnabled: canRecreate,
    execute: async session =>
      session
        ? (await import('../actions/recreate')).recreateEnvironment(
            session,
            trans
          )
        : 'nothing'
  });

  add(CommandIDs.copyNewEnvironment, {
    label: trans.__('Copy the Command for a New Environment for This Notebook'),
    menuLabel: trans.__('Copy New Environment Command'),
    caption: trans.__(
      'A uv command making a virtual environment from requirements.lock.txt and registering it as a kernel'
    ),
    args: 'path',
    isEnabled: session => session.environment.state !== 'none',
    execute: async session =>
      session
        ? (await import('../actions/recreate')).copyNewEnvironmentCommand(
            session,
            trans
          )
        : ''
  });

  add(CommandIDs.remix, {
    label: trans.__('Remix: Save a Copy with a New Id'),
    menuLabel: trans.__('Remix Notebook'),
    caption: trans.__(
      'Save a copy with a new id and version 1 that names this notebook as its parent, and open it'
    ),
    args: 'path',
    isEnabled: isReady,
    execute: async session => {
      if (!session || !session.panel.context.isReady) {
        return null;
      }
      const { remixNotebook } = await import('../actions/remix');
      const result = await remixNotebook(
        session.panel.context,
        app.serviceManager.contents,
        trans
      );
      if (result.path === null) {
        Notification.error(
          trans.__(
            'The remix could not be saved: %1',
            result.problems.join(' ')
          ),
          {
            autoClose: 8000
          }
        );
        return null;
      }
      await commands.execute('docmanager:open', { path: result.path });
      if (result.problems.length > 0) {
        Notification.info(result.problems.join(' '), { autoClose: 8000 });
      }
      return result.path;
    }
  });

  add<{ path?: string; file?: string }>(CommandIDs.addDataFile, {
    label: trans.__('Add a Data File to the Notebook Manifest…'),
    caption: trans.__(
      'Hash a file the notebook reads (relative to the notebook) and record it with the data files'
    ),
    args: 'dataFile',
    isEnabled: isReady,
    execute: async (session, args) => {
      if (!session || !session.panel.context.isReady) {
        return false;
      }
      let file = args.file ?? null;
      if (file === null) {
        const answer = await InputDialog.getText({
          title: trans.__('Add a data file'),
          label: trans.__('Path of the file, relative to the notebook:'),
          placeholder: 'data/measurements.csv'
        });
        file = answer.button.accept ? answer.value : null;
      }
      if (!file || !file.trim()) {
        return false;
      }
      const { addDataFile, dataHashing } = await import('../actions/dataFiles');
      return addDataFile(
        session.panel.context.model,
        file,
        dataHashing(session, trans)
      );
    }
  });

  if (palette) {
    const category = trans.__('nbproject');
    for (const command of PALETTE_COMMANDS) {
      // `isPalette` only where the palette has a label of its own (as
      // JupyterLab's commands do): the palette shows a command's shortcut
      // only beside an item with the shortcut's arguments (none).
      added.add(
        palette.addItem(
          paletteLabelled.has(command)
            ? { command, category, args: { isPalette: true } }
            : { command, category }
        )
      );
    }
  }

  // Buttons and menu items ask `isEnabled` again when what it reads changes:
  // once for a burst of changes, after the next frame (a notebook opening
  // changes its metadata and session at once; their toolbar buttons and
  // menus updated then held back the notebook's first frame).
  let refreshing = false;
  const refresh = (): void => {
    if (refreshing) {
      return;
    }
    refreshing = true;
    afterNextFrame(() => {
      refreshing = false;
      for (const id of Object.values(CommandIDs)) {
        if (commands.hasCommand(id)) {
          commands.notifyCommandChanged(id);
        }
      }
    });
  };
  const follow = (session: INotebookSession): void => {
    void session.ready.then(refresh);
    session.metadata.changed.connect(refresh);
    session.kernel.stateChanged.connect(refresh);
    session.verification.changed.connect(refresh);
  };
  const onAdded = (_: unknown, session: INotebookSession): void =>
    follow(session);
  tracker.forEach(follow);
  tracker.sessionAdded.connect(onAdded);
  tracker.currentChanged.connect(refresh);
  tracker.settingsChanged.connect(refresh);
  added.add({
    isDisposed: false,
    dispose(): void {
      tracker.sessionAdded.disconnect(onAdded);
      tracker.currentChanged.disconnect(refresh);
      tracker.settingsChanged.disconnect(refresh);
      tracker.forEach(session => {
        session.metadata.changed.disconnect(refresh);
        session.kernel.stateChanged.disconnect(refresh);
        session.verification.changed.disconnect(refresh);
      });
    }
  });
  return added;
}

/**
 * A namespace for `addCommands` statics.
 */
export namespace addCommands {
  /**
   * What the commands need besides the app and the tracker.
   */
  export interface IOptions {
    /**
     * The translation bundle.
     */
    trans: TranslationBundle;
    /**
     * The command palette, if any.
     */
    palette?: ICommandPalette | null;
  }
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * The argument schemas the commands share, by name.
   */
  export type SchemaName =
    'path' | 'publish' | 'export' | 'dataFile' | 'verify' | 'verifyCell';

  /**
   * One command: what it shows, the schema of its arguments, and what it
   * does on a notebook's session (`null` when there is none).
   */
  export interface ICommand<T> {
    label: string | ((args: ReadonlyPartialJSONObject) => string);
    /**
     * The shorter label in a menu (and anywhere but the palette, which
     * shows `label`), where the menu's title says the rest.
     */
    menuLabel?: string;
    caption?: string;
    icon?: LabIcon | ((args: ReadonlyPartialJSONObject) => LabIcon | undefined);
    args: SchemaName;
    isEnabled?: (session: INotebookSession, args: T) => boolean;
    isToggled?: (session: INotebookSession) => boolean;
    execute: (session: INotebookSession | null, args: T) => unknown;
  }

  /**
   * The argument schemas, their descriptions translated.
   */
  export function schemas(
    trans: TranslationBundle
  ): Record<SchemaName, ArgsSchema> {
    const path = {
      path: {
        type: 'string',
        description: trans.__(
          'The notebook path; the current notebook by default'
        )
      }
    } as const;
    return {
      path: { type: 'object', properties: { ...path } },
      publish: {
        type: 'object',
        properties: {
          ...path,
          version: {
            type: 'string',
            description: trans.__('The version to publish')
          },
          note: { type: 'string', description: trans.__('A change note') },
          force: {
            type: 'boolean',
            description: trans.__('Publish even when a check fails')
          },
          interactive: {
            type: 'boolean',
            description: trans.__('Show the dialog (default true)')
          },
          exportRequirements: {
            type: 'boolean',
            description: trans.__('Also write requirements.txt')
          },
          exportPep723: {
            type: 'boolean',
            description: trans.__('Also add/update the PEP 723 cell')
          },
          exportLocks: {
            type: 'boolean',
            description: trans.__(
              'Also write the lock files of the environment snapshot (default false)'
            )
          },
          verify: {
            type: 'boolean',
            description: trans.__(
              'Verify in a fresh kernel first and record the verdict'
            )
          }
        }
      },
      export: {
        type: 'object',
        properties: {
          ...path,
          interactive: {
            type: 'boolean',
            description: trans.__(
              'Show a summary before overwriting (default true)'
            )
          }
        }
      },
      verify: {
        type: 'object',
        properties: {
          ...path,
          interactive: {
            type: 'boolean',
            description: trans.__(
              'Say the result in a notification (default true)'
            )
          }
        }
      },
      verifyCell: {
        type: 'object',
        properties: {
          ...path,
          index: {
            type: 'integer',
            description: trans.__(
              "The cell's position in the notebook; the active cell by default"
            )
          }
        }
      },
      dataFile: {
        type: 'object',
        properties: {
          ...path,
          file: {
            type: 'string',
            description: trans.__(
              'The data file, relative to the notebook; asked when absent'
            )
          }
        }
      }
    };
  }

  /**
   * Why a command's arguments do not fit, in a sentence.
   */
  export function describe(
    id: string,
    problems: ReturnType<typeof checkArgs>,
    trans: TranslationBundle
  ): string {
    const parts = problems.map(({ name, problem, expected }) => {
      switch (problem) {
        case 'missing':
          return trans.__('"%1" is required', name);
        case 'type':
          return trans.__('"%1" must be a %2', name, expected);
        case 'enum':
          return trans.__('"%1" must be one of %2', name, expected);
      }
    });
    return trans.__('%1: invalid arguments: %2.', id, parts.join('; '));
  }
}
