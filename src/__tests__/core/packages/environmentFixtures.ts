// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type {
  IEnvironmentReport,
  IInstalledDistribution
} from '../../../core/kernel/environmentRequest';

/**
 * A report of `distributions` on Python 3.11.7, Linux.
 */
export function report(
  distributions: IInstalledDistribution[],
  overrides: Partial<IEnvironmentReport> = {}
): IEnvironmentReport {
  return {
    python: { version: '3.11.7', implementation: 'CPython' },
    platform: 'linux-x86_64',
    distributions,
    conda: null,
    partial: false,
    ...overrides
  };
}

/**
 * An index-installed distribution.
 */
export function dist(
  name: string,
  version: string,
  requires: string[] = [],
  installer = 'pip'
): IInstalledDistribution {
  return { name, version, installer, requires };
}
