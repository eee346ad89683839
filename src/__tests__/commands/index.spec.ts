// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { JupyterFrontEnd } from '@jupyterlab/application';
import type { ICommandPalette } from '@jupyterlab/apputils';
import { nullTranslator } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import { parser } from '@lezer/python';
import { addCommands, PALETTE_COMMANDS } from '../../commands';
import { NbprojectTracker } from '../../session/tracker';
import { CommandIDs } from '../../tokens';
import { manager, openPanel, Panels } from '../session/panels';
import settingsSchema from '../../../schema/plugin.json';

/**
 * The commands of an app whose notebooks are `panels`, through a real
 * tracker and command registry.
 */
async function setup() {
  const panels = new Panels();
  const tracker = new NbprojectTracker({
    panels,
    parser: Promise.resolve(parser),
    environment: {
      serverRoot: '/home/ada',
      localPath: path => path,
      allowHidden: false
    }
  });
  await Promise.resolve();
  const commands = new CommandRegistry();
  const activated: string[] = [];
  const app = {
    commands,
    shell: { activateById: (id: string) => activated.push(id) },
    serviceManager: manager
  } as unknown as JupyterFrontEnd;
  const palette: string[] = [];
  const paletteArgs: ReadonlyPartialJSONObject[] = [];
  const fakePalette = {
    addItem: (item: { command: string; args?: ReadonlyPartialJSONObject }) => {
      palette.push(item.command);
      paletteArgs.push(item.args ?? {});
      return { isDisposed: false, dispose: () => undefined };
    }
  } as unknown as ICommandPalette;
  const added = addCommands(app, tracker, {
    trans: nullTranslator.load('jupyterlab_nbproject'),
    palette: fakePalette
  });
  return { panels, tracker, commands, palette, paletteArgs, activated, added };
}

describe('the nbproject commands', () => {
  it('are all added, each once in the palette, with their argument schema', async () => {
    const { commands, palette, tracker, added } = await setup();
    for (const id of Object.values(CommandIDs)) {
      expect(commands.hasCommand(id)).toBe(true);
    }
    expect([...palette].sort()).toEqual([...Object.values(CommandIDs)].sort());
    expect(palette).toEqual(PALETTE_COMMANDS);
    const described = await commands.describedBy(CommandIDs.publish);
    expect(Object.keys((described.args as any).properties)).toEqual([
      'path',
      'version',
      'note',
      'force',
      'interactive',
      'exportRequirements',
      'exportPep723',
      'exportLocks',
      'verify'
    ]);
    added.dispose();
    expect(commands.hasCommand(CommandIDs.publish)).toBe(false);
    tracker.dispose();
  });

  it('show in the File menu and the palette the labels the docs name, with their arguments', async () => {
    const { commands, palette, paletteArgs, tracker } = await setup();
    const file = settingsSchema['jupyter.lab.menus'].main.find(
      menu => menu.id === 'jp-mainmenu-file'
    )!;
    const menu = file.items
      .filter(item => 'command' in item)
      .map(item => {
        const { command, args } = item as {
          command: string;
          args?: ReadonlyPartialJSONObject;
        };
        return commands.label(command, args);
      });
    expect(menu).toEqual([
      'Publish Notebook…',
      'Export requirements.txt',
      'Add or Update the PEP 723 Cell',
      'Export Lock Files',
      'Copy New Environment Command',
      'Remix Notebook'
    ]);
    const shown = (command: string) => {
      const args = paletteArgs[palette.indexOf(command)];
      return [commands.label(command, args), !!commands.icon(command, args)];
    };
    expect(shown(CommandIDs.publish)).toEqual(['Publish Notebook…', false]);
    expect(shown(CommandIDs.exportRequirements)).toEqual([
      'Export Pinned Packages to requirements.txt',
      false
    ]);
    // The publish shortcut shows beside the menu's and the palette's items:
    // Lumino shows it only where the item's arguments are the shortcut's.
    const shortcut = settingsSchema['jupyter.lab.shortcuts'].find(
      (s: { command: string }) => s.command === CommandIDs.publish
    ) as { args?: ReadonlyPartialJSONObject };
    const publishItem = file.items.find(
      item => 'command' in item && item.command === CommandIDs.publish
    ) as { args?: ReadonlyPartialJSONObject };
    expect(publishItem.args ?? {}).toEqual(shortcut.args ?? {});
    expect(paletteArgs[palette.indexOf(CommandIDs.publish)] ?? {}).toEqual(
      shortcut.args ?? {}
    );
    // The toolbar button (JupyterLab's toolbar adds `toolbar: true`):
    // short, with its icon.
    expect(commands.label(CommandIDs.publish, { toolbar: true })).toBe(
      'Publish'
    );
    expect(!!commands.icon(CommandIDs.publish, { toolbar: true })).toBe(true);
    tracker.dispose();
  });

  it('act on the notebook a path names, else on the current one', async () => {
    const { panels, commands, tracker, activated } = await setup();
    const tracked = await openPanel();
    const untracked = await openPanel(false);
    panels.add(tracked);
    panels.add(untracked);
    panels.focus(untracked);
    await tracker.get(tracked)!.ready;
    await tracker.get(untracked)!.ready;
    expect(commands.isEnabled(CommandIDs.init)).toBe(true);
    expect(
      commands.isEnabled(CommandIDs.init, { path: tracked.context.path })
    ).toBe(false);
    const id = await commands.execute(CommandIDs.init);
    expect(id).toMatch(/^[A-Za-z0-9]{12}$/);
    expect((untracked.context.model.getMetadata('nbproject') as any).id).toBe(
      id
    );
    // From the last cell, the next marked cell is the first one (wrapping).
    tracked.content.activeCellIndex = 1;
    const next = await commands.execute(CommandIDs.check, {
      path: tracked.context.path
    });
    expect(next).toBe(0);
    expect(tracker.get(tracked)!.execution.report.cells[0].index).toBe(0);
    expect(tracked.content.activeCellIndex).toBe(0);
    expect(activated).toEqual([tracked.id]);
    expect(
      commands.isEnabled(CommandIDs.check, { path: 'nowhere.ipynb' })
    ).toBe(false);
    tracked.dispose();
    untracked.dispose();
    tracker.dispose();
  });

  it('reject arguments that do not fit their schema, and are disabled for them', async () => {
    const { panels, commands, tracker } = await setup();
    const panel = await openPanel();
    panels.add(panel);
    panels.focus(panel);
    await tracker.get(panel)!.ready;
    expect(commands.isEnabled(CommandIDs.publish)).toBe(true);
    expect(commands.isEnabled(CommandIDs.publish, { force: 'yes' })).toBe(
      false
    );
    await expect(
      commands.execute(CommandIDs.publish, { force: 'yes', version: 2 })
    ).rejects.toThrow(
      'nbproject:publish: invalid arguments: "version" must be a string; "force" must be a boolean.'
    );
    await expect(
      commands.execute(CommandIDs.addDataFile, { file: ['a.csv'] })
    ).rejects.toThrow('"file" must be a string');
    // Nothing was written.
    expect(
      panel.context.model.getMetadata('jupyterlab_nbproject')
    ).toBeUndefined();
    panel.dispose();
    tracker.dispose();
  });

  it('toggle the header only while headers are shown', async () => {
    const { panels, commands, tracker } = await setup();
    const panel = await openPanel();
    panels.add(panel);
    panels.focus(panel);
    const session = tracker.get(panel)!;
    expect(commands.isToggled(CommandIDs.toggleHeader)).toBe(false);
    await commands.execute(CommandIDs.toggleHeader);
    expect(session.expanded).toBe(true);
    expect(commands.isToggled(CommandIDs.toggleHeader)).toBe(true);
    tracker.settings = { ...tracker.settings, showHeader: false };
    expect(commands.isEnabled(CommandIDs.toggleHeader)).toBe(false);
    panel.dispose();
    tracker.dispose();
  });

  it("keep the last verification's outputs and a consecutive run, unless the code changed", async () => {
    const { panels, commands, tracker } = await setup();
    const panel = await openPanel();
    panels.add(panel);
    panels.focus(panel);
    const session = tracker.get(panel)!;
    await session.ready;
    const { model } = panel.context;
    const shared = model.sharedModel;
    (shared.getCell(0) as any).setOutputs([
      { output_type: 'stream', name: 'stdout', text: 'old\n' }
    ]);
    const code = (i: number) => model.cells.get(i);
    const verified = (now: unknown[][]) => {
      session.verification.begin();
      session.verification.finish(
        {
          verdict: 'differs',
          same: 1,
          differs: 1,
          errors: 0,
          cells: [
            { index: 0, id: code(0).id, status: 'differs' },
            { index: 1, id: code(1).id, status: 'same' }
          ]
        },
        [0, 1].map(index => ({
          index,
          id: code(index).id,
          source: code(index).sharedModel.getSource(),
          stored: (code(index).toJSON() as any).outputs,
          now: now[index]
        }))
      );
    };
    expect(commands.isEnabled(CommandIDs.keepVerifyOutputs)).toBe(false);
    verified([
      [
        { output_type: 'stream', name: 'stdout', text: 'ne' },
        { output_type: 'stream', name: 'stdout', text: 'w\n' }
      ],
      [
        {
          output_type: 'execute_result',
          execution_count: 9,
          data: { 'text/plain': '1' },
          metadata: {},
          transient: {}
        }
      ]
    ]);
    expect(commands.isEnabled(CommandIDs.keepVerifyOutputs)).toBe(true);
    model.dirty = false;
    expect(
      await commands.execute(CommandIDs.keepVerifyOutputs, {
        interactive: false
      })
    ).toBe(2);
    const cells = (model.toJSON() as any).cells as any[];
    // The stream replaced by a stream is there once.
    expect(cells[0].outputs).toEqual([
      { output_type: 'stream', name: 'stdout', text: 'new\n' }
    ]);
    expect(cells[1].outputs).toEqual([
      {
        output_type: 'execute_result',
        execution_count: 2,
        data: { 'text/plain': '1' },
        metadata: {}
      }
    ]);
    expect(cells.map(cell => cell.execution_count)).toEqual([1, 2]);
    expect(cells.map(cell => cell.source)).toEqual(['import yaml', 'x = 1']);
    expect((code(0) as any).outputs.toJSON()).toEqual(cells[0].outputs);
    expect(model.dirty).toBe(true);
    expect(session.verification.kept).toBe(true);

    // A cell edited since the verification: nothing is written.
    verified([[], []]);
    code(1).sharedModel.setSource('x = 2');
    expect(
      await commands.execute(CommandIDs.keepVerifyOutputs, {
        interactive: false
      })
    ).toBeNull();
    expect(((model.toJSON() as any).cells as any[])[0].outputs).toEqual(
      cells[0].outputs
    );
    panel.dispose();
    tracker.dispose();
  });
});
