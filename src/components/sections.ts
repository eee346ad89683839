// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

/**
 * The header's sections that show what the analyses run after a notebook
 * opens find (data files, hygiene, declared dependencies, the published
 * environment, hidden state): loaded by the header in the chunk of those
 * analyses, after startup. Until their analyses have run they show
 * nothing, so a header drawn before they arrive looks the same.
 */

export { DataDetails, DataSummary } from './dataSection';
export { DeclaredDetails, DeclaredSummary } from './declaredSection';
export { EnvironmentDetails, EnvironmentSummary } from './environmentSection';
export { HiddenStateBadge, HiddenStateDetails } from './hiddenStateSection';
