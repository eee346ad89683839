// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { isDistributionName } from './requirements';
import { installCommand, isInstallableVersion } from './compare';
import {
  IEnvironmentDrift,
  ISnapshotRead,
  parseCondaSpec
} from './environment';
import { normalizeDistribution } from './distributions';
import { LOCK_FILES } from './lockFiles';

/**
 * One package that installing the stored versions changes:
 * `recreate.change` (installed, another version) or `recreate.install`
 * (not installed).
 */
export interface IRecreateChange {
  /**
   * What happens to it.
   */
  code: 'recreate.change' | 'recreate.install';
  /**
   * The name as stored.
   */
  name: string;
  /**
   * The installed version, `null` when not installed.
   */
  live: string | null;
  /**
   * The stored version.
   */
  stored: string;
}

/**
 * One changed or missing package the plan cannot install:
 *
 * - `recreate.directSource`: it came from a VCS checkout, a local
 *   directory or an archive, not an index;
 * - `recreate.invalid`: its name is not a PEP 508 name or its version not
 *   a PEP 440 version an install line can carry unquoted.
 */
export interface IRecreateSkip {
  /**
   * Why it is left out.
   */
  code: 'recreate.directSource' | 'recreate.invalid';
  /**
   * The name as stored (from anyone: the caller cuts and quotes it).
   */
  name: string;
}

/**
 * What installing the stored versions into the kernel does.
 */
export interface IRecreatePlan {
  /**
   * The packages it changes, in the drift table's order.
   */
  changes: IRecreateChange[];
  /**
   * The changed or missing ones it leaves out.
   */
  skipped: IRecreateSkip[];
  /**
   * `%pip install name==version …` for {@link changes}, `""` when none.
   */
  pip: string;
  /**
   * In a conda environment (the snapshot lists conda packages):
   * `conda install` and `mamba install` lines pinning the changed
   * packages that conda installed, for the user to run; `null` otherwise.
   * {@link pip} then holds only the packages pip installed.
   */
  conda: { conda: string; mamba: string } | null;
}

/**
 * The plan of installing the snapshot's versions of the changed and
 * missing distributions into the kernel (added ones are left alone).
 * Every name and version is checked, as for {@link installCommand}, so
 * the lines need no quoting and cannot run anything else. Linear in the
 * number of rows.
 *
 * @param read - the stored snapshot.
 * @param drift - the kernel's environment against it.
 */
export function planRecreate(
  read: ISnapshotRead,
  drift: IEnvironmentDrift
): IRecreatePlan {
  const condaByKey = new Map<string, string>();
  for (const spec of read.snapshot?.conda ?? []) {
    const pkg = parseCondaSpec(spec);
    if (
      pkg &&
      Private.CONDA_WORD.test(pkg.name) &&
      Private.CONDA_WORD.test(pkg.version)
    ) {
      condaByKey.set(normalizeDistribution(pkg.name), Private.condaPin(pkg));
    }
  }
  const isConda = (read.snapshot?.conda?.length ?? 0) > 0;
  const changes: IRecreateChange[] = [];
  const skipped: IRecreateSkip[] = [];
  const pipPins: Record<string, string> = Object.create(null);
  const condaPins: string[] = [];
  for (const row of drift.rows) {
    const stored = read.packages.get(row.key);
    if (row.status === 'added' || !stored) {
      continue;
    }
    if (stored.source) {
      skipped.push({ code: 'recreate.directSource', name: stored.name });
      continue;
    }
    if (
      !isDistributionName(stored.name) ||
      !isInstallableVersion(stored.version)
    ) {
      skipped.push({ code: 'recreate.invalid', name: stored.name });
      continue;
    }
    changes.push({
      code: row.live === null ? 'recreate.install' : 'recreate.change',
      name: stored.name,
      live: row.live,
      stored: stored.version
    });
    const condaPin = isConda ? condaByKey.get(row.key) : undefined;
    if (condaPin) {
      condaPins.push(condaPin);
    } else {
      pipPins[stored.name] = stored.version;
    }
  }
  const pip = installCommand(pipPins).command;
  const args = condaPins.join(' ');
  return {
    changes,
    skipped,
    pip: pip ? `%${pip}` : '',
    conda:
      isConda && args
        ? { conda: `conda install ${args}`, mamba: `mamba install ${args}` }
        : null
  };
}

/**
 * A kernel name for a notebook: its file name without the extension,
 * lower-cased, with every run of other characters than letters, digits,
 * `_`, `.` and `-` made one `-` (`""` when nothing is left).
 *
 * @param path - the notebook's path.
 */
export function kernelNameFor(path: string): string {
  const base = path.split('/').pop() ?? '';
  return base
    .replace(/\.ipynb$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 64);
}

/**
 * The shell command that makes a new environment for a notebook from its
 * exported `requirements.lock.txt`, to run in the notebook's folder (POSIX
 * shell): `uv venv`, `uv pip sync` of the lock, then the environment's
 * Python registers itself as a kernel named `name`. `""` when the name is
 * not a plain word (see {@link kernelNameFor}), so nothing needs quoting.
 *
 * @param name - the kernel's name.
 */
export function newEnvironmentCommand(name: string): string {
  if (!/^[a-z0-9_][a-z0-9_.-]*$/.test(name)) {
    return '';
  }
  const venv = `.venv-${name}`;
  return [
    `uv venv ${venv}`,
    `uv pip sync --python ${venv} ${LOCK_FILES.requirements}`,
    `uv pip install --python ${venv} ipykernel`,
    `${venv}/bin/python -m ipykernel install --user --name ${name} --display-name ${name}`
  ].join(' && ');
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * A conda name, version or build that needs no quoting.
   */
  export const CONDA_WORD = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/;

  /**
   * `name=version=build` (or `name=version` when the build is not a plain
   * word), with `channel::` when the channel is a plain name.
   */
  export function condaPin(pkg: {
    name: string;
    version: string;
    build: string;
    channel: string;
  }): string {
    const channel = CONDA_WORD.test(pkg.channel) ? `${pkg.channel}::` : '';
    const build = CONDA_WORD.test(pkg.build) ? `=${pkg.build}` : '';
    return `${channel}${pkg.name}=${pkg.version}${build}`;
  }
}
