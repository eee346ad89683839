// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

export * from './remixPlan'; // remove once the UI moved
