import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importEntriesCsv } from '../../electron/services/entries.js';
import { exportBundle } from '../../electron/services/exchange/bundle-export.js';
import { parseCsv } from '../../shared/csv.js';
import { cliAsync } from '../support/cli.js';
import { isA4, pageLayout, pageText, pdfInfo } from '../support/pdf.js';
import { createHq, createOffice, createPaperHq, publishedTable, regionEntriesCsv, REGION_OFFICES, withContext } from '../support/scenario.js';
import { tempDir } from '../support/temp.js';

const paper = publishedTable();
const FORMULA = '=HYPERLINK("http://example.invalid")';
const ARABIC = 'تمويل المانحين متاح لهذه النتيجة';

/** Builds a long justification that wraps over several lines, different for each row so each can be found. */
function longNote(label: string): string {
  return `${label}: ${'Donor funding covers this work in the region over the whole biennium, with national partners. '.repeat(4).trim()} End of ${label}.`;
}

function officeWithStates(dir: string): { db: string; notes: string[] } {
  const db = createOffice(dir, REGION_OFFICES[0]);
  const states = ['BEN', 'BFA', 'CIV', 'GHA', 'MLI', 'NER', 'SEN', 'TGO'];
  const notes: string[] = [];
  const lines = ['outcome,demand,target,note,country'];
  for (const row of paper.rows) {
    if (row.outcome === '07' || row.outcome === '16') {
      for (const state of states) {
        const note = longNote(`${row.outcome}-${state}`);
        notes.push(note);
        lines.push(`${row.outcome},1,2,"${note}",${state}`);
      }
    } else {
      lines.push(`${row.outcome},${row.values.africa_demand},${row.values.africa_target},,`);
    }
  }
  withContext(db, (context) => importEntriesCsv(context, lines.join('\n')));
  return { db, notes };
}

describe('printed summary', () => {
  it('spans pages without splitting a row', async () => {
    const dir = tempDir();
    const { db, notes } = officeWithStates(dir);
    withContext(db, (context) => exportBundle(context, path.join(dir, 'r1.bundle')));
    const fingerprint = withContext(db, (context) => context.meta.get('key_fingerprint') as string);
    const pdf = path.join(dir, 'summary.pdf');

    const result = await cliAsync('print', '--db', db, '--out', pdf, '--report', 'summary');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const info = pdfInfo(pdf);
    expect(info.pages).toBeGreaterThan(1);
    expect(result.stdout).toContain(`(${info.pages} pages)`);
    expect(isA4(info.width, info.height)).toBe(true);

    const pages = Array.from({ length: info.pages }, (_, i) => pageText(pdf, i + 1));
    const all = pages.join(' ');
    for (const row of paper.rows) expect(all, `outcome ${row.outcome}`).toContain(`${row.outcome} ${row.title}`);
    expect(all).toContain('Totals');
    const grouped = fingerprint.match(/.{4}/g)?.join(' ') as string;
    pages.forEach((text, i) => {
      expect(text, `fingerprint on page ${i + 1}`).toContain(grouped);
      expect(text, `bundle hash on page ${i + 1}`).toContain('Bundle revision 1 SHA-256');
      expect(text, `page number on page ${i + 1}`).toContain(`Page ${i + 1} of ${info.pages}`);
      // Header cells wrap over two lines, so their words are checked one by one.
      expect(text, `table header on page ${i + 1}`).toContain('Prioritized');
      expect(text, `table header on page ${i + 1}`).toContain('Justification');
    });
    // Each justification wraps inside its cell and sits whole on one page.
    for (const note of notes) {
      const onPages = pages.filter((text) => text.includes(note));
      expect(onPages.length, note.slice(0, 12)).toBe(1);
    }
  });

  it('warns when the plan changed since export', async () => {
    const dir = tempDir();
    const db = createOffice(dir, REGION_OFFICES[0]);
    withContext(db, (context) => {
      importEntriesCsv(context, regionEntriesCsv('africa'));
      exportBundle(context, path.join(dir, 'r1.bundle'));
    });
    const pdf = path.join(dir, 'same.pdf');
    expect((await cliAsync('print', '--db', db, '--out', pdf)).code).toBe(0);
    expect(pageText(pdf, 1)).not.toContain('Plan changed');

    withContext(db, (context) => importEntriesCsv(context, 'outcome,demand,target,note\n01,40,17,\n'));
    const changed = path.join(dir, 'changed.pdf');
    expect((await cliAsync('print', '--db', db, '--out', changed)).code).toBe(0);
    const text = pageText(changed, 1);
    expect(text).toContain('The plan has changed since revision 1 was exported');
    expect(text).toContain('Plan changed since bundle revision 1');
  });

  it('reports a missing Chromium clearly', async () => {
    const dir = tempDir();
    const db = createOffice(dir, REGION_OFFICES[0]);
    const result = await cliAsync('print', '--db', db, '--out', path.join(dir, 'x.pdf'), '--chromium', '/nonexistent/chromium');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Chromium was not found at /nonexistent/chromium');
    expect(fs.existsSync(path.join(dir, 'x.pdf'))).toBe(false);
  });
});

function headquartersWithPaper(dir: string): string {
  return createPaperHq(dir).hq;
}

describe('printed Table 1', () => {
  it('is A4 landscape with every outcome', async () => {
    const dir = tempDir();
    const hq = headquartersWithPaper(dir);
    const pdf = path.join(dir, 'table.pdf');
    const result = await cliAsync('print', '--db', hq, '--out', pdf, '--report', 'table');
    expect(result.code).toBe(0);
    const info = pdfInfo(pdf);
    expect(isA4(info.height, info.width)).toBe(true);
    const all = Array.from({ length: info.pages }, (_, i) => pageText(pdf, i + 1)).join(' ');
    for (const row of paper.rows) expect(all, `outcome ${row.outcome}`).toContain(`Outcome ${row.outcome}`);
    // The totals row sums its columns: Africa demand is 312 from the outcomes (published: 310),
    // and the grand total of demand is 911 (published: 902).
    const layout = Array.from({ length: info.pages }, (_, i) => pageLayout(pdf, i + 1)).join('\n');
    expect(layout).toMatch(/^\s*Totals\s+911\s+576\s+312\s+183\s+97\s+67\s+172\s+106\s+124\s+86\s+206\s+134\s*$/m);
    for (const office of REGION_OFFICES) expect(all).toContain(office.id);
    expect(all).toContain(`Page 1 of ${info.pages}`);
  });

  it('prints the submissions status', async () => {
    const dir = tempDir();
    const hq = headquartersWithPaper(dir);
    const pdf = path.join(dir, 'status.pdf');
    const result = await cliAsync('print', '--db', hq, '--out', pdf, '--report', 'status');
    expect(result.code).toBe(0);
    const text = pageText(pdf, 1);
    for (const office of REGION_OFFICES) expect(text).toContain(office.id);
  });

  it('refuses the summary at headquarters', async () => {
    const dir = tempDir();
    const hq = createHq(dir);
    const result = await cliAsync('print', '--db', hq, '--out', path.join(dir, 'x.pdf'), '--report', 'summary');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('needs an office database');
  });
});

function officeForExport(dir: string): string {
  const db = createOffice(dir, REGION_OFFICES[0]);
  const csv = regionEntriesCsv('africa')
    .replace(/^01,34,17,$/m, `01,34,17,"${FORMULA.replace(/"/g, '""')}"`)
    .replace(/^02,27,17,$/m, `02,27,17,${ARABIC}`)
    .replace(/^03,21,9,$/m, '03,,9,');
  withContext(db, (context) => importEntriesCsv(context, csv));
  return db;
}

describe('spreadsheet export', () => {
  it('writes CSV for Excel', async () => {
    const dir = tempDir();
    const db = officeForExport(dir);
    const file = path.join(dir, 'entries.csv');
    expect((await cliAsync('export', '--db', db, '--out', file)).code).toBe(0);
    const raw = fs.readFileSync(file, 'utf8');
    expect(raw.startsWith('\uFEFF')).toBe(true);
    expect(raw).toContain('\r\n');
    const table = parseCsv(raw);
    const row = (outcome: string) => table.rows.find((r) => r.cells[0] === outcome)?.cells ?? [];
    expect(row('01')[5]).toBe(`'${FORMULA}`);
    expect(row('02')[5]).toBe(ARABIC);
    expect(row('03')[3]).toBe('');
    // Numbers are written bare, never quoted, so spreadsheets read them as numbers.
    expect(raw).toMatch(/\r\n01,Employment promotion,,34,17,/);
    // Outcome 03's demand is blank, so the total adds up the other 18: 312 - 21.
    expect(row('total')[3]).toBe('291');
  });

  it('writes XLSX with numeric cells', async () => {
    const dir = tempDir();
    const db = officeForExport(dir);
    const file = path.join(dir, 'entries.xlsx');
    expect((await cliAsync('export', '--db', db, '--out', file)).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.views[0]?.state).toBe('frozen');
    expect(sheet.getRow(1).font?.bold).toBe(true);
    const rows = new Map<string, ExcelJS.Row>();
    sheet.eachRow((row, number) => {
      if (number > 1) rows.set(String(row.getCell(1).value), row);
    });
    expect(rows.get('01')?.getCell(4).type).toBe(ExcelJS.ValueType.Number);
    expect(rows.get('01')?.getCell(4).value).toBe(34);
    expect(rows.get('01')?.getCell(4).numFmt).toBe('#,##0');
    expect(rows.get('01')?.getCell(6).type).toBe(ExcelJS.ValueType.String);
    expect(rows.get('01')?.getCell(6).value).toBe(FORMULA);
    expect(rows.get('02')?.getCell(6).value).toBe(ARABIC);
    expect(rows.get('03')?.getCell(4).value).toBeNull();
    const demands = [...rows.entries()].filter(([k]) => k !== 'total').map(([, r]) => r.getCell(4).value).filter((v): v is number => typeof v === 'number');
    expect(rows.get('total')?.getCell(4).value).toBe(demands.reduce((a, b) => a + b, 0));
    expect(rows.get('total')?.getCell(4).type).toBe(ExcelJS.ValueType.Number);
  });

  it('exports the consolidated table at HQ', async () => {
    const dir = tempDir();
    const hq = headquartersWithPaper(dir);
    const csv = path.join(dir, 'table.csv');
    const json = path.join(dir, 'table.json');
    expect((await cliAsync('export', '--db', hq, '--out', csv)).code).toBe(0);
    expect((await cliAsync('export', '--db', hq, '--out', json)).code).toBe(0);
    const table = parseCsv(fs.readFileSync(csv, 'utf8'));
    expect(table.header.slice(0, 4)).toEqual(['outcome', 'title', 'total_demand', 'total_target']);
    expect(table.rows.find((r) => r.cells[0] === 'total')?.cells[4]).toBe('312');
    const parsed = JSON.parse(fs.readFileSync(json, 'utf8')) as { kind: string; table: { rows: unknown[] } };
    expect(parsed.kind).toBe('table');
    expect(parsed.table.rows).toHaveLength(19);
  });

  it('refuses an unknown format', async () => {
    const dir = tempDir();
    const db = createOffice(dir, REGION_OFFICES[0]);
    const result = await cliAsync('export', '--db', db, '--out', path.join(dir, 'x.ods'), '--format', 'ods');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--format ods is not valid');
  });
});
