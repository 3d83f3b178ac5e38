import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConsolidatedTable } from '../../shared/domain/consolidate.js';
import type { Entry } from '../../shared/domain/types.js';
import { cli, type CliResult } from '../support/cli.js';
import { withContext } from '../support/scenario.js';
import { tempDir } from '../support/temp.js';

/** Creates an office database for Dakar (region africa) through the CLI and returns its path. */
function initOffice(dir: string, name = 'dakar.db'): string {
  const db = path.join(dir, name);
  const result = cli('init', '--db', db, '--role', 'office', '--office-id', 'AFR-DAKAR', '--office-name', 'Dakar', '--region', 'africa');
  if (result.code !== 0) throw new Error(`init failed: ${result.stderr}`);
  return db;
}

function writeFile(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text, 'utf8');
  return file;
}

function importText(db: string, text: string): CliResult {
  return cli('entries', 'import', '--db', db, writeFile(path.dirname(db), `entries-${Date.now()}-${Math.random()}.csv`, text));
}

function listJson(db: string): Entry[] {
  const result = cli('entries', 'list', '--db', db, '--format', 'json');
  if (result.code !== 0) throw new Error(`entries list failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as Entry[];
}

function listCsv(db: string): string {
  const result = cli('entries', 'list', '--db', db, '--format', 'csv');
  if (result.code !== 0) throw new Error(`entries list failed: ${result.stderr}`);
  return result.stdout;
}

function tableJson(db: string): ConsolidatedTable {
  const result = cli('table', '--db', db, '--format', 'json');
  if (result.code !== 0) throw new Error(`table failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as ConsolidatedTable;
}

function auditCount(db: string): number {
  return withContext(db, (context) => context.entries.countAuditRows());
}

const blank = (outcome: string, country: string | null = null): Entry => ({ outcome, country, demand: null, target: null, justification: '' });

describe('entries import formats', () => {
  it('comma file with LF', () => {
    const db = initOffice(tempDir());
    const result = importText(db, 'outcome,demand,target,note\n01,12,10,\n02,7,9,Donor funds confirmed\n');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Imported 2 row(s) for 2 outcome(s)');
    expect(listJson(db)).toEqual([
      { outcome: '01', country: null, demand: 12, target: 10, justification: '' },
      { outcome: '02', country: null, demand: 7, target: 9, justification: 'Donor funds confirmed' },
    ]);
  });

  it('UTF-8 with byte order mark', () => {
    const db = initOffice(tempDir());
    expect(importText(db, '\uFEFFoutcome,demand,target,note\r\n01,3,2,\r\n').code).toBe(0);
    expect(listJson(db)).toEqual([{ outcome: '01', country: null, demand: 3, target: 2, justification: '' }]);
  });

  it('byte order mark with semicolons', () => {
    const db = initOffice(tempDir());
    expect(importText(db, '\uFEFFoutcome;demand;target;note\r\n01;3;2;\r\n').code).toBe(0);
    expect(listJson(db)[0]?.demand).toBe(3);
  });

  describe('French Excel file', () => {
    const text =
      'outcome;demand;target;note\r\n' +
      '01;1.234;1.500;Priorité à l’emploi des jeunes, région côtière\r\n' +
      '02;7;9;دعم الحوار الاجتماعي في المنطقة\r\n' +
      '03;12;4;\r\n';

    it('imports every row', () => {
      const db = initOffice(tempDir());
      expect(importText(db, text).code).toBe(0);
      expect(listJson(db).map((e) => e.outcome)).toEqual(['01', '02', '03']);
    });

    it('reads 1.234 as 1234', () => {
      const db = initOffice(tempDir());
      importText(db, text);
      expect(listJson(db)[0]?.demand).toBe(1234);
      expect(listJson(db)[0]?.target).toBe(1500);
    });

    it('keeps accented note', () => {
      const db = initOffice(tempDir());
      importText(db, text);
      expect(listJson(db)[0]?.justification).toBe('Priorité à l’emploi des jeunes, région côtière');
    });

    it('keeps Arabic note', () => {
      const db = initOffice(tempDir());
      importText(db, text);
      expect(listJson(db)[1]?.justification).toBe('دعم الحوار الاجتماعي في المنطقة');
    });

    it('rejects decimal comma', () => {
      const db = initOffice(tempDir());
      const result = importText(db, 'outcome;demand;target;note\r\n01;12,5;3;\r\n');
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('Line 2');
      expect(result.stderr).toContain('"12,5"');
    });
  });

  describe('quoted cells', () => {
    const text = 'outcome,demand,target,note\n01,5,8,"Funds from two donors, both confirmed\nin March"\n02,3,3,"He said ""yes"""\n';

    it('keep delimiter and line break', () => {
      const db = initOffice(tempDir());
      expect(importText(db, text).code).toBe(0);
      expect(listJson(db)[0]?.justification).toBe('Funds from two donors, both confirmed\nin March');
    });

    it('keep doubled quotes', () => {
      const db = initOffice(tempDir());
      importText(db, text);
      expect(listJson(db)[1]?.justification).toBe('He said "yes"');
    });

    it('quoted grouped number is read', () => {
      const db = initOffice(tempDir());
      importText(db, 'outcome,demand,target,note\n01,"1,200",900,\n');
      expect(listJson(db)[0]?.demand).toBe(1200);
    });
  });

  it('outcome 1 means 01', () => {
    const db = initOffice(tempDir());
    expect(importText(db, 'outcome,demand,target,note\n1,4,4,\n9,2,1,\n').code).toBe(0);
    expect(listJson(db).map((e) => e.outcome)).toEqual(['01', '09']);
  });

  it('header names ignore case and spaces', () => {
    const db = initOffice(tempDir());
    expect(importText(db, 'Outcome, Demand ,TARGET,Note\n01,4,4,\n').code).toBe(0);
    expect(listJson(db)[0]?.demand).toBe(4);
  });

  describe('State rows', () => {
    const text = 'outcome,demand,target,note,country\n03,5,4,,SEN\n03,2,1,,mli\n04,6,6,,\n';

    it('are listed per country', () => {
      const db = initOffice(tempDir());
      expect(importText(db, text).code).toBe(0);
      expect(listJson(db)).toEqual([
        { outcome: '03', country: 'MLI', demand: 2, target: 1, justification: '' },
        { outcome: '03', country: 'SEN', demand: 5, target: 4, justification: '' },
        { outcome: '04', country: null, demand: 6, target: 6, justification: '' },
      ]);
    });

    it('sum in the table', () => {
      const db = initOffice(tempDir());
      importText(db, text);
      const africa = tableJson(db).rows.find((r) => r.outcome === '03')?.regions.africa;
      expect(africa?.demand).toEqual({ value: 7, entered: 2, missing: 0 });
      expect(africa?.target).toEqual({ value: 5, entered: 2, missing: 0 });
    });

    it('sum into the row total', () => {
      const db = initOffice(tempDir());
      importText(db, text);
      expect(tableJson(db).rows.find((r) => r.outcome === '03')?.total.demand.value).toBe(7);
    });

    it('replace an earlier total row', () => {
      const db = initOffice(tempDir());
      importText(db, 'outcome,demand,target,note\n03,9,9,\n');
      importText(db, text);
      expect(listJson(db).filter((e) => e.outcome === '03').map((e) => e.country)).toEqual(['MLI', 'SEN']);
    });
  });

  it('outcomes not named keep their entries', () => {
    const db = initOffice(tempDir());
    importText(db, 'outcome,demand,target,note\n01,1,1,\n02,2,2,\n');
    importText(db, 'outcome,demand,target,note\n02,5,5,\n');
    expect(listJson(db)).toEqual([
      { outcome: '01', country: null, demand: 1, target: 1, justification: '' },
      { outcome: '02', country: null, demand: 5, target: 5, justification: '' },
    ]);
  });

  it('same file twice changes nothing', () => {
    const db = initOffice(tempDir());
    const text = 'outcome,demand,target,note\n01,1,2,More funds\n';
    importText(db, text);
    const before = auditCount(db);
    expect(importText(db, text).stdout).toContain('0 value(s) changed');
    expect(auditCount(db)).toBe(before);
  });
});

describe('blank values', () => {
  const text = 'outcome,demand,target,note\n01,,4,\n02,0,,\n03,,,\n';

  it('blank demand lists as null', () => {
    const db = initOffice(tempDir());
    expect(importText(db, text).code).toBe(0);
    expect(listJson(db)).toEqual([
      { outcome: '01', country: null, demand: null, target: 4, justification: '' },
      { outcome: '02', country: null, demand: 0, target: null, justification: '' },
      blank('03'),
    ]);
  });

  it('blank is an empty table cell', () => {
    const db = initOffice(tempDir());
    importText(db, text);
    const lines = cli('table', '--db', db, '--format', 'csv').stdout.split('\n');
    expect(lines[1]).toBe('01,Employment promotion,,4,,4,,,,,,,,');
    expect(lines[2]).toBe('02,Skills development,0,,0,,,,,,,,,');
    expect(lines[3]).toBe('03,Enterprise development,,,,,,,,,,,,');
  });

  it('blank counts as missing in the table', () => {
    const db = initOffice(tempDir());
    importText(db, text);
    expect(tableJson(db).rows[0]?.regions.africa?.demand).toEqual({ value: null, entered: 0, missing: 1 });
  });

  it('blank lists as empty CSV cell', () => {
    const db = initOffice(tempDir());
    importText(db, text);
    expect(listCsv(db)).toBe('outcome,demand,target,note,country\r\n01,,4,,\r\n02,0,,,\r\n03,,,,\r\n');
  });
});

describe('entries round trip', () => {
  const text =
    'outcome;demand;target;note;country\r\n' +
    '01;12;15;"Two donors; one ""new"", both\r\nconfirmed";\r\n' +
    '02;;3;;\r\n' +
    '03;5;4;Région du Sahel;SEN\r\n' +
    '03;2;;مالي;MLI\r\n' +
    '19;1.000;0;;\r\n';

  it('second office lists the same CSV', () => {
    const dir = tempDir();
    const first = initOffice(dir, 'first.db');
    expect(importText(first, text).code).toBe(0);
    const listed = listCsv(first);

    const second = initOffice(dir, 'second.db');
    expect(cli('entries', 'import', '--db', second, writeFile(dir, 'listed.csv', listed)).code).toBe(0);
    expect(listCsv(second)).toBe(listed);
  });

  it('second office lists the same JSON', () => {
    const dir = tempDir();
    const first = initOffice(dir, 'first.db');
    importText(first, text);
    const second = initOffice(dir, 'second.db');
    cli('entries', 'import', '--db', second, writeFile(dir, 'listed.csv', listCsv(first)));
    expect(listJson(second)).toEqual(listJson(first));
  });

  it('first office keeps every value', () => {
    const db = initOffice(tempDir());
    importText(db, text);
    expect(listJson(db)).toEqual([
      { outcome: '01', country: null, demand: 12, target: 15, justification: 'Two donors; one "new", both\r\nconfirmed' },
      { outcome: '02', country: null, demand: null, target: 3, justification: '' },
      { outcome: '03', country: 'MLI', demand: 2, target: null, justification: 'مالي' },
      { outcome: '03', country: 'SEN', demand: 5, target: 4, justification: 'Région du Sahel' },
      { outcome: '19', country: null, demand: 1000, target: 0, justification: '' },
    ]);
  });
});

describe('bad entries file', () => {
  const baseline = 'outcome,demand,target,note\n01,10,8,\n02,4,4,\n';
  const header = 'outcome,demand,target,note\n';
  const withCountry = 'outcome,demand,target,note,country\n';
  // Each file changes outcome 01 on line 2 first, so a partial import would show.
  const cases: { name: string; text: string; line: number; value: string }[] = [
    { name: 'decimal 12.5', text: `${header}01,99,99,\n05,12.5,3,\n`, line: 3, value: '12.5' },
    { name: 'negative -1', text: `${header}01,99,99,\n05,3,-1,\n`, line: 3, value: '-1' },
    { name: 'text abc', text: `${header}01,99,99,\n05,abc,3,\n`, line: 3, value: 'abc' },
    { name: 'quoted 1,5', text: `${header}01,99,99,\n05,"1,5",3,\n`, line: 3, value: '1,5' },
    { name: 'period 1.234 under commas', text: `${header}01,99,99,\n05,1.234,3,\n`, line: 3, value: '1.234' },
    { name: 'unknown outcome 20', text: `${header}01,99,99,\n20,3,3,\n`, line: 3, value: '20' },
    { name: 'country SENEGAL', text: `${withCountry}01,99,99,,\n05,3,3,,SENEGAL\n`, line: 3, value: 'SENEGAL' },
    { name: 'duplicate outcome', text: `${header}01,99,99,\n05,3,3,\n5,4,4,\n`, line: 4, value: '05' },
    { name: 'total and State rows', text: `${withCountry}01,99,99,,\n05,3,3,,\n05,1,1,,SEN\n`, line: 3, value: '05' },
    { name: 'unknown column', text: 'outcome,demand,target,note,region\n01,99,99,,west\n', line: 1, value: 'region' },
    { name: 'missing column', text: 'outcome,demand,target\n01,99,99\n', line: 1, value: 'note' },
    { name: 'extra cell', text: `${header}01,99,99,\n05,3,3,,surplus\n`, line: 3, value: 'has 5 cells' },
    { name: 'unclosed quote', text: `${header}01,99,99,\n05,3,3,"open\n`, line: 3, value: 'not closed' },
  ];

  it.each(cases)('$name exits 1', ({ text }) => {
    const db = initOffice(tempDir());
    importText(db, baseline);
    expect(importText(db, text).code).toBe(1);
  });

  it.each(cases)('$name names line and value', ({ text, line, value }) => {
    const db = initOffice(tempDir());
    importText(db, baseline);
    const { stderr } = importText(db, text);
    expect(stderr).toContain(`Line ${line}`);
    expect(stderr).toContain(value);
  });

  it.each(cases)('$name leaves entries unchanged', ({ text }) => {
    const db = initOffice(tempDir());
    importText(db, baseline);
    const before = listCsv(db);
    importText(db, text);
    expect(listCsv(db)).toBe(before);
  });

  it.each(cases)('$name adds no audit row', ({ text }) => {
    const db = initOffice(tempDir());
    importText(db, baseline);
    const before = auditCount(db);
    importText(db, text);
    expect(auditCount(db)).toBe(before);
  });

  it('line count includes quoted line breaks', () => {
    const db = initOffice(tempDir());
    const result = importText(db, `${header}01,5,8,"first line\nsecond line"\n02,x,1,\n`);
    expect(result.stderr).toContain('Line 4:');
  });

  it('line count includes blank lines', () => {
    const db = initOffice(tempDir());
    const result = importText(db, `${header}01,5,8,\n\n02,x,1,\n`);
    expect(result.stderr).toContain('Line 4:');
  });

  it('CSV syntax error names line once', () => {
    const db = initOffice(tempDir());
    const { stderr } = importText(db, `${header}01,99,99,\n05,3,3,"open\n`);
    expect(stderr.match(/line 3/gi)).toHaveLength(1);
  });

  // Reading only the first of two same-named columns would drop the second without a word.
  it('duplicate column is rejected', () => {
    const db = initOffice(tempDir());
    importText(db, baseline);
    const result = importText(db, 'outcome,demand,target,note,demand\n01,5,3,,50\n');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('demand');
  });

  it('missing file exits 1', () => {
    const dir = tempDir();
    const db = initOffice(dir);
    const result = cli('entries', 'import', '--db', db, path.join(dir, 'absent.csv'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('absent.csv');
  });
});

describe('entries import usage', () => {
  it('missing --db exits 2', () => {
    const dir = tempDir();
    const result = cli('entries', 'import', writeFile(dir, 'e.csv', 'outcome,demand,target,note\n01,1,1,\n'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--db is required');
  });

  it('two CSV files exit 2', () => {
    const dir = tempDir();
    const db = initOffice(dir);
    const file = writeFile(dir, 'e.csv', 'outcome,demand,target,note\n01,1,1,\n');
    const result = cli('entries', 'import', '--db', db, file, file);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('exactly one CSV file');
  });

  it('two CSV files import nothing', () => {
    const dir = tempDir();
    const db = initOffice(dir);
    const file = writeFile(dir, 'e.csv', 'outcome,demand,target,note\n01,1,1,\n');
    cli('entries', 'import', '--db', db, file, file);
    expect(listJson(db)).toEqual([]);
  });

  it('unknown option exits 2', () => {
    const dir = tempDir();
    const db = initOffice(dir);
    const result = cli('entries', 'import', '--db', db, '--dry-run', writeFile(dir, 'e.csv', 'outcome,demand,target,note\n01,1,1,\n'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--dry-run');
  });

  it('headquarters database exits 2', () => {
    const dir = tempDir();
    const hq = path.join(dir, 'hq.db');
    cli('init', '--db', hq, '--role', 'hq');
    const result = cli('entries', 'import', '--db', hq, writeFile(dir, 'e.csv', 'outcome,demand,target,note\n01,1,1,\n'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is a headquarters database');
    expect(result.stderr).toContain('needs an office database');
  });

  it('entries list on headquarters exits 2', () => {
    const dir = tempDir();
    const hq = path.join(dir, 'hq.db');
    cli('init', '--db', hq, '--role', 'hq');
    const result = cli('entries', 'list', '--db', hq);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('headquarters');
  });

  it('unknown list format exits 2', () => {
    const db = initOffice(tempDir());
    const result = cli('entries', 'list', '--db', db, '--format', 'xml');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('xml');
  });
});
