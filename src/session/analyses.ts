// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

/**
 * The code the session's parts run once a notebook has opened, and only
 * then: the scanners and readers of the whole notebook, and the kernel
 * requests they send. It is loaded with `loadAnalyses` (./loadAnalyses),
 * in a chunk fetched after startup, so that what JupyterLab downloads when
 * it starts is what paints a notebook's header and its cell marks. Import
 * it only through that loader (a static import would bring it back into
 * the startup chunk).
 */

export { notebookDataFilesSteps } from '../core/data/files';
export { compareManifest, readDataManifest } from '../core/data/manifest';
export { hiddenStateSteps } from '../core/execution/hiddenState';
export { findAbsolutePaths } from '../core/hygiene/absolutePaths';
export { findSecrets, unscannedLines } from '../core/hygiene/secrets';
export {
  isFileDigest,
  isHashError,
  isHashSkip
} from '../core/kernel/hashRequest';
export { readDeclared } from '../core/packages/declaredDependencies';
export {
  compareEnvironment,
  readEnvironmentSnapshot
} from '../core/packages/environment';
export { planRecreate } from '../core/packages/recreate';
export { askEnvironment } from '../kernel/environment';
export { hashFilesInKernel, scopeQuery } from '../kernel/hashFiles';
