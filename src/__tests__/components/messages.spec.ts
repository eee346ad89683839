// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { nullTranslator, TranslationBundle } from '@jupyterlab/translation';
import { consecutivenessText } from '../../cli/words';
import { ConsecutivenessIssue } from '../../core/execution/consecutiveness';
import { markedCellText, monitorIssueText } from '../../components/messages/execution';

const trans = nullTranslator.load('jupyterlab_nbproject');

/**
 * A bundle that marks every text it was asked for, to tell translated
 * words from words that bypass the translator.
 */
const marking = {
  __: (msgid: string, ...args: unknown[]) => `«${trans.__(msgid, ...args)}»`,
  _n: (singular: string, plural: string, n: number, ...args: unknown[]) => `«${trans._n(singular, plural, n, ...args)}»`
} as unknown as TranslationBundle;

describe('the words for why a cell is marked', () => {
  const issues: Array<[ConsecutivenessIssue, string]> = [
    [{ code: 'not-run' }, 'Not run'],
    [{ code: 'not-from-one', params: { count: 10 } }, 'Does not start at 1: first count is 10'],
    [{ code: 'run-twice', params: { count: 1 } }, 'Ran twice: count 1 was already used'],
    [{ code: 'out-of-order', params: { count: 5, after: 2 } }, 'Ran out of order: count 5 after 2'],
    [{ code: 'skipped-before', params: { count: 4, after: 2 } }, 'Cells were skipped before it (count 4 after 2)']
  ];

  it.each(issues)('say %j the same in the extension and the CLI', (issue, text) => {
    expect(monitorIssueText(trans, issue)).toBe(text);
    expect(consecutivenessText(issue)).toBe(text);
    expect(monitorIssueText(marking, issue)).toBe(`«${text}»`);
  });

  it('word the reasons the run record adds, and join them in order', () => {
    expect(monitorIssueText(trans, { code: 'edited' })).toBe('Edited since it ran');
    expect(
      markedCellText(trans, {
        issues: [{ code: 'out-of-order', params: { count: 3, after: 1 } }, { code: 'stale-session' }]
      })
    ).toBe('Ran out of order: count 3 after 1; Output from a previous kernel session');
  });
});
