// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { afterNextFrame, runInSlices } from '../../session/slices';

/**
 * A job of `count` steps, each taking `cost` ms on a fake clock, that
 * returns the steps it ran in order. `log` gets each step as it runs.
 */
function job(
  count: number,
  cost: number,
  clock: { time: number },
  log: string[]
) {
  return (function* () {
    const done: number[] = [];
    for (let i = 0; i < count; i++) {
      clock.time += cost;
      done.push(i);
      log.push(String(i));
      yield;
    }
    return done;
  })();
}

const nextTask = () => new Promise(resolve => setTimeout(resolve, 0));

describe('runInSlices', () => {
  it('finishes a small job at once, before returning', () => {
    const clock = { time: 0 };
    let result: number[] | null = null;
    const run = runInSlices(job(3, 1, clock, []), value => (result = value), {
      now: () => clock.time
    });
    expect(result).toEqual([0, 1, 2]);
    expect(run.isDone).toBe(true);
    expect(run.isDisposed).toBe(true);
  });

  it('stops a slice once its budget is spent and goes on in later tasks', async () => {
    const clock = { time: 0 };
    const log: string[] = [];
    let result: number[] | null = null;
    const run = runInSlices(job(10, 3, clock, log), value => (result = value), {
      budget: 10,
      now: () => clock.time
    });
    // 3 ms a step: the fourth step spends the 10 ms, and the slice ends.
    expect(log.join('')).toBe('0123');
    expect(result).toBeNull();
    expect(run.isDone).toBe(false);
    // Each later task runs one slice, from where the last one stopped.
    await nextTask();
    expect(log.join('')).toBe('01234567');
    expect(result).toBeNull();
    await nextTask();
    expect(log.join('')).toBe('0123456789');
    expect(result).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(run.isDone).toBe(true);
  });

  it('runs no step and calls nothing once cancelled', async () => {
    const clock = { time: 0 };
    const log: string[] = [];
    let called = false;
    const run = runInSlices(job(10, 5, clock, log), () => (called = true), {
      budget: 10,
      now: () => clock.time
    });
    expect(log).toEqual(['0', '1']);
    run.dispose();
    await nextTask();
    await nextTask();
    expect(log).toEqual(['0', '1']);
    expect(called).toBe(false);
    expect(run.isDone).toBe(false);
    expect(run.isDisposed).toBe(true);
  });

  it('lets a failing step throw and ends the run', () => {
    const failing = (function* () {
      yield;
      throw new Error('broken cell');
    })();
    let run: ReturnType<typeof runInSlices> | null = null;
    expect(
      () => (run = runInSlices(failing, () => undefined, { budget: 100 }))
    ).toThrow('broken cell');
    expect(run).toBeNull();
  });
});

describe('afterNextFrame', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('runs once, in a task after the next frame is drawn', () => {
    const log: string[] = [];
    afterNextFrame(() => log.push('after'));
    requestAnimationFrame(() => log.push('frame'));
    jest.advanceTimersByTime(0);
    expect(log).toEqual([]);
    // The next frame (fake timers draw one every 16 ms): every callback of
    // the frame runs before ours, though ours asked for the frame first.
    jest.advanceTimersByTime(16);
    expect(log).toEqual(['frame']);
    // The next task (a timeout set by a timer's callback waits 1 ms here).
    jest.advanceTimersByTime(1);
    expect(log).toEqual(['frame', 'after']);
    jest.advanceTimersByTime(afterNextFrame.FALLBACK * 2);
    expect(log).toEqual(['frame', 'after']);
  });

  it('goes on without a frame when the page draws none', () => {
    const log: string[] = [];
    // A page that stops drawing frames after the request.
    jest.spyOn(window, 'requestAnimationFrame').mockImplementation(() => 0);
    afterNextFrame(() => log.push('after'));
    jest.advanceTimersByTime(afterNextFrame.FALLBACK - 1);
    expect(log).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(log).toEqual(['after']);
  });

  it('does not wait for a frame in a hidden page', () => {
    const log: string[] = [];
    jest.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    afterNextFrame(() => log.push('after'));
    expect(log).toEqual([]);
    jest.advanceTimersByTime(0);
    expect(log).toEqual(['after']);
  });
});
