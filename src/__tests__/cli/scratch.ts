// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { Interpreter } from '../../cli/python';
import type {
  ILiveEnvironment,
  IProbeQuery
} from '../../core/kernel/probeRequest';

/**
 * A new empty folder in the system's temporary folder, with a `.git` so
 * that the configuration lookup stops there, as at a repository's root.
 *
 * @param prefix - the start of its name.
 */
export function tempRepository(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.mkdirSync(path.join(dir, '.git'));
  return dir;
}

/**
 * Remove a folder {@link tempRepository} made, with what is in it.
 */
export function removeRepository(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Ask an interpreter once, as `check --python` does, then let it end.
 *
 * @param python - its path, or a name looked up on `PATH`.
 * @param query - the modules and distributions to ask about.
 */
export async function askOnce(
  python: string,
  query: IProbeQuery
): Promise<{ environment: ILiveEnvironment } | { failure: string }> {
  const interpreter = new Interpreter(python);
  const answer = await interpreter.ask(query);
  interpreter.close();
  return answer;
}
