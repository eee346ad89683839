// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

export * from './absolutePaths';
export * from './analysis';
export * from './compare';
export * from './consecutiveness';
export * from './dataFiles';
export * from './dataManifest';
export * from './declared';
export * from './digest';
export * from './distributions';
export * from './hashRequest';
export * from './history';
export * from './ids';
export * from './imports';
export * from './ipython';
export * from './metadata';
export * from './notebook';
export * from './pep723';
export * from './publishPlan';
export * from './remix';
export * from './requirements';
export * from './secrets';
export * from './stdlib';
export * from './title';
export * from './toml';
export * from './version';
