// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { whenIdle } from './slices';

/**
 * The code the session's parts run once a notebook has opened
 * (./analyses).
 */
export type Analyses = typeof import('./analyses');

/**
 * The analyses once loaded; `null` before.
 */
let loaded: Analyses | null = null;

/**
 * The load under way, if any.
 */
let loading: Promise<Analyses> | null = null;

/**
 * Load the analyses: fetched once the page is idle (after the header that
 * asked for them is painted), once for every notebook. A part waits for
 * them before its first reading; a load that fails is tried again by the
 * next part that asks.
 */
export function loadAnalyses(): Promise<Analyses> {
  if (loaded) {
    return Promise.resolve(loaded);
  }
  loading ??= new Promise<void>(resolve => whenIdle(resolve))
    .then(() => import(/* webpackChunkName: "after-open" */ './analyses'))
    .then(
      code => (loaded = code),
      reason => {
        loading = null;
        throw reason;
      }
    );
  return loading;
}

/**
 * The analyses if they are loaded, else `null`: for code that only runs
 * once a part has read the notebook with them.
 */
export function loadedAnalyses(): Analyses | null {
  return loaded;
}

/**
 * Run `then` with the analyses: at once when they are loaded (a notebook
 * opened after the first), else once they are. When they cannot be
 * loaded, the part stays as before its first reading and says so in the
 * console.
 *
 * @param then - the reading to start.
 */
export function withAnalyses(then: (code: Analyses) => void): void {
  if (loaded) {
    then(loaded);
    return;
  }
  loadAnalyses().then(then, reason =>
    console.error(
      'jupyterlab-nbproject: the analyses could not be loaded',
      reason
    )
  );
}
