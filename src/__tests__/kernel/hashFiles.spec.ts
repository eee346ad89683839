// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { hashFilesInKernel } from '../../kernel/hashFiles';
import {
  DIGEST_A,
  DIGEST_B,
  FakeHashKernel as FakeKernel
} from './fakeHashKernel';

const settle = () => new Promise(resolve => setTimeout(resolve, 0));

describe('hashFilesInKernel', () => {
  const query = { paths: ['a', 'b', 'c'], root: '/r', notebook: 'nb.ipynb' };

  it('goes on with the files not finished only, and reports progress', async () => {
    const kernel = new FakeKernel({
      a: { sha256: DIGEST_A, size: 1 },
      b: { sha256: DIGEST_B, size: 4, slices: 2 }
    });
    const progress: unknown[] = [];
    const outcome = await hashFilesInKernel(kernel, query, {
      onProgress: p => progress.push(p)
    });
    // The deadline passed in b: c waited for the second request.
    expect(kernel.requests).toEqual([
      ['a', 'b', 'c'],
      ['b', 'c']
    ]);
    expect(progress).toEqual([
      { files: 1, total: 3, fraction: (1 + 0.25) / 3 },
      { files: 3, total: 3, fraction: 1 }
    ]);
    expect(outcome.ok && [...outcome.files]).toEqual([
      ['a', { sha256: DIGEST_A, size: 1 }],
      ['b', { sha256: DIGEST_B, size: 4 }],
      ['c', { code: 'missing', error: 'FileNotFoundError: c' }]
    ]);
  });

  it('sends no more than maxRequests, and none once cancelled', async () => {
    const kernel = new FakeKernel({
      b: { sha256: DIGEST_B, size: 4, slices: 3 }
    });
    const once = await hashFilesInKernel(kernel, query, { maxRequests: 1 });
    expect(kernel.requests).toHaveLength(1);
    expect(once.ok && once.files.get('b')).toEqual({
      code: 'unfinished',
      skipped: true,
      done: 1,
      size: 4
    });
    const none = await hashFilesInKernel(kernel, query, {
      cancelled: () => true
    });
    expect(kernel.requests).toHaveLength(1);
    expect(none.ok && none.files.get('a')).toEqual({
      code: 'unfinished',
      skipped: true,
      done: 0
    });
  });

  it('splits many paths into requests of 1000', async () => {
    const kernel = new FakeKernel({});
    const paths = Array.from({ length: 2500 }, (_, i) => `f${i}`);
    await hashFilesInKernel(kernel, { ...query, paths });
    expect(kernel.requests.map(request => request.length)).toEqual([
      1000, 1000, 500
    ]);
  });

  it('gives up on a kernel that does not answer in time, and sends it nothing more until it does', async () => {
    const kernel = new FakeKernel({ a: { sha256: DIGEST_A, size: 1 } });
    kernel.hang = true;
    const outcome = await hashFilesInKernel(kernel, query, { timeout: 5 });
    expect(outcome).toMatchObject({
      ok: false,
      failure: { problem: 'timeout', seconds: 1 }
    });
    expect(await hashFilesInKernel(kernel, query)).toEqual({
      ok: false,
      failure: { problem: 'busy' }
    });
    expect(kernel.sent).toHaveLength(1);
    kernel.release();
    const late = await (outcome as { late: Promise<any> }).late;
    expect(late.ok && late.files.get('a')).toEqual({
      sha256: DIGEST_A,
      size: 1
    });
    kernel.hang = false;
    await settle();
    expect((await hashFilesInKernel(kernel, query)).ok).toBe(true);
    expect(kernel.sent).toHaveLength(2);
  });
});
