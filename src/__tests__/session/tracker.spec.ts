// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { PromiseDelegate } from '@lumino/coreutils';
import { parser } from '@lezer/python';
import { consecutivenessReport } from '../../core/execution/consecutiveness';
import type { PythonParser } from '../../core/python/parser';
import { NbprojectTracker } from '../../session/tracker';
import { DEFAULT_SETTINGS, INotebookSession } from '../../tokens';
import { openPanel, Panels } from './panels';

function trackerOf(panels: Panels, loaded: Promise<PythonParser | null>) {
  return new NbprojectTracker({
    panels,
    parser: loaded,
    environment: {
      serverRoot: '/home/ada',
      localPath: path => path,
      allowHidden: false
    }
  });
}

describe('the nbproject tracker', () => {
  const disposables: { dispose(): void }[] = [];
  afterEach(() => disposables.splice(0).forEach(item => item.dispose()));

  it('gives every notebook panel a session once the parser has loaded, before and after', async () => {
    const panels = new Panels();
    const loaded = new PromiseDelegate<PythonParser | null>();
    const tracker = trackerOf(panels, loaded.promise);
    disposables.push(tracker);
    const early = await openPanel();
    disposables.push(early);
    panels.add(early);
    const added: INotebookSession[] = [];
    tracker.sessionAdded.connect((_, session) => added.push(session));
    expect(tracker.size).toBe(0);
    loaded.resolve(parser);
    await loaded.promise;
    expect(tracker.size).toBe(1);
    const late = await openPanel();
    disposables.push(late);
    panels.add(late);
    expect(added.map(session => session.panel)).toEqual([early, late]);
    expect(tracker.get(late)?.path).toBe(late.context.path);
    expect(
      tracker.find(session => session.path === early.context.path)?.panel
    ).toBe(early);
    expect(tracker.parser).toBe(parser);
  });

  it('reads the notebook in its session, header or not: metadata, order, imports', async () => {
    const panels = new Panels();
    const tracker = trackerOf(panels, Promise.resolve(parser));
    disposables.push(tracker);
    const panel = await openPanel();
    disposables.push(panel);
    await Promise.resolve();
    panels.add(panel);
    const session = tracker.get(panel)!;
    await session.ready;
    expect(session.isReady).toBe(true);
    expect(session.metadata.read.metadata?.id).toBe('Zv1wV7oM9ztH');
    // The imports are read in slices from then on (one, unless the machine is slow).
    await session.packages.queryReady();
    session.execution.flush();
    expect(session.execution.report.consecutive).toBe(false);
    // What the core rule blames in the cells as they are.
    const cells = [
      { cell_type: 'code', source: 'import yaml', execution_count: 2 },
      { cell_type: 'code', source: 'x = 1', execution_count: 1 }
    ];
    expect(session.execution.report.cells.map(cell => cell.index)).toEqual(
      consecutivenessReport(cells).cells.map(cell => cell.index)
    );
    expect(session.packages.modules).toEqual(['yaml']);
    expect(session.directory).toBe(`/home/ada`);
    expect(session.data.scope).toMatchObject({
      root: '/home/ada',
      notebook: panel.context.path
    });
  });

  it('follows the current notebook, and forgets a session when its panel is disposed', async () => {
    const panels = new Panels();
    const tracker = trackerOf(panels, Promise.resolve(parser));
    disposables.push(tracker);
    await Promise.resolve();
    const first = await openPanel();
    const second = await openPanel();
    panels.add(first);
    panels.add(second);
    const current: (INotebookSession | null)[] = [];
    tracker.currentChanged.connect((_, session) => current.push(session));
    panels.focus(second);
    expect(tracker.current?.panel).toBe(second);
    const session = tracker.get(second)!;
    let disposed = false;
    session.disposed.connect(() => (disposed = true));
    second.dispose();
    expect(disposed).toBe(true);
    expect(session.isDisposed).toBe(true);
    expect(tracker.get(second)).toBeUndefined();
    expect(tracker.size).toBe(1);
    expect(current).toEqual([session, null]);
    first.dispose();
    expect(tracker.size).toBe(0);
  });

  it('passes new settings to its sessions', async () => {
    const panels = new Panels();
    const tracker = trackerOf(panels, Promise.resolve(parser));
    disposables.push(tracker);
    await Promise.resolve();
    const panel = await openPanel();
    disposables.push(panel);
    panels.add(panel);
    const session = tracker.get(panel)!;
    expect(session.execution.mode).toBe('nbproject');
    const seen: boolean[] = [];
    tracker.settingsChanged.connect((_, settings) =>
      seen.push(settings.showHeader)
    );
    tracker.settings = {
      ...DEFAULT_SETTINGS,
      checkMode: 'strict',
      showHeader: false
    };
    expect(session.execution.mode).toBe('strict');
    expect(seen).toEqual([false]);
    expect(tracker.settings.showHeader).toBe(false);
  });

  it('makes no session without a parser', async () => {
    const panels = new Panels();
    const tracker = trackerOf(panels, Promise.resolve(null));
    disposables.push(tracker);
    await Promise.resolve();
    const panel = await openPanel();
    disposables.push(panel);
    panels.add(panel);
    expect(tracker.size).toBe(0);
    expect(tracker.parser).toBeNull();
  });
});
