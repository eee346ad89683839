// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

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
}

/**
 * The user settings the extension reads (see `schema/plugin.json`).
 */
export interface INbprojectSettings {
  /**
   * Whether a notebook's header opens expanded.
   */
  expandHeader: boolean;
}

/**
 * Settings used before the settings registry answers, or without one.
 */
export const DEFAULT_SETTINGS: INbprojectSettings = {
  expandHeader: false
};
