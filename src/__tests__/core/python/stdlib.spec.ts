// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { execFileSync } from 'child_process';
import * as fs from 'fs';

import { stdlibModuleNames } from '../../../core/python/stdlib';
import { VENV_PYTHON } from '../../../../testutils/paths';

describe('stdlibModuleNames', () => {
  it.each([
    ['__future__', '3.8+'],
    ['dummy_threading', '3.8 only'],
    ['_bootlocale', '3.8-3.9'],
    ['parser', '3.8-3.9'],
    ['binhex', 'until 3.10'],
    ['distutils', 'until 3.11'],
    ['asynchat', 'until 3.11'],
    ['imp', 'until 3.11'],
    ['tomllib', '3.11+'],
    ['_pydatetime', '3.12+'],
    ['_interpreters', '3.13'],
    ['_pyrepl', '3.13']
  ])('knows %s (%s) is standard library', name => {
    expect(stdlibModuleNames.has(name)).toBe(true);
  });

  it.each([
    'numpy',
    'setuptools',
    'pkg_resources',
    '_mypriv',
    'test',
    '_testcapi',
    'typing_extensions'
  ])('knows %s is not', name => {
    expect(stdlibModuleNames.has(name)).toBe(false);
  });

  const python = VENV_PYTHON;
  (fs.existsSync(python) ? it : it.skip)(
    `covers sys.stdlib_module_names of the project's Python (${python})`,
    () => {
      const names: string[] = JSON.parse(
        execFileSync(
          python,
          [
            '-c',
            'import sys, json; print(json.dumps(sorted(sys.stdlib_module_names)))'
          ],
          {
            encoding: 'utf8'
          }
        )
      );
      expect(names.filter(name => !stdlibModuleNames.has(name))).toEqual([]);
    }
  );
});
