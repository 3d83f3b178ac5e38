import { describe, expect, it } from 'vitest';
import { parseClipboardTable } from '../../shared/clipboard.js';

describe('parseClipboardTable', () => {
  it.each([
    ['Excel with trailing CRLF', '1\t2\r\n3\t4\r\n', [['1', '2'], ['3', '4']]],
    ['LibreOffice with LF', '1\t2\n3\t4\n', [['1', '2'], ['3', '4']]],
    ['no trailing line break', '1\t2\n3\t4', [['1', '2'], ['3', '4']]],
    ['single cell', '42', [['42']]],
    ['single cell with line break', '42\r\n', [['42']]],
    ['empty cells kept', '\t5\r\n7\t\r\n', [['', '5'], ['7', '']]],
    ['blank row inside', '1\r\n\r\n3\r\n', [['1'], [''], ['3']]],
    ['quoted cell with tab and line break', '"a\tb\r\nc"\t2\r\n', [['a\tb\r\nc', '2']]],
    ['doubled quotes', '"say ""yes"""\t1\n', [['say "yes"', '1']]],
    ['quote inside an unquoted cell', '12"\t3\n', [['12"', '3']]],
    ['quoted cell followed by text', '"a"b\t3\n', [['"a"b', '3']]],
    ['lone CR line ends', '1\r2\r', [['1'], ['2']]],
  ])('%s', (_name, text, expected) => {
    expect(parseClipboardTable(text)).toEqual(expected);
  });

  it('empty text has no rows', () => {
    expect(parseClipboardTable('')).toEqual([]);
  });

  it('keeps spaces for the caller', () => {
    expect(parseClipboardTable(' 1 234 \t x\n')).toEqual([[' 1 234 ', ' x']]);
  });
});
