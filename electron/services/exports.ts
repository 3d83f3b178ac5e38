import ExcelJS from 'exceljs';
import { PlannerError } from '../../shared/api/errors.js';
import { formatCsv } from '../../shared/csv.js';
import { sumAmounts } from '../../shared/domain/amounts.js';
import { flattenTable, tableColumns, valueColumns } from '../../shared/domain/table-format.js';
import type { Cycle, Entry } from '../../shared/domain/types.js';
import { cycleOf, profileOf, type PlannerContext } from './context.js';
import { writeFileAtomic } from './files.js';
import { consolidatedTable } from './table.js';

export type ExportFormat = 'csv' | 'xlsx' | 'json';

type Cell = string | number | null;

/** A sheet of cells: the header, the rows, and which columns are text a person typed. */
interface Sheet {
  name: string;
  header: string[];
  rows: Cell[][];
  /** Index of the totals row in `rows`, styled apart; null when there is none. */
  totalsRow: number | null;
  /** Columns that hold free text, which wraps and is neutralised in CSV. */
  textColumns: number[];
}

/**
 * Spreadsheets run a cell that starts with one of these as a formula, so exported text that
 * starts with one gets a leading apostrophe. Numbers are never changed.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function entriesSheet(cycle: Cycle, entries: readonly Entry[]): Sheet {
  const titles = new Map(cycle.outcomes.map((o) => [o.code, o.title]));
  const rows: Cell[][] = entries.map((e) => [e.outcome, titles.get(e.outcome) ?? '', e.country ?? '', e.demand, e.target, e.justification]);
  const sum = (field: 'demand' | 'target') => sumAmounts(entries.map((e) => e[field])).value;
  rows.push(['total', 'Totals', '', sum('demand'), sum('target'), '']);
  return {
    name: 'Entries',
    header: ['outcome', 'title', 'country', 'demand', 'target', 'justification'],
    rows,
    totalsRow: rows.length - 1,
    textColumns: [1, 5],
  };
}

function tableSheet(context: PlannerContext): Sheet {
  const flat = flattenTable(consolidatedTable(context));
  const numeric = valueColumns(flat.regionCodes);
  const rows: Cell[][] = flat.rows.map((row) => [row.outcome, row.title, ...numeric.map((c) => row.values[c] ?? null)]);
  if (flat.totals) rows.push([flat.totals.outcome, flat.totals.title, ...numeric.map((c) => flat.totals?.values[c] ?? null)]);
  return { name: 'Table 1', header: tableColumns(flat.regionCodes), rows, totalsRow: flat.totals ? rows.length - 1 : null, textColumns: [1] };
}

/** Builds the export sheet: the office's entries, or at headquarters the consolidated table. */
export function exportSheet(context: PlannerContext): Sheet {
  const profile = profileOf(context);
  return profile.role === 'office' ? entriesSheet(cycleOf(context), context.entries.list()) : tableSheet(context);
}

/** CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel reads accents and Arabic), CRLF. */
export function sheetToCsv(sheet: Sheet): string {
  const cells = sheet.rows.map((row) => row.map((cell, column) => (typeof cell === 'string' && sheet.textColumns.includes(column) ? neutraliseFormula(cell) : cell)));
  return `\uFEFF${formatCsv([sheet.header, ...cells], { lineEnd: '\r\n' })}`;
}

/** XLSX with real numbers, a number format, a styled and frozen header and the totals as values. */
export async function sheetToXlsx(sheet: Sheet, title: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Outcome Planner';
  workbook.title = title;
  const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  worksheet.addRow(sheet.header);
  const header = worksheet.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8ECF1' } };
  header.alignment = { vertical: 'middle' };

  sheet.rows.forEach((row, index) => {
    const added = worksheet.addRow(row.map((cell) => (cell === null ? null : cell)));
    if (index === sheet.totalsRow) added.font = { bold: true };
    row.forEach((cell, column) => {
      const target = added.getCell(column + 1);
      if (typeof cell === 'number') target.numFmt = '#,##0';
      if (typeof cell === 'string' && sheet.textColumns.includes(column)) target.alignment = { wrapText: true, vertical: 'top' };
    });
  });
  // Free text gets wide columns (the justification widest); figures get room for their header.
  sheet.header.forEach((name, column) => {
    let width = Math.max(10, name.length + 2);
    if (sheet.textColumns.includes(column)) width = name === 'justification' ? 60 : 40;
    worksheet.getColumn(column + 1).width = width;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export interface ExportResult {
  format: ExportFormat;
  rows: number;
  file: string;
}

/** Writes the export in the chosen format, whole or not at all. */
export async function exportFile(context: PlannerContext, file: string, format: ExportFormat): Promise<ExportResult> {
  const profile = profileOf(context);
  const cycle = cycleOf(context);
  const sheet = exportSheet(context);
  const title = profile.role === 'office' ? `${profile.office?.id ?? ''} ${cycle.label}` : `Table 1, ${cycle.label}`;
  if (format === 'csv') writeFileAtomic(file, sheetToCsv(sheet));
  else if (format === 'xlsx') writeFileAtomic(file, await sheetToXlsx(sheet, title));
  else if (format === 'json') {
    const body = profile.role === 'office' ? { kind: 'entries', cycle: cycle.code, office: profile.office, entries: context.entries.list() } : { kind: 'table', cycle: cycle.code, table: consolidatedTable(context) };
    writeFileAtomic(file, `${JSON.stringify(body, null, 2)}\n`);
  } else {
    throw new PlannerError('invalid-input', `Export format "${String(format)}" is not supported; use csv, xlsx or json.`);
  }
  context.logger.info('export written', { file, format });
  return { format, rows: sheet.rows.length, file };
}
