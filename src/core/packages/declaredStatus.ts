// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

export { compareDeclared, summarizeDeclared } from './compare'; // remove once the UI moved
export type { DeclaredStatus, IDeclaredRow } from './compare'; // remove once the UI moved
