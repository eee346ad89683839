// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { DEFAULT_MAX_DATA_SIZE } from './core/data/paths';

/**
 * The npm package name, which prefixes plugin and settings ids.
 */
export const PACKAGE_NAME = 'jupyterlab-nbproject';

/**
 * The plugin id; its settings schema is `schema/plugin.json`.
 */
export const PLUGIN_ID = `${PACKAGE_NAME}:plugin`;

/**
 * The translation domain (the Python package name).
 */
export const TRANSLATION_DOMAIN = 'jupyterlab_nbproject';

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
   * Save a copy with a new id and the notebook as parent, and open it.
   */
  export const remix = 'nbproject:remix';
  /**
   * Add a file by hand to the data files publishing hashes.
   */
  export const addDataFile = 'nbproject:add-data-file';
}

/**
 * How the consecutiveness checker judges a notebook.
 */
export type CheckMode = 'nbproject' | 'strict';

/**
 * The user settings the extension reads (see `schema/plugin.json`).
 */
export interface INbprojectSettings {
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
}

/**
 * Settings used before the settings registry answers, or without one.
 */
export const DEFAULT_SETTINGS: INbprojectSettings = {
  expandHeader: false,
  checkMode: 'nbproject',
  dependencyWarnings: true,
  ignorePackages: [],
  probeTimeout: 10,
  dataFileSizeLimit: DEFAULT_MAX_DATA_SIZE / 1024 ** 2,
  exportRequirementsOnPublish: false,
  exportPep723OnPublish: false
};
