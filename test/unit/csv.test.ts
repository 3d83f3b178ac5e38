import { describe, expect, it } from 'vitest';
import { CsvError, formatCsv, parseCsv } from '../../shared/csv.js';

/** Returns the CsvError thrown by parseCsv, failing the test when it throws nothing or something else. */
function csvErrorFor(text: string, options?: Parameters<typeof parseCsv>[1]): CsvError {
  try {
    parseCsv(text, options);
  } catch (error) {
    if (error instanceof CsvError) {
      return error;
    }
    throw error;
  }
  throw new Error(`expected parseCsv to throw a CsvError for ${JSON.stringify(text)}`);
}

describe('parseCsv basics', () => {
  it('reads header and rows', () => {
    const table = parseCsv('code,demand\n01,12\n02,30\n');
    expect(table.delimiter).toBe(',');
    expect(table.header).toEqual(['code', 'demand']);
    expect(table.rows).toEqual([
      { line: 2, cells: ['01', '12'] },
      { line: 3, cells: ['02', '30'] },
    ]);
  });

  it('empty input has no header or rows', () => {
    expect(parseCsv('')).toEqual({ delimiter: ',', header: [], rows: [] });
  });

  it('only line breaks count as empty', () => {
    expect(parseCsv('\r\n\n\r')).toEqual({ delimiter: ',', header: [], rows: [] });
  });

  it('only a byte order mark counts as empty', () => {
    expect(parseCsv('\uFEFF')).toEqual({ delimiter: ',', header: [], rows: [] });
  });

  it('header-only file has no rows', () => {
    const table = parseCsv('code;demand\r\n');
    expect(table.header).toEqual(['code', 'demand']);
    expect(table.rows).toEqual([]);
  });

  it('header without final line break', () => {
    expect(parseCsv('code,demand').header).toEqual(['code', 'demand']);
  });
});

describe('parseCsv byte order mark', () => {
  it('strips a leading BOM', () => {
    expect(parseCsv('\uFEFFcode,demand\n01,5').header).toEqual(['code', 'demand']);
  });

  it('keeps a BOM that is not leading', () => {
    expect(parseCsv('a,b\n\uFEFFx,y').rows[0]?.cells).toEqual(['\uFEFFx', 'y']);
  });

  it('line numbers start at 1 after a BOM', () => {
    expect(parseCsv('\uFEFFa\nx').rows[0]?.line).toBe(2);
  });
});

describe('parseCsv line ends', () => {
  it.each([
    ['CRLF', 'a,b\r\n1,2\r\n3,4\r\n'],
    ['LF', 'a,b\n1,2\n3,4\n'],
    ['lone CR', 'a,b\r1,2\r3,4\r'],
    ['mixed', 'a,b\r\n1,2\r3,4\n'],
  ])('%s', (_label, text) => {
    const table = parseCsv(text);
    expect(table.header).toEqual(['a', 'b']);
    expect(table.rows).toEqual([
      { line: 2, cells: ['1', '2'] },
      { line: 3, cells: ['3', '4'] },
    ]);
  });
});

describe('parseCsv quoted cells', () => {
  it('doubled quotes become one quote', () => {
    expect(parseCsv('a\n"say ""yes"""').rows[0]?.cells).toEqual(['say "yes"']);
  });

  it('delimiter inside quotes', () => {
    expect(parseCsv('a,b\n"1,5",x').rows[0]?.cells).toEqual(['1,5', 'x']);
  });

  it('quoted empty cell', () => {
    expect(parseCsv('a,b\n"",x').rows[0]?.cells).toEqual(['', 'x']);
  });

  it('line breaks inside quotes are kept as written', () => {
    const table = parseCsv('a,b\r\n"one\r\ntwo\nthree\rfour",x\r\n');
    expect(table.rows[0]?.cells).toEqual(['one\r\ntwo\nthree\rfour', 'x']);
  });

  it('line numbers count embedded line breaks', () => {
    const table = parseCsv('a,b\n"one\ntwo\nthree",x\nnext,y\r\n"p\r\nq",z\n');
    expect(table.rows.map((row) => row.line)).toEqual([2, 5, 6]);
  });

  it('spaces inside quotes are kept', () => {
    expect(parseCsv('a\n"  padded  "').rows[0]?.cells).toEqual(['  padded  ']);
  });

  it('unquoted body cells are not trimmed', () => {
    expect(parseCsv('a,b\n  x , y').rows[0]?.cells).toEqual(['  x ', ' y']);
  });
});

describe('parseCsv header names', () => {
  it('trims unquoted header names', () => {
    expect(parseCsv(' code ;  demand \n1;2').header).toEqual(['code', 'demand']);
  });

  it('keeps quoted header names as written', () => {
    expect(parseCsv('" code ",demand\n1,2').header).toEqual([' code ', 'demand']);
  });
});

describe('parseCsv delimiter detection', () => {
  it('detects semicolons', () => {
    expect(parseCsv('code;demand\n01;5').delimiter).toBe(';');
  });

  it('detects commas', () => {
    expect(parseCsv('code,demand\n01,5').delimiter).toBe(',');
  });

  it('detects tabs', () => {
    const table = parseCsv('code\tdemand\n01\t5');
    expect(table.delimiter).toBe('\t');
    expect(table.rows[0]?.cells).toEqual(['01', '5']);
  });

  it('ignores delimiters inside quotes', () => {
    const table = parseCsv('"a;b;c",d,e\n1,2,3');
    expect(table.delimiter).toBe(',');
    expect(table.header).toEqual(['a;b;c', 'd', 'e']);
  });

  it('comma in a semicolon header name', () => {
    const table = parseCsv('Code;Nom, prénom;Demande\n01;Diallo, Awa;5');
    expect(table.delimiter).toBe(';');
    expect(table.rows[0]?.cells).toEqual(['01', 'Diallo, Awa', '5']);
  });

  it('tie prefers tab over semicolon', () => {
    expect(parseCsv('a;b\tc').delimiter).toBe('\t');
  });

  it('tie prefers semicolon over comma', () => {
    expect(parseCsv('a,b;c').delimiter).toBe(';');
  });

  it('single column defaults to comma', () => {
    expect(parseCsv('code\n01').delimiter).toBe(',');
  });

  it('uses the header line, not later lines', () => {
    expect(parseCsv('a;b\n1,2;3').delimiter).toBe(';');
  });

  it('skips empty lines before the header', () => {
    expect(parseCsv('\n\na;b\n1;2').delimiter).toBe(';');
  });

  it('given delimiter overrides detection', () => {
    const table = parseCsv('a;b,c\n1;2,3', { delimiter: ',' });
    expect(table.delimiter).toBe(',');
    expect(table.header).toEqual(['a;b', 'c']);
  });
});

describe('parseCsv empty lines and short rows', () => {
  it('skips completely empty lines', () => {
    const table = parseCsv('a,b\n\n1,2\r\n\r\n3,4\n\n');
    expect(table.rows).toEqual([
      { line: 3, cells: ['1', '2'] },
      { line: 5, cells: ['3', '4'] },
    ]);
  });

  it('keeps lines of only delimiters', () => {
    expect(parseCsv('a;b;c\n;;\n').rows).toEqual([{ line: 2, cells: ['', '', ''] }]);
  });

  it('keeps a line with only spaces', () => {
    expect(parseCsv('a,b\n  \n').rows).toEqual([{ line: 2, cells: ['  ', ''] }]);
  });

  it('pads short rows with empty cells', () => {
    expect(parseCsv('a;b;c\n1\n1;2').rows).toEqual([
      { line: 2, cells: ['1', '', ''] },
      { line: 3, cells: ['1', '2', ''] },
    ]);
  });
});

describe('parseCsv errors', () => {
  it('unterminated quote names its line', () => {
    const error = csvErrorFor('a,b\n1,2\n3,4\n5,6\n7,8\n9,10\n11,"open\n12,13\n');
    expect(error.line).toBe(7);
    expect(error.message).toBe('line 7: a quoted cell is not closed: add the missing " or remove the quote.');
  });

  it('unterminated quote at end of file', () => {
    expect(csvErrorFor('a\n"x').line).toBe(2);
  });

  it('stray quote in unquoted cell', () => {
    const error = csvErrorFor('a,b\n1,2\nx,5 "big"\n');
    expect(error.line).toBe(3);
    expect(error.message).toContain('line 3: column 2 contains a quote');
    expect(error.message).toContain('write each " inside it as ""');
  });

  it('space before opening quote is a stray quote', () => {
    expect(csvErrorFor('a,b\n1, "2"').line).toBe(2);
  });

  it('text after closing quote', () => {
    const error = csvErrorFor('a,b\n"x"y,2');
    expect(error.line).toBe(2);
    expect(error.message).toContain('column 1 has text after its closing quote');
  });

  it('text after a closing quote on a later line', () => {
    expect(csvErrorFor('a\n"one\ntwo"x').line).toBe(3);
  });

  it('too many cells says found and expected', () => {
    const error = csvErrorFor('a;b\n1;2\n1;2;3\n');
    expect(error.line).toBe(3);
    expect(error.message).toBe(
      'line 3: the row has 3 cells but the header has 2: remove the extra cells, or put quotes around cells that contain ";".',
    );
  });

  it('too many cells after a multiline cell', () => {
    expect(csvErrorFor('a,b\n"x\ny",1\n1,2,3').line).toBe(4);
  });

  it('too many cells names a tab delimiter', () => {
    expect(csvErrorFor('a\tb\n1\t2\t3').message).toContain('contain a tab');
  });

  it('errors are Error instances with a name', () => {
    const error = csvErrorFor('a\n"x');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('CsvError');
  });
});

describe('parseCsv spreadsheet export', () => {
  // A file as Excel saves "CSV UTF-8" in French settings, with a cell edited over two lines.
  const file =
    '\uFEFFCode;Intitulé;Région;Demande\r\n' +
    '01;Accès à l\'éducation;Afrique;1200\r\n' +
    '02;"Santé maternelle\r\net néonatale";Amérique latine;\r\n' +
    '03;"Rapport ""annuel""; version 2";الدول العربية;350\r\n' +
    '04;التعليم للجميع;المنطقة العربية\r\n';

  const table = parseCsv(file);

  it('detects the semicolon', () => {
    expect(table.delimiter).toBe(';');
  });

  it('strips the BOM from the first name', () => {
    expect(table.header).toEqual(['Code', 'Intitulé', 'Région', 'Demande']);
  });

  it('reads accents and Arabic text', () => {
    expect(table.rows[0]?.cells).toEqual(['01', "Accès à l'éducation", 'Afrique', '1200']);
    expect(table.rows[3]?.cells).toEqual(['04', 'التعليم للجميع', 'المنطقة العربية', '']);
  });

  it('keeps the embedded line break', () => {
    expect(table.rows[1]?.cells).toEqual(['02', 'Santé maternelle\r\net néonatale', 'Amérique latine', '']);
  });

  it('reads quotes and semicolons inside a cell', () => {
    expect(table.rows[2]?.cells).toEqual(['03', 'Rapport "annuel"; version 2', 'الدول العربية', '350']);
  });

  it('numbers records by their first line', () => {
    expect(table.rows.map((row) => row.line)).toEqual([2, 3, 5, 6]);
  });
});

describe('formatCsv', () => {
  it('writes plain cells with CRLF by default', () => {
    expect(formatCsv([['a', 'b'], ['1', '2']])).toBe('a,b\r\n1,2\r\n');
  });

  it('uses the given delimiter and line end', () => {
    expect(formatCsv([['a', 'b']], { delimiter: ';', lineEnd: '\n' })).toBe('a;b\n');
  });

  it('quotes cells that need it', () => {
    expect(formatCsv([['x,y', 'say "hi"', 'one\ntwo', 'cr\rhere', 'plain']])).toBe(
      '"x,y","say ""hi""","one\ntwo","cr\rhere",plain\r\n',
    );
  });

  it('quotes every detectable delimiter', () => {
    expect(formatCsv([['x,y', 'a;b', 't\tu', 'plain']], { delimiter: ';' })).toBe('"x,y";"a;b";"t\tu";plain\r\n');
  });

  it('quotes a custom delimiter', () => {
    expect(formatCsv([['a|b', 'c']], { delimiter: '|' })).toBe('"a|b"|c\r\n');
  });

  it('quotes cells with outer whitespace', () => {
    expect(formatCsv([[' a', 'b ', 'c']])).toBe('" a","b ",c\r\n');
  });

  it('writes numbers as plain digits', () => {
    expect(formatCsv([[0, 1234, 1_000_000_000, 1e21, -5]])).toBe('0,1234,1000000000,1000000000000000000000,-5\r\n');
  });

  it('writes null as an empty cell', () => {
    expect(formatCsv([['a', null, 'c', null]])).toBe('a,,c,\r\n');
  });

  it('writes a lone empty cell as quotes', () => {
    expect(formatCsv([['a'], [''], [null]])).toBe('a\r\n""\r\n""\r\n');
  });

  it('rejects non-finite numbers', () => {
    expect(() => formatCsv([[Number.NaN]])).toThrow(RangeError);
    expect(() => formatCsv([[Number.POSITIVE_INFINITY]])).toThrow(/finite number/);
  });

  it.each(['', ';;', '"', '\n', '\r'])('rejects delimiter %j', (delimiter) => {
    expect(() => formatCsv([['a']], { delimiter })).toThrow(RangeError);
  });
});

describe('formatCsv round trip', () => {
  const rows: (string | number | null)[][] = [
    [' Code ', 'Intitulé; titre', 'Demande, total', 'Note\tbrève'],
    ['01', 'Accès à l\'éducation', 1200, 'say "yes"'],
    ['02', 'Santé\r\nmaternelle', null, 'a;b,c\td'],
    ['03', 'التعليم للجميع', 0, '\uFEFFbom'],
    ['', '', '', ''],
    ['04', 'line\nfeed', 'cr\ronly', '  spaced  '],
  ];
  const expected = rows.map((row) => row.map((cell) => (cell === null ? '' : String(cell))));

  it.each([
    [',', '\r\n'],
    [';', '\r\n'],
    ['\t', '\n'],
  ] as const)('delimiter %j reads back the same', (delimiter, lineEnd) => {
    const table = parseCsv(formatCsv(rows, { delimiter, lineEnd }));
    expect(table.delimiter).toBe(delimiter);
    expect(table.header).toEqual(expected[0]);
    expect(table.rows.map((row) => row.cells)).toEqual(expected.slice(1));
  });

  it('header with other delimiters reads back', () => {
    const table = parseCsv(formatCsv([['a;b;c', 'd'], ['1', '2']]));
    expect(table.delimiter).toBe(',');
    expect(table.header).toEqual(['a;b;c', 'd']);
  });

  it('random tables read back', () => {
    // A fixed-seed generator keeps failures reproducible.
    let seed = 12345;
    const nextInt = (limit: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      // The high bits of this generator vary much more than the low ones.
      return Math.floor((seed / 2147483648) * limit);
    };
    const alphabet = ['a', 'é', 'ع', ' ', ',', ';', '\t', '"', '\r', '\n', '\r\n', '\uFEFF', '1', '='];
    const randomCell = (): string => Array.from({ length: nextInt(6) }, () => alphabet[nextInt(alphabet.length)]).join('');

    for (let round = 0; round < 300; round += 1) {
      const width = 1 + nextInt(4);
      const rows = Array.from({ length: 1 + nextInt(5) }, () => Array.from({ length: width }, randomCell));
      const delimiter = ([',', ';', '\t'] as const)[nextInt(3)] ?? ',';
      const text = formatCsv(rows, { delimiter, lineEnd: nextInt(2) === 0 ? '\n' : '\r\n' });
      // A one-column header contains no delimiter to detect, so that case passes it explicitly.
      const table = parseCsv(text, width === 1 ? { delimiter } : {});

      expect(table.delimiter).toBe(delimiter);
      expect([table.header, ...table.rows.map((row) => row.cells)]).toEqual(rows);
    }
  });

  it('single column with empty cells reads back', () => {
    const table = parseCsv(formatCsv([['note'], [''], [null], ['x']]));
    expect(table.rows.map((row) => row.cells)).toEqual([[''], [''], ['x']]);
  });
});
