import { parser } from '@lezer/python';
import { nullTranslator } from '@jupyterlab/translation';
import { MessageLoop } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';
import { PublishDialogBody } from '../../components/publishDialog';
import { planPublish } from '../../core/publish/plan';

/**
 * The publish dialog's body for a tracked notebook importing pandas, whose
 * stored version is 2.2.2, with a kernel that lacks pandas.
 */
async function openDialog(): Promise<PublishDialogBody> {
  const body = new PublishDialogBody({
    initial: { version: '', note: '' },
    trans: nullTranslator.load('jupyterlab_nbproject'),
    replan: choice =>
      planPublish({
        cells: [
          { cell_type: 'markdown', source: '# Analysis' },
          { cell_type: 'code', source: 'import pandas', execution_count: 1 }
        ],
        parser,
        nbproject: {
          id: 'Zv1wV7oM9ztH',
          time_init: '2022-10-09T15:08:04+00:00',
          version: '1',
          pypackage: { pandas: '2.2.2' }
        },
        extension: undefined,
        live: { distributions: { pandas: '' }, python: '3.11.7' },
        codeDigest: 'ab'.repeat(32),
        now: new Date(Date.UTC(2026, 0, 1)),
        version: choice.version
      })
  });
  Widget.attach(body, document.body);
  MessageLoop.sendMessage(body, Widget.Msg.UpdateRequest);
  await body.renderPromise;
  return body;
}

/**
 * What a check's line shows: its mark and its words.
 */
function line(body: Widget, id: string): [string, string] {
  const item = body.node.querySelector(`[data-check="${id}"]`)!;
  return [
    item.querySelector('.jp-nbproject-check-mark')!.textContent!,
    item.querySelector('.jp-nbproject-check-text')!.textContent!
  ];
}

describe('the publish dialog, with a kernel that lacks a stored package', () => {
  it('says the stored version is kept, and puts no ✓ on the kernel line', async () => {
    const body = await openDialog();
    expect(line(body, 'packages')).toEqual([
      '✗',
      'pandas is not installed in the kernel: its stored version 2.2.2 is kept.'
    ]);
    expect(line(body, 'kernel')).toEqual([
      '!',
      'Versions read from the running kernel (Python 3.11.7); 1 package is not installed in it.'
    ]);
    body.dispose();
  });
});
