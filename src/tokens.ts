// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { NotebookPanel } from '@jupyterlab/notebook';
import { Token } from '@lumino/coreutils';
import type { IObservableDisposable } from '@lumino/disposable';
import type { ISignal } from '@lumino/signaling';
import type { IUnparsedCell, IUnscannedLines } from './core/common/scanLimits';
import { DEFAULT_MAX_DATA_SIZE } from './core/data/paths';
import type { IAbsolutePathFinding } from './core/hygiene/absolutePaths';
import type { ISecretFinding } from './core/hygiene/secrets';
import type { IHiddenStateReport } from './core/execution/hiddenState';
import type {
  IVerifiedCell,
  IVerifyResult
} from './core/execution/compareOutputs';
import type { IRunCell } from './core/execution/keepOutputs';
import type { ILiveEnvironment } from './core/kernel/probeRequest';
import type { INbprojectRead } from './core/nbproject/metadata';
import type {
  IPackageComparison,
  summarizeComparison
} from './core/packages/compare';
import type { IInstallLine } from './core/python/imports';
import type { IInstallGroup } from './core/packages/installGroups';
import type { PythonParser } from './core/python/parser';
import type {
  IHashKernel,
  IHashScope,
  KernelHashFailure
} from './kernel/hashFiles';
import type { KernelProbe } from './kernel/kernelProbe';
import type { DataVerifyState, IDataRow } from './session/data';
import type { IMonitorReport, MonitorMode } from './session/execution';
import type { IPublishedState } from './session/metadata';
import type { IDeclaredState } from './session/packages';
import type { EnvironmentDriftState } from './session/environment';
import type { IEnvironmentDrift } from './core/packages/environment';

export type { DataRowStatus, DataVerifyState, IDataRow } from './session/data';
export type {
  IMarkedCell,
  IMonitorReport,
  MonitorIssue,
  MonitorMode,
  MonitorReason
} from './session/execution';
export type { IPublishedState } from './session/metadata';
export type { IDeclaredState } from './session/packages';

/**
 * The npm package name, which prefixes plugin and settings ids.
 */
export const PACKAGE_NAME = 'jupyterlab-nbproject';

/**
 * The id of the plugin that keeps the notebook sessions; its settings
 * schema is `schema/plugin.json` (the settings id users know).
 */
export const PLUGIN_ID = `${PACKAGE_NAME}:plugin`;

/**
 * The translation domain (the Python package name).
 */
export const TRANSLATION_DOMAIN = 'jupyterlab_nbproject';

/**
 * The nbproject state of the notebooks open in JupyterLab: one session per
 * notebook panel, whether or not its header is shown.
 */
export const INbprojectTracker = new Token<INbprojectTracker>(
  `${PACKAGE_NAME}:INbprojectTracker`,
  "The nbproject session of every open notebook: its metadata, execution order, live packages, data files and hygiene findings, with signals; and the extension's settings."
);

/**
 * The nbproject sessions of the open notebooks, and the settings they
 * follow. A session is added for every notebook panel once JupyterLab's
 * Python parser has loaded, and disposed with its panel.
 */
export interface INbprojectTracker {
  /**
   * The settings, as the user set them.
   */
  readonly settings: INbprojectSettings;
  /**
   * Emitted with the new settings when they change.
   */
  readonly settingsChanged: ISignal<INbprojectTracker, INbprojectSettings>;
  /**
   * JupyterLab's Python parser, which cells are read with; `null` until it
   * has loaded, and if it could not be loaded (then no session is made).
   */
  readonly parser: PythonParser | null;
  /**
   * The session of the current notebook, if any.
   */
  readonly current: INotebookSession | null;
  /**
   * Emitted when the current notebook's session changes.
   */
  readonly currentChanged: ISignal<INbprojectTracker, INotebookSession | null>;
  /**
   * Emitted with every new session, before its notebook has loaded.
   */
  readonly sessionAdded: ISignal<INbprojectTracker, INotebookSession>;
  /**
   * The number of sessions.
   */
  readonly size: number;
  /**
   * The session of a notebook panel.
   */
  get(panel: NotebookPanel): INotebookSession | undefined;
  /**
   * The first session that satisfies a predicate.
   */
  find(
    predicate: (session: INotebookSession) => boolean
  ): INotebookSession | undefined;
  /**
   * Call a function with every session.
   */
  forEach(callback: (session: INotebookSession) => void): void;
}

/**
 * Everything nbproject knows about one open notebook, kept up to date from
 * the live notebook model and its kernel. No DOM: views render it. Disposed
 * with its panel.
 */
export interface INotebookSession extends IObservableDisposable {
  /**
   * The notebook panel.
   */
  readonly panel: NotebookPanel;
  /**
   * The notebook's path (it follows renames).
   */
  readonly path: string;
  /**
   * Whether the notebook has loaded and the session read its metadata.
   * Before that, the parts below say nothing about it.
   */
  readonly isReady: boolean;
  /**
   * Resolves once {@link isReady} and the notebook's first frame after it
   * is drawn, when the parts that read every cell start.
   */
  readonly ready: Promise<void>;
  /**
   * Emitted when any part changes (or the session becomes ready).
   */
  readonly changed: ISignal<INotebookSession, void>;
  /**
   * Whether the notebook's header shows its details; kept here, header or
   * not, so that commands and warnings can open it.
   */
  expanded: boolean;
  /**
   * The notebook's directory as the kernel sees it (absolute), when known.
   */
  readonly directory: string | null;
  /**
   * The nbproject metadata as read, and the last publication.
   */
  readonly metadata: INotebookSession.IMetadata;
  /**
   * The execution order: which code cells did not run in order, and why.
   */
  readonly execution: INotebookSession.IExecution;
  /**
   * The notebook's kernel as the probe sees it, and its environment.
   */
  readonly kernel: INotebookSession.IKernel;
  /**
   * Stored, imported and declared packages against the kernel's.
   */
  readonly packages: INotebookSession.IPackages;
  /**
   * The data files, verified in the kernel.
   */
  readonly data: INotebookSession.IData;
  /**
   * Credentials and user-specific paths found in the cells.
   */
  readonly hygiene: INotebookSession.IHygiene;
  /**
   * Hidden state found without running: names defined nowhere, only
   * below, or taken from a cell below or edited since.
   */
  readonly hiddenState: INotebookSession.IHiddenState;
  /**
   * The kernel's whole environment against the snapshot the notebook was
   * published with.
   */
  readonly environment: INotebookSession.IEnvironment;
  /**
   * The last verification in a fresh kernel, and whether one runs.
   */
  readonly verification: INotebookSession.IVerification;
}

/**
 * The parts of a notebook session.
 */
export namespace INotebookSession {
  /**
   * The nbproject metadata of a notebook.
   */
  export interface IMetadata {
    /**
     * `metadata.nbproject` as read (with its problems), recomputed only
     * when it changes.
     */
    readonly read: INbprojectRead;
    /**
     * The last publication and whether the code changed since, or `null`.
     */
    readonly published: IPublishedState | null;
    /**
     * Emitted when either changes.
     */
    readonly changed: ISignal<any, void>;
  }

  /**
   * The execution order of a notebook (the consecutiveness checker).
   */
  export interface IExecution {
    /**
     * The report as of the last batch of changes.
     */
    readonly report: IMonitorReport;
    /**
     * Whether the report has read the notebook's cells: `false` until the
     * first batch after the file loaded (the report is then that of the
     * empty model the monitor started on, and no verdict to show).
     */
    readonly hasRead: boolean;
    /**
     * The rule the verdict follows.
     */
    readonly mode: MonitorMode;
    /**
     * The kernel session the notebook runs in (it changes on every restart
     * or kernel change), or `null` when unknown.
     */
    readonly kernelSession: string | null;
    /**
     * Emitted with the new report when it changes.
     */
    readonly changed: ISignal<any, IMonitorReport>;
    /**
     * Bring the report up to date with the changes of the current tick.
     */
    flush(): void;
    /**
     * The index of the next marked cell after `fromIndex`, wrapping
     * around; `null` when none is marked.
     */
    nextOffending(fromIndex: number): number | null;
  }

  /**
   * The notebook's kernel, as the kernel probe sees it.
   */
  export interface IKernel {
    /**
     * Where the probe stands.
     */
    readonly state: KernelProbe.State;
    /**
     * A sentence for the user about the state (`""` when `ready`).
     */
    readonly message: string;
    /**
     * What the kernel reported of its environment in this kernel session.
     */
    readonly environment: ILiveEnvironment | null;
    /**
     * Emitted when the state, message or environment changes.
     */
    readonly stateChanged: ISignal<any, KernelProbe.ISnapshot>;
    /**
     * Ask the kernel again now; resolves once it answered (or could not).
     */
    refresh(): Promise<void>;
  }

  /**
   * A notebook's packages.
   */
  export interface IPackages {
    /**
     * Stored versus live, one row per stored or imported distribution.
     */
    readonly rows: readonly IPackageComparison[];
    /**
     * The keys of the rows the kernel answered are not installed (empty
     * without a kernel, and for a name it was not asked about yet).
     */
    readonly notInstalled: ReadonlySet<string>;
    /**
     * Counts of {@link rows} per status.
     */
    readonly summary: ReturnType<typeof summarizeComparison>;
    /**
     * The modules the code imports.
     */
    readonly modules: readonly string[];
    /**
     * Lines that install packages from inside the notebook.
     */
    readonly installs: readonly IInstallLine[];
    /**
     * The install lines grouped by their text, each with its cells.
     */
    readonly installGroups: readonly IInstallGroup[];
    /**
     * Code cells not read for imports (too large, or nesting too deep).
     */
    readonly unparsed: readonly IUnparsedCell[];
    /**
     * What other tools declare (PEP 723 cell, `uv.lock`, Pipfile), each
     * source against the kernel.
     */
    readonly declared: readonly IDeclaredState[];
    /**
     * Emitted when any of it changes.
     */
    readonly changed: ISignal<any, void>;
  }

  /**
   * A notebook's data files.
   */
  export interface IData {
    /**
     * Recorded files in stored order, then those the code reads.
     */
    readonly rows: readonly IDataRow[];
    /**
     * Whether the notebook records a data manifest.
     */
    readonly recorded: boolean;
    /**
     * Where verifying stands.
     */
    readonly state: DataVerifyState;
    /**
     * Why verifying failed (state `failed`), for the view to word; `null`
     * otherwise.
     */
    readonly failure: KernelHashFailure | null;
    /**
     * While a check of every file runs: files done and in all.
     */
    readonly progress: { files: number; total: number } | null;
    /**
     * Where the files may be read, and the bounds (no file is read while
     * the project root is unknown).
     */
    readonly scope: IHashScope;
    /**
     * The kernel files are hashed in: the notebook's, while the probe
     * finds it a Python kernel that answers; else `null`.
     */
    readonly kernel: IHashKernel | null;
    /**
     * Emitted when any of it changes.
     */
    readonly changed: ISignal<any, void>;
    /**
     * Hash the files in the kernel and compare them with the manifest:
     * one bounded request, or with `all` as many as it takes (stoppable).
     */
    verify(options?: { all?: boolean }): Promise<void>;
    /**
     * Stop a check of every file after the request in flight.
     */
    stop(): void;
  }

  /**
   * The kernel's whole environment against the published snapshot.
   */
  export interface IEnvironment {
    /**
     * Where the comparison stands (`none` without a snapshot).
     */
    readonly state: EnvironmentDriftState;
    /**
     * Changed, missing and added distributions, and interpreter or
     * platform differences; `null` until compared.
     */
    readonly drift: IEnvironmentDrift | null;
    /**
     * Emitted when either changes.
     */
    readonly changed: ISignal<any, void>;
    /**
     * Ask the kernel again.
     */
    refresh(): void;
  }

  /**
   * What a notebook should not share.
   */
  export interface IHygiene {
    /**
     * Credentials in cells and outputs (masked excerpts only).
     */
    readonly secrets: readonly ISecretFinding[];
    /**
     * Paths that exist on this machine only.
     */
    readonly absolutePaths: readonly IAbsolutePathFinding[];
    /**
     * Lines too long to scan, which the scans skipped.
     */
    readonly unscanned: IUnscannedLines;
    /**
     * Emitted when the findings change.
     */
    readonly changed: ISignal<any, void>;
  }

  /**
   * Hidden state found without running the notebook.
   */
  export interface IHiddenState {
    /**
     * The last analysis.
     */
    readonly report: IHiddenStateReport;
    /**
     * Whether the first analysis is done.
     */
    readonly isReady: boolean;
    /**
     * The index of the next cell the report lists after `fromIndex`,
     * wrapping around; `null` when it lists none.
     */
    nextCell(fromIndex: number): number | null;
    /**
     * Emitted with the new report when it changes.
     */
    readonly changed: ISignal<any, IHiddenStateReport>;
    /**
     * Resolve once the report is that of the notebook as it is now (edits
     * still waiting for their pause are read at once).
     */
    settle(): Promise<void>;
  }

  /**
   * The last verification in a fresh kernel (`nbproject:verify`).
   */
  export interface IVerification {
    /**
     * The result of the last verification that finished, or `null`.
     */
    readonly result: IVerifyResult | null;
    /**
     * The cells of {@link result} that did not reproduce, in notebook
     * order (as the verification's `finish` listed them).
     */
    readonly unreproduced: readonly IVerifiedCell[];
    /**
     * Whether a verification runs now.
     */
    readonly running: boolean;
    /**
     * A verification starts.
     */
    begin(): void;
    /**
     * A verification ended, with its result (`null` if it gave none), the
     * code cells it ran, with their stored and new outputs, and the cells
     * that did not reproduce.
     */
    finish(
      result: IVerifyResult | null,
      run?: readonly IRunCell[],
      unreproduced?: readonly IVerifiedCell[]
    ): void;
    /**
     * Emitted when a run starts or ends, and when its outputs are kept.
     */
    readonly changed: ISignal<any, void>;
    /**
     * The code cells the last finished verification ran, in order.
     */
    readonly run: readonly IRunCell[];
    /**
     * The cell of the last verification at a notebook index, or `null`.
     */
    ranCell(index: number): IRunCell | null;
    /**
     * Whether the last verification's new outputs were kept.
     */
    readonly kept: boolean;
    /**
     * The last verification's new outputs were kept in the notebook.
     */
    markKept(): void;
  }
}

/**
 * The command ids this extension adds.
 */
export namespace CommandIDs {
  /**
   * Write fresh nbproject metadata into a notebook that has none.
   */
  export const init = 'nbproject:init';
  /**
   * Show the header in its compact or expanded form.
   */
  export const toggleHeader = 'nbproject:toggle-header';
  /**
   * Select and show the next cell that did not run in order.
   */
  export const check = 'nbproject:check';
  /**
   * Select and show the next cell with hidden state.
   */
  export const nextHiddenState = 'nbproject:next-hidden-state';
  /**
   * Ask the kernel again for the installed versions.
   */
  export const refresh = 'nbproject:refresh';
  /**
   * Check, pin, version and save the notebook.
   */
  export const publish = 'nbproject:publish';
  /**
   * Restart the kernel and run all cells.
   */
  export const restartRunAll = 'nbproject:restart-run-all';
  /**
   * Store the kernel's versions as the notebook's packages.
   */
  export const recordLive = 'nbproject:record-live-versions';
  /**
   * Copy a `pip install` line recreating the stored versions.
   */
  export const copyInstall = 'nbproject:copy-install-command';
  /**
   * Write the pinned stored packages to `requirements.txt` beside the
   * notebook.
   */
  export const exportRequirements = 'nbproject:export-requirements';
  /**
   * Insert or update the notebook's PEP 723 `# /// script` cell.
   */
  export const exportPep723 = 'nbproject:export-pep723';
  /**
   * Write the lock files of the stored environment snapshot
   * (`pylock.toml`, `requirements.lock.txt`, `environment.yml`) beside
   * the notebook.
   */
  export const exportLock = 'nbproject:export-lock';
  /**
   * Install the stored environment's versions into the notebook's kernel.
   */
  export const installStored = 'nbproject:install-stored-versions';
  /**
   * Copy the `uv` command making a new environment for the notebook.
   */
  export const copyNewEnvironment = 'nbproject:copy-new-environment-command';
  /**
   * Save a copy with a new id and the notebook as parent, and open it.
   */
  export const remix = 'nbproject:remix';
  /**
   * Add a file by hand to the data files publishing hashes.
   */
  export const addDataFile = 'nbproject:add-data-file';
  /**
   * Run the notebook in a fresh kernel and compare its outputs.
   */
  export const verify = 'nbproject:verify';
  /**
   * Show a cell's stored and new outputs of the last verification side
   * by side.
   */
  export const verifyCompare = 'nbproject:verify-compare';
  /**
   * Replace the stored outputs with the last verification's new ones.
   */
  export const keepVerifyOutputs = 'nbproject:keep-verify-outputs';
}

/**
 * How the consecutiveness checker judges a notebook.
 */
export type CheckMode = MonitorMode;

/**
 * The user settings the extension reads (see `schema/plugin.json`).
 */
export interface INbprojectSettings {
  /**
   * Whether notebooks show the nbproject header; the checks run either way.
   */
  showHeader: boolean;
  /**
   * Whether a notebook's header opens expanded.
   */
  expandHeader: boolean;
  /**
   * nbproject-compatible or strict consecutiveness.
   */
  checkMode: CheckMode;
  /**
   * Whether to warn when stored and live versions differ.
   */
  dependencyWarnings: boolean;
  /**
   * Packages never warned about (any PEP 503 spelling).
   */
  ignorePackages: string[];
  /**
   * How long a kernel probe may take, in seconds; also how long the
   * user's code may wait behind any request of ours.
   */
  probeTimeout: number;
  /**
   * Largest data file hashed, in MiB; larger ones are listed as too large
   * to check.
   */
  dataFileSizeLimit: number;
  /**
   * Whether publishing also writes `requirements.txt` by default.
   */
  exportRequirementsOnPublish: boolean;
  /**
   * Whether publishing also adds or updates the PEP 723 cell by default.
   */
  exportPep723OnPublish: boolean;
  /**
   * The longest a verification in a fresh kernel may run, in seconds.
   */
  verifyTimeLimit: number;
  /**
   * Verification: numbers are equal within this relative tolerance.
   */
  verifyFloatTolerance: number;
  /**
   * Verification: the text normalisations on (`addresses`, `times`,
   * `tempPaths`, `warnings`).
   */
  verifyNormalisations: string[];
}

/**
 * Settings used before the settings registry answers, or without one.
 */
export const DEFAULT_SETTINGS: INbprojectSettings = {
  showHeader: true,
  expandHeader: false,
  checkMode: 'nbproject',
  dependencyWarnings: true,
  ignorePackages: [],
  probeTimeout: 10,
  dataFileSizeLimit: DEFAULT_MAX_DATA_SIZE / 1024 ** 2,
  exportRequirementsOnPublish: false,
  exportPep723OnPublish: false,
  verifyTimeLimit: 600,
  verifyFloatTolerance: 1e-9,
  verifyNormalisations: ['addresses', 'times', 'tempPaths', 'warnings']
};
