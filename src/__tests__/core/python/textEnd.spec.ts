// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { parser } from '@lezer/python';

import { cellPositions } from '../../../cli/positions';
import { isPep723Cell } from '../../../core/packages/metadataBlocks';
import { scanImports } from '../../../core/python/importScan';
import { ipythonToPython } from '../../../core/python/ipython';
import { findNames, findNamesParsing } from '../../../core/python/names';
import { scanNames } from '../../../core/python/nameScan';
import { NameScopes, readMagics } from '../../../core/python/nameScopes';

/**
 * The scans stop at the end of the text instead of reading past it: code
 * whose last token, mark or blank ends the text.
 */
describe('scans at the end of the text', () => {
  it('reads IPython on a last line without a newline', () => {
    expect(ipythonToPython('x = 1\n!ls').code).toBe('x = 1\n');
    expect(ipythonToPython('x = 1\ny = !ls').code).toBe('x = 1\n');
    // A last line whose `=` ends it, or is followed by blanks only, is
    // Python as it is.
    expect(ipythonToPython('x = 1\ny %=').code).toBe('x = 1\ny %=');
    expect(ipythonToPython('x = 1\ny %=  ').code).toBe('x = 1\ny %=  ');
    expect(ipythonToPython('x = 1\ny?').code).toBe('x = 1\n');
    // No mark at all, and one on the last character.
    expect(ipythonToPython('a = 1\nb = 2').code).toBe('a = 1\nb = 2');
    expect(ipythonToPython('?').code).toBe('');
    expect(ipythonToPython('%').code).toBe('');
  });

  it('reads magics that may define on a last line', () => {
    const defined = (source: string): string[] => {
      const scopes = new NameScopes(source.length);
      readMagics(source, scopes);
      return scopes.result().defines;
    };
    expect(defined('x = 1\ny = !ls')).toEqual(['y']);
    expect(defined('x = 1\ny = %who_ls')).toEqual(['y']);
    // `=` last, or followed by blanks only: nothing is defined.
    expect(defined('x %= 2\ny %=')).toEqual([]);
    expect(defined('x %= 2\ny %=   ')).toEqual([]);
    expect(defined('y = 1 % 2')).toEqual([]);
  });

  it('scans imports whose last token ends the code', () => {
    expect(scanImports('import os')).toEqual(['os']);
    expect(scanImports('import os\nx = 1')).toEqual(['os']);
    expect(scanImports('import os\nx = "a"')).toEqual(['os']);
    expect(scanImports("import os\nx = b'a'")).toEqual(['os']);
    expect(scanImports('import os\nx')).toEqual(['os']);
    expect(scanImports('import os\n   ')).toEqual(['os']);
    expect(scanImports('import os\n# done')).toEqual(['os']);
    // A number glued to what follows is left to the parser.
    expect(scanImports('import os\nx = 1.')).toBeNull();
    expect(scanImports('import os\nx = 1é')).toBeNull();
    expect(scanImports('import os\nxé = 1')).toBeNull();
  });

  it('tells a blank or empty cell from a PEP 723 one', () => {
    expect(isPep723Cell({ cell_type: 'code', source: '' })).toBe(false);
    expect(isPep723Cell({ cell_type: 'code', source: ' \n\t ' })).toBe(false);
    expect(
      isPep723Cell({
        cell_type: 'code',
        source: '\n# /// script\n# dependencies = []\n# ///'
      })
    ).toBe(true);
  });

  it('gives the names of every cell one shape, scanned or parsed', () => {
    for (const source of ['x = 1', 'from a import *', 'y = z']) {
      const scanned = findNames(source, parser);
      const parsed = findNamesParsing(source, parser);
      expect(Object.keys(scanned)).toEqual(['defines', 'reads', 'dynamic']);
      expect(Object.keys(parsed)).toEqual(Object.keys(scanned));
      expect(parsed).toEqual(scanned);
    }
  });
});

describe('f-string fields and the brackets around them', () => {
  it('reads the brackets of a field as its own', () => {
    const names = (code: string) => scanNames(code, code);
    expect(names('x = (f"{a}", y)\n')?.reads.map(r => r.name)).toEqual([
      'a',
      'y'
    ]);
    expect(names('x = [f"{a[(b)]}" for a in c]\n')?.defines).toEqual(['x']);
    expect(names('x = f"{a:{(w)}}"\n')?.reads.map(r => r.name)).toEqual([
      'a',
      'w'
    ]);
    expect(names('x = (\n  f"{a}{b[0]}",\n)\n')?.defines).toEqual(['x']);
    // A field cannot close a bracket opened outside it, nor leave one
    // open: the scan is not sure and leaves the cell to the parser.
    expect(names('x = (f"{)}")\n')).toBeNull();
    expect(names('x = (f"{a]}")\n')).toBeNull();
    expect(names('x = f"{a:{)}}"\n')).toBeNull();
    expect(names('x = f"{(a}"\n')).toBeNull();
    expect(names('x = (f"{a}"\n')).toBeNull();
  });
});

describe('cell positions', () => {
  it('gives each cell its own source lines, empty ones included', () => {
    const text = [
      '{',
      ' "cells": [',
      '  {',
      '   "cell_type": "code",',
      '   "source": []',
      '  },',
      '  {',
      '   "cell_type": "code",',
      '   "source": [',
      '    "a\\n",',
      '    "b"',
      '   ]',
      '  },',
      '  {',
      '   "source": "c\\nd",',
      '   "cell_type": "markdown"',
      '  },',
      '  {',
      '   "source": []',
      '  }',
      ' ],',
      ' "source": ["not a cell"]',
      '}'
    ].join('\n');
    expect(cellPositions(text)).toEqual([
      { line: 3, source: [] },
      { line: 7, source: [10, 11] },
      { line: 14, source: [15, 15] },
      { line: 18, source: [] }
    ]);
    expect(cellPositions(' "source": ["a"]')).toEqual([]);
  });
});
