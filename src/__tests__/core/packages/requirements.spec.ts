// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { spawnSync } from 'child_process';
import * as fs from 'fs';

import {
  describeDiff,
  diffRequirements,
  IRequirement,
  isEmptyDiff,
  isVersionSpecifier,
  parseRequirement,
  parseRequirementsFile,
  pinnedRequirements,
  pinnedVersion,
  renderRequirements,
  requirementsOwner
} from '../../../core/packages/requirements';
import { VENV_PYTHON } from '../../../../testutils/paths';

const PYTHON = VENV_PYTHON;
const HAS_PYTHON = fs.existsSync(PYTHON);
const describePython = HAS_PYTHON ? describe : describe.skip;
const SKIPPED = HAS_PYTHON ? '' : ` (skipped: no ${PYTHON}, run make)`;
if (!HAS_PYTHON) {
  console.warn(
    `Skipping the requirements tests against pip: ${PYTHON} does not exist (run make).`
  );
}

const requirement = (text: string): IRequirement => {
  const parsed = parseRequirement(text);
  if (parsed === null) {
    throw new Error(`not a requirement: ${text}`);
  }
  return parsed;
};

describe('parseRequirement', () => {
  it.each([
    ['numpy', { name: 'numpy', key: 'numpy', specifier: '', version: null }],
    [
      'NumPy == 1.26.4',
      { name: 'NumPy', key: 'numpy', specifier: '==1.26.4', version: '1.26.4' }
    ],
    [
      'zope.interface===6.4.post2',
      { key: 'zope-interface', version: '6.4.post2' }
    ],
    ['pandas>=2,<3', { specifier: '>=2,<3', version: null }],
    ['pandas (>=2, <3)', { specifier: '>=2,<3' }],
    ['torch==2.3.0+cpu', { version: '2.3.0+cpu' }],
    ['numpy==1.*', { specifier: '==1.*', version: null }],
    [
      'pandas[excel, plot]~=2.2',
      { extras: ['excel', 'plot'], specifier: '~=2.2' }
    ],
    [
      'tomli; python_version < "3.11"',
      { specifier: '', marker: 'python_version < "3.11"' }
    ],
    [
      'rich==13.7.1 ; sys_platform == "linux"',
      { version: '13.7.1', marker: 'sys_platform == "linux"' }
    ],
    [
      'pkg @ https://example.com/pkg-1.0.tar.gz',
      { url: 'https://example.com/pkg-1.0.tar.gz', specifier: '' }
    ],
    [
      'pkg @ git+https://x/y.git@v1 ; os_name == "nt"',
      { url: 'git+https://x/y.git@v1', marker: 'os_name == "nt"' }
    ]
  ])('reads %s', (text, expected) => {
    expect(parseRequirement(text)).toMatchObject({
      ...expected,
      text: text.trim()
    });
  });

  it.each([
    '',
    '-e .',
    './local/path',
    'https://example.com/x.whl',
    '-dash-first',
    'numpy 1.26',
    'numpy=1.26',
    'numpy==',
    'numpy>=1;',
    'pkg @ ',
    'evil"name==1'
  ])('rejects %j', text => {
    expect(parseRequirement(text)).toBeNull();
  });

  it.each([
    ['>=3.11', true],
    ['>= 3.8, < 3.13', true],
    ['==3.11.*', true],
    ['3.11', false],
    ['>=', false],
    ['', false]
  ])('%j is a version specifier: %s', (text, expected) => {
    expect(isVersionSpecifier(text)).toBe(expected);
  });

  it.each([
    ['==1.2.3', '1.2.3'],
    ['===1.2.3', '1.2.3'],
    ['==1.*', null],
    ['>=1', null],
    ['', null]
  ])('%j pins %j', (specifier, expected) => {
    expect(pinnedVersion(specifier)).toBe(expected);
  });
});

describe('pinnedRequirements', () => {
  it('pins each package to its version, sorted by normalised name; no version, no pin', () => {
    const { requirements, problems } = pinnedRequirements({
      'scikit-learn': '1.5.0',
      PyYAML: '6.0.1',
      numpy: '1.26.4',
      tomli: ''
    });
    expect(problems).toEqual([]);
    expect(requirements.map(r => r.text)).toEqual([
      'numpy==1.26.4',
      'PyYAML==6.0.1',
      'scikit-learn==1.5.0',
      'tomli'
    ]);
  });

  it('keeps the first of names that are the same package', () => {
    expect(
      pinnedRequirements({ 'Foo.Bar': '1', foo_bar: '2' }).requirements.map(
        r => r.text
      )
    ).toEqual(['Foo.Bar==1']);
  });

  it('leaves out what would break the file, and says so', () => {
    const { requirements, problems } = pinnedRequirements({
      'evil\n--index-url https://evil.example': '1',
      ok: '1.0 ; rm -rf /',
      spaced: ' 2.0 '
    });
    expect(requirements.map(r => r.text)).toEqual(['ok', 'spaced==2.0']);
    expect(problems).toEqual([
      '"evil\\n--index-url https://evil.example" is not a package name; it is left out.',
      'The version "1.0 ; rm -rf /" of ok is not a version; ok is not pinned.'
    ]);
  });

  it('lists five problems and counts the rest', () => {
    const packages = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [`bad name ${i}`, '1'])
    );
    const { problems } = pinnedRequirements(packages);
    expect(problems).toHaveLength(6);
    expect(problems[5]).toBe('…and 7 more packages with problems.');
  });
});

describe('renderRequirements', () => {
  const pinned = pinnedRequirements({
    numpy: '1.26.4',
    tomli: ''
  }).requirements;

  it('writes a header naming the notebook, then one requirement a line', () => {
    expect(
      renderRequirements(pinned, {
        id: 'Kx3vQ9TmPz1a',
        version: '3',
        notebook: 'iris.ipynb'
      })
    ).toBe(
      [
        '# Requirements of notebook Kx3vQ9TmPz1a, version 3 (iris.ipynb).',
        '# Written by jupyterlab-nbproject; install with: pip install -r requirements.txt',
        'numpy==1.26.4',
        'tomli',
        ''
      ].join('\n')
    );
  });

  it('says when the notebook has no id, and keeps pip options', () => {
    expect(
      renderRequirements([], { id: null, version: null }, [
        '--index-url https://pypi.example/simple'
      ])
    ).toBe(
      [
        '# Requirements of a notebook without an nbproject id.',
        '# Written by jupyterlab-nbproject; install with: pip install -r requirements.txt',
        '--index-url https://pypi.example/simple',
        ''
      ].join('\n')
    );
  });

  it('cannot be made to write a line of requirements through the header', () => {
    const text = renderRequirements([], {
      id: 'x\nevil==6.6.6',
      version: '1\r\n-r /etc/passwd',
      notebook: 'a\u2028b.ipynb'
    });
    expect(
      text.split('\n').filter(line => line !== '' && !line.startsWith('#'))
    ).toEqual([]);
    expect(parseRequirementsFile(text)).toEqual({
      requirements: [],
      options: [],
      other: []
    });
  });

  it('reads back what it wrote', () => {
    const text = renderRequirements(pinned, { id: 'a', version: '1' });
    expect(parseRequirementsFile(text).requirements).toEqual(pinned);
  });
});

describe('requirementsOwner', () => {
  it('reads back the notebook the header names', () => {
    const header = (
      id: string | null,
      version: string | null,
      notebook?: string
    ) => requirementsOwner(renderRequirements([], { id, version, notebook }));
    expect(header('Kx3vQ9TmPz1a', '3', 'iris.ipynb')).toEqual({
      id: 'Kx3vQ9TmPz1a',
      notebook: 'iris.ipynb'
    });
    expect(header(null, null)).toEqual({ id: null, notebook: null });
    // A version with a bracket does not take the name's place.
    expect(header('Kx3vQ9TmPz1a', 'draft (2)', 'iris.ipynb')).toEqual(null);
    expect(header('Kx3vQ9TmPz1a', 'draft-2', 'iris.ipynb')).toEqual({
      id: 'Kx3vQ9TmPz1a',
      notebook: 'iris.ipynb'
    });
  });

  it("gives nothing of a stranger's header it cannot vouch for, and never a control character", () => {
    expect(requirementsOwner('numpy==1.0\n')).toBeNull();
    expect(
      requirementsOwner('# Requirements of notebook a\u001b[2Jb (x.ipynb).\n')
    ).toBeNull();
    const owner = requirementsOwner(
      `# Requirements of notebook Kx3vQ9TmPz1a (a\u0007b\u001b[31m${'n'.repeat(300)}.ipynb).\n`
    );
    expect(owner?.id).toBe('Kx3vQ9TmPz1a');
    expect(owner?.notebook).not.toMatch(/[\u0000-\u001f\u007f]/);
    expect(owner!.notebook!.length).toBeLessThanOrEqual(81);
  });
});

describe('parseRequirementsFile', () => {
  it('reads a file as pip does', () => {
    const text = [
      '# a comment',
      '',
      'numpy==1.26.4  # pinned',
      'pandas>=2 \\',
      '    ,<3',
      '--index-url https://pypi.example/simple',
      '-r base.txt',
      '-e ./local',
      './wheels/thing.whl',
      'rich==13.7.1 --hash=sha256:0123',
      'pkg @ https://example.com/pkg.tar.gz#sha256=abc',
      'not a requirement at all'
    ].join('\r\n');
    const file = parseRequirementsFile(text);
    expect(file.requirements.map(r => [r.name, r.specifier, r.url])).toEqual([
      ['numpy', '==1.26.4', null],
      ['pandas', '>=2,<3', null],
      ['rich', '==13.7.1', null],
      ['pkg', '', 'https://example.com/pkg.tar.gz#sha256=abc']
    ]);
    expect(file.options).toEqual([
      '--index-url https://pypi.example/simple',
      '-r base.txt'
    ]);
    expect(file.other).toEqual([
      '-e ./local',
      './wheels/thing.whl',
      'not a requirement at all'
    ]);
  });
});

describe('diffRequirements', () => {
  const before = [
    'numpy==1.26.4',
    'pandas==2.1.0',
    'scipy',
    'tomli; python_version < "3.11"'
  ].map(requirement);
  const after = [
    'NumPy==1.26.4',
    'pandas==2.2.2',
    'rich==13.7.1',
    'tomli ; python_version<"3.11"'
  ].map(requirement);

  it('matches by normalised name and marker, and sorts into added, removed, changed, unchanged', () => {
    const diff = diffRequirements(before, after);
    expect(diff.added.map(r => r.text)).toEqual(['rich==13.7.1']);
    expect(diff.removed.map(r => r.text)).toEqual(['scipy']);
    expect(
      diff.changed.map(({ before, after }) => [before.text, after.text])
    ).toEqual([['pandas==2.1.0', 'pandas==2.2.2']]);
    expect(diff.unchanged.map(r => r.text)).toEqual([
      'NumPy==1.26.4',
      'tomli ; python_version<"3.11"'
    ]);
    expect(isEmptyDiff(diff)).toBe(false);
    expect(describeDiff(diff)).toEqual([
      '+ rich==13.7.1',
      '- scipy',
      '~ pandas: ==2.1.0 -> ==2.2.2',
      '= 2 unchanged'
    ]);
  });

  it('counts extras and URLs as changes, and nothing as no change', () => {
    const diff = diffRequirements(
      ['a[x]', 'b', 'c'].map(requirement),
      ['a[y]', 'b @ https://x/b.whl', 'c'].map(requirement)
    );
    expect(diff.changed).toHaveLength(2);
    expect(describeDiff(diff)).toEqual([
      '~ a: any version -> any version',
      '~ b: any version -> @ https://x/b.whl',
      '= 1 unchanged'
    ]);
    expect(isEmptyDiff(diffRequirements(before, before))).toBe(true);
    expect(describeDiff(diffRequirements([], []))).toEqual([]);
  });
});

describePython(
  `pip and packaging read the requirements.txt we write${SKIPPED}`,
  () => {
    it('into the same names and pins', () => {
      const { requirements } = pinnedRequirements({
        numpy: '1.26.4',
        'scikit-learn': '1.5.0',
        'zope.interface': '6.4.post2',
        torch: '2.3.0+cpu',
        tomli: ''
      });
      const text = renderRequirements(
        requirements,
        { id: 'Kx3vQ9TmPz1a', version: '2', notebook: 'a.ipynb' },
        ['--index-url https://pypi.example/simple']
      );
      const script = `
import json, sys, tempfile
from pip._internal.network.session import PipSession
from pip._internal.req.req_file import parse_requirements
from packaging.requirements import Requirement
with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
    f.write(sys.stdin.read())
out = [[r.name, str(r.specifier)] for r in (Requirement(p.requirement) for p in parse_requirements(f.name, session=PipSession()))]
print(json.dumps(out))
`;
      const run = spawnSync(PYTHON, ['-c', script], {
        input: text,
        encoding: 'utf-8',
        timeout: 60000
      });
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toEqual([
        ['numpy', '==1.26.4'],
        ['scikit-learn', '==1.5.0'],
        ['tomli', ''],
        ['torch', '==2.3.0+cpu'],
        ['zope.interface', '==6.4.post2']
      ]);
    });
  }
);
