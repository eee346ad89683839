// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import * as path from 'path';

/**
 * The repository's root, wherever a test file sits below it.
 */
export const ROOT = path.resolve(__dirname, '..');

/**
 * The test notebooks of `src/__tests__/fixtures/`.
 */
export const FIXTURES = path.join(ROOT, 'src', '__tests__', 'fixtures');

/**
 * The project's virtual environment (`make setup`): the Python the kernel
 * runs in the tests and the browser tests.
 */
export const VENV = path.join(ROOT, '.venv');

/**
 * Its Python interpreter.
 */
export const VENV_PYTHON = path.join(VENV, 'bin', 'python');
