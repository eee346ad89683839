// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

export * from './analysis';
export * from './compare';
export * from './consecutiveness';
export * from './distributions';
export * from './ids';
export * from './imports';
export * from './metadata';
export * from './notebook';
export * from './stdlib';
export * from './title';
