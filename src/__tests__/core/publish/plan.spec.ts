import { parser } from '@lezer/python';
import fc from 'fast-check';
import { nextVersion } from '../../../core/nbproject/version';
import { planPublish, IPublishInputs } from '../../../core/publish/plan';
import { readPublishHistory } from '../../../core/extension/history';
import { EXTENSION_KEY } from '../../../core/extension/metadata';
import { readNbproject } from '../../../core/nbproject/metadata';
import type { ICellLike } from '../../../core/notebook/cells';

describe('proposing the next version', () => {
  it.each([
    [undefined, '1'],
    [null, '1'],
    ['', '1'],
    ['0', '1'],
    ['draft', '1'],
    ['1', '2'],
    ['9', '10'],
    ['41', '42'],
    ['1.2', '1.3'],
    ['1.9', '1.10'],
    ['2.0.9', '2.0.10'],
    ['v2', 'v3'],
    ['2-rc', '3-rc'],
    ['9007199254740993', '9007199254740994'],
    ['final', '1']
  ])('after %p proposes %p', (current, expected) => {
    expect(nextVersion(current as any)).toBe(expected);
  });

  it('always proposes a different, non-empty version for numbered ones', () => {
    fc.assert(
      fc.property(fc.string(), s => {
        const next = nextVersion(s);
        expect(next.length).toBeGreaterThan(0);
        if (/\d/.test(s)) {
          expect(next).not.toBe(s.trim());
        }
      })
    );
  });
});

const NOW = new Date(Date.UTC(2026, 10, 22, 8, 30, 0, 250));
const cells = (extra: any[] = []) => [
  { cell_type: 'markdown', source: '# My analysis' },
  {
    cell_type: 'code',
    source: 'import numpy as np\nfrom sklearn import svm',
    execution_count: 1
  },
  { cell_type: 'code', source: 'print(np.pi)', execution_count: 2 },
  ...extra
];
const stored = {
  id: 'Zv1wV7oM9ztH',
  parent: ['abcdEFGH1234'],
  pypackage: { numpy: '1.0.0', requests: '2.0' },
  time_init: '2022-10-09T15:08:04.997800+00:00',
  user_handle: 'ada',
  user_id: 'u1',
  user_name: 'Ada',
  version: '3',
  their_key: { keep: true }
};
const live = {
  distributions: {
    numpy: '2.1.0',
    'scikit-learn': '1.5.2',
    requests: '2.32.3'
  },
  python: '3.11.7'
};
const inputs = (over: Partial<IPublishInputs> = {}): IPublishInputs => ({
  cells: cells(),
  parser,
  nbproject: stored,
  extension: undefined,
  live,
  codeDigest: 'ab'.repeat(32),
  now: NOW,
  ...over
});

describe('the publish plan', () => {
  it('bumps the version, pins live versions and keeps everything else', () => {
    const plan = planPublish(inputs({ note: ' first public run ' }));
    expect(plan.problems).toEqual([]);
    // Every package is installed: the kernel's line passes (✓).
    expect(plan.checks.find(c => c.id === 'kernel')!.passed).toBe(true);
    expect(plan.version).toBe('4');
    expect(plan.nbproject).toEqual({
      ...stored,
      version: '4',
      pypackage: { numpy: '2.1.0', requests: '2.32.3', 'scikit-learn': '1.5.2' }
    });
    expect(readNbproject(plan.nbproject).valid).toBe(true);
    expect(plan.record).toEqual({
      version: '4',
      time: '2026-11-22T08:30:00.250000+00:00',
      note: 'first public run',
      consecutive: true,
      code_sha256: 'ab'.repeat(32),
      python: '3.11.7'
    });
    expect(plan.extension).toEqual({
      schema_version: 1,
      history: [plan.record]
    });
  });

  it('takes the version the user typed, any string', () => {
    expect(
      planPublish(inputs({ version: ' 2024-final ' })).nbproject.version
    ).toBe('2024-final');
  });

  it('warns, without blocking, when the version was already published', () => {
    const first = planPublish(inputs());
    const again = planPublish(
      inputs({ extension: first.extension, version: first.version })
    );
    const check = again.checks.find(c => c.id === 'version')!;
    expect(check.passed).toBe(false);
    expect(check.blocking).toBe(false);
    expect(again.problems).toEqual([]);
    expect(
      readPublishHistory(again.extension).records.map(r => r.version)
    ).toEqual(['4', '4']);
  });

  it('blocks without a title, with nbproject rule', () => {
    const plan = planPublish(inputs({ cells: cells().slice(1) }));
    expect(plan.checks.find(c => c.id === 'title')!.passed).toBe(false);
    expect(plan.problems[0]).toEqual({ code: 'publish.noTitle' });
  });

  it('blocks when cells did not run in order', () => {
    const plan = planPublish(
      inputs({
        cells: [
          cells()[0],
          { ...cells()[1], execution_count: 2 },
          { ...cells()[2], execution_count: 1 }
        ]
      })
    );
    expect(plan.record.consecutive).toBe(false);
    expect(plan.problems).toContainEqual({ code: 'publish.notConsecutive' });
  });

  it('does not say the cells ran in order when none ran', () => {
    const order = (cells: ICellLike[]) =>
      planPublish(inputs({ cells })).checks.find(c => c.id === 'consecutive');
    const code = (source: string, execution_count: number | null) => ({
      cell_type: 'code',
      source,
      execution_count
    });
    expect(
      order([{ cell_type: 'markdown', source: '# T' }, code('x = 1', null)])
    ).toMatchObject({ passed: true, finding: { code: 'publish.notRunYet' } });
    // The PEP 723 cell runs nothing, as the execution monitor counts it.
    expect(
      order([
        code('# /// script\n# dependencies = []\n# ///', 1),
        code('x = 1', null)
      ])
    ).toMatchObject({ finding: { code: 'publish.notRunYet' } });
    expect(order([code('x = 1', 1)])).toMatchObject({
      passed: true,
      finding: { code: 'publish.consecutive' }
    });
  });

  it('blocks when a package is not installed in the kernel, keeps its stored version, and pins a new one as ""', () => {
    const plan = planPublish(
      inputs({ live: { distributions: { numpy: '2.1.0' } } })
    );
    expect(plan.packages).toEqual({
      numpy: '2.1.0',
      requests: '2.0',
      'scikit-learn': ''
    });
    expect(plan.nbproject.pypackage).toEqual(plan.packages);
    expect(plan.problems).toContainEqual({
      code: 'publish.notInstalled',
      params: {
        names: ['requests', 'scikit-learn'],
        kept: [{ name: 'requests', version: '2.0' }]
      }
    });
    // The kernel's line does not claim every version pinned, and warns
    // (no ✓) without blocking.
    const kernel = plan.checks.find(c => c.id === 'kernel')!;
    expect(kernel).toMatchObject({ passed: false, blocking: false });
    expect(kernel.finding).toEqual({
      code: 'publish.kernel',
      params: { python: null, notInstalled: 2 }
    });
  });

  it('blocks on run-time install lines', () => {
    const plan = planPublish(
      inputs({
        cells: cells([
          {
            cell_type: 'code',
            source: '%pip install seaborn',
            execution_count: 3
          }
        ])
      })
    );
    expect(plan.problems).toContainEqual({
      code: 'publish.installs',
      params: { lines: ['%pip install seaborn'] }
    });
  });

  it('names each install line once, however many cells repeat it', () => {
    const install = (source: string) => ({
      cell_type: 'code',
      source,
      execution_count: 1
    });
    const plan = planPublish(
      inputs({
        cells: cells([
          install('!pip install requests==2.31.0'),
          install('%pip install -q tqdm\n!pip install requests==2.31.0'),
          install('!pip install requests==2.31.0')
        ])
      })
    );
    expect(plan.problems).toContainEqual({
      code: 'publish.installs',
      params: {
        lines: ['!pip install requests==2.31.0', '%pip install -q tqdm']
      }
    });
  });

  it('without a kernel keeps stored versions, records new imports without a version, and says so', () => {
    const plan = planPublish(inputs({ live: null }));
    expect(plan.packages).toEqual({
      numpy: '1.0.0',
      requests: '2.0',
      'scikit-learn': ''
    });
    const kernel = plan.checks.find(c => c.id === 'kernel')!;
    expect(kernel).toMatchObject({ passed: false, blocking: false });
    expect(kernel.finding).toEqual({ code: 'publish.noKernel' });
    expect(plan.problems).toEqual([]);
    expect(plan.record.python).toBeNull();
  });

  it('uses the kernel module map over the offline aliases', () => {
    const plan = planPublish(
      inputs({
        live: {
          ...live,
          moduleDistributions: { sklearn: ['scikit-learn-intelex'] },
          distributions: {
            ...live.distributions,
            'scikit-learn-intelex': '9.9'
          }
        }
      })
    );
    expect(plan.packages['scikit-learn-intelex']).toBe('9.9');
  });

  it('initialises an untracked notebook as it publishes it', () => {
    const plan = planPublish(
      inputs({ nbproject: undefined, random: b => b.fill(1) })
    );
    expect(plan.nbproject).toMatchObject({
      id: '111111111111',
      version: '1',
      time_init: '2026-11-22T08:30:00.250000+00:00',
      parent: null
    });
  });

  it('keeps a legacy uid and "draft" notebook id, and proposes "1"', () => {
    const plan = planPublish(
      inputs({
        nbproject: {
          uid: 'OLDid0000001',
          time_init: '2022-01-01T00:00:00+00:00',
          version: 'draft'
        }
      })
    );
    expect(plan.nbproject).toMatchObject({
      id: 'OLDid0000001',
      uid: 'OLDid0000001',
      version: '1'
    });
  });

  it('fixes unreadable fields it replaces and asks for force when the metadata is not an object', () => {
    const fixed = planPublish(
      inputs({ nbproject: { ...stored, version: 3, pypackage: 'numpy' } })
    );
    expect(fixed.nbproject.version).toBe('4');
    expect(fixed.checks.find(c => c.id === 'metadata')).toMatchObject({
      passed: false,
      blocking: false
    });
    const garbage = planPublish(inputs({ nbproject: 'not an object' }));
    expect(fixed.checks.find(c => c.id === 'metadata')!.finding).toEqual({
      code: 'publish.metadataFixable',
      params: {
        problems: [
          { code: 'metadata.versionNumber', params: { version: '3' } },
          {
            code: 'metadata.packagesNotObject',
            params: { value: { type: 'text', text: '"numpy"' } }
          }
        ]
      }
    });
    expect(garbage.problems).toContainEqual({
      code: 'publish.metadataUnreadable',
      params: {
        problem: {
          code: 'metadata.notObject',
          params: { value: { type: 'text', text: '"not an object"' } }
        }
      }
    });
  });

  it('keeps other keys of the extension namespace and an unreadable history', () => {
    const plan = planPublish(
      inputs({ extension: { history: 'oops', mine: 1 } })
    );
    expect(plan.extension).toMatchObject({
      mine: 1,
      history_unreadable: 'oops',
      schema_version: 1
    });
    expect((plan.extension.history as unknown[]).length).toBe(1);
    expect(EXTENSION_KEY).toBe('jupyterlab_nbproject');
  });

  it('never throws, whatever the stored metadata', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (nbproject, extension) => {
        const plan = planPublish(inputs({ nbproject, extension }));
        expect(readNbproject(plan.nbproject).metadata!.version).toBe(
          plan.version
        );
      }),
      { numRuns: 300 }
    );
  });
});
