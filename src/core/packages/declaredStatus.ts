// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

// remove once the UI moved: the comparison lives in ./compare.
export { compareDeclared, summarizeDeclared } from './compare';
export type { DeclaredStatus, IDeclaredRow } from './compare';
