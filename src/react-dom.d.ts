// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

/**
 * The one function the extension uses from `react-dom`, which JupyterLab
 * shares (React 18) but whose types the project does not install.
 */
declare module 'react-dom' {
  /**
   * Run `fn` and commit the React updates it schedules before returning.
   */
  export function flushSync<R>(fn: () => R): R;
}
