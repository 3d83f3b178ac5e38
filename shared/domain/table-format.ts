import { parseWholeNumber } from '../numbers.js';
import type { CsvTable } from '../csv.js';
import { TOTAL_ROW_ID, type ConsolidatedRow, type ConsolidatedTable } from './consolidate.js';
import type { Amount } from './types.js';

/**
 * The table in its flat, file form: one value per column id (`total_demand`, `africa_target`, …).
 * Both the consolidated table and a published table read from CSV take this shape, so
 * reconciliation compares like with like.
 */
export interface FlatRow {
  outcome: string;
  title: string;
  values: Record<string, Amount>;
  /** Line in the source file, when the row was read from one. */
  line?: number;
}

export interface FlatTable {
  regionCodes: string[];
  rows: FlatRow[];
  /** The row whose outcome is `total`; null when the file has none. */
  totals: FlatRow | null;
}

export class TableFormatError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'TableFormatError';
  }
}

/** Column ids of the table file, in order: outcome, title, totals, then each region's pair. */
export function tableColumns(regionCodes: readonly string[]): string[] {
  return ['outcome', 'title', ...valueColumns(regionCodes)];
}

/** Returns the numeric column ids, totals first. */
export function valueColumns(regionCodes: readonly string[]): string[] {
  return ['total_demand', 'total_target', ...regionCodes.flatMap((r) => [`${r}_demand`, `${r}_target`])];
}

function flattenRow(row: ConsolidatedRow, regionCodes: readonly string[]): FlatRow {
  const values: Record<string, Amount> = {
    total_demand: row.total.demand.value,
    total_target: row.total.target.value,
  };
  for (const region of regionCodes) {
    values[`${region}_demand`] = row.regions[region]?.demand.value ?? null;
    values[`${region}_target`] = row.regions[region]?.target.value ?? null;
  }
  return { outcome: row.outcome, title: row.title, values };
}

export function flattenTable(table: ConsolidatedTable): FlatTable {
  return {
    regionCodes: [...table.regionCodes],
    rows: table.rows.map((row) => flattenRow(row, table.regionCodes)),
    totals: flattenRow(table.totals, table.regionCodes),
  };
}

/** Lays the table out as CSV cells: header, outcome rows, then the totals row. Blanks stay null. */
export function tableToCells(table: FlatTable): (string | number | null)[][] {
  const numeric = valueColumns(table.regionCodes);
  const rows = table.totals ? [...table.rows, table.totals] : table.rows;
  return [
    tableColumns(table.regionCodes),
    ...rows.map((row) => [row.outcome, row.title, ...numeric.map((column) => row.values[column] ?? null)]),
  ];
}

/**
 * Reads a table file (the `table --format csv` layout) into a flat table. The region codes come
 * from the header, so a published table of any cycle can be read. When `expectedRegions` is
 * given, the header must list exactly those regions in that order.
 */
export function parseTableCsv(csv: CsvTable, expectedRegions?: readonly string[]): FlatTable {
  const header = csv.header.map((h) => h.trim());
  const regionCodes = regionsFromHeader(header);
  if (expectedRegions && regionCodes.join(',') !== expectedRegions.join(',')) {
    throw new TableFormatError(
      `The header lists the regions ${regionCodes.join(', ')}, but this cycle has ${expectedRegions.join(', ')} in that order; use the columns that \`table --format csv\` writes.`,
      1,
    );
  }

  const numeric = valueColumns(regionCodes);
  const rows: FlatRow[] = [];
  let totals: FlatRow | null = null;
  const seen = new Set<string>();

  for (const csvRow of csv.rows) {
    const outcome = (csvRow.cells[0] ?? '').trim();
    if (outcome === '') throw new TableFormatError(`Line ${csvRow.line}: the outcome cell is empty; write an outcome code such as 01, or total.`, csvRow.line);
    if (seen.has(outcome)) throw new TableFormatError(`Line ${csvRow.line}: outcome ${outcome} appears twice; keep one row per outcome.`, csvRow.line);
    seen.add(outcome);
    if (totals !== null) throw new TableFormatError(`Line ${csvRow.line}: a row follows the total row; the total row must be last.`, csvRow.line);

    const values: Record<string, Amount> = {};
    numeric.forEach((column, index) => {
      const raw = csvRow.cells[index + 2] ?? '';
      const parsed = parseWholeNumber(raw);
      if (!parsed.ok) throw new TableFormatError(`Line ${csvRow.line}, column ${column}: ${parsed.message}`, csvRow.line);
      values[column] = parsed.value;
    });

    const row: FlatRow = { outcome, title: (csvRow.cells[1] ?? '').trim(), values, line: csvRow.line };
    if (outcome === TOTAL_ROW_ID) totals = row;
    else rows.push(row);
  }
  return { regionCodes, rows, totals };
}

function regionsFromHeader(header: readonly string[]): string[] {
  const fixed = ['outcome', 'title', 'total_demand', 'total_target'];
  fixed.forEach((name, index) => {
    if (header[index] !== name) {
      throw new TableFormatError(
        `Column ${index + 1} of the header is "${header[index] ?? ''}" but must be "${name}"; the header starts outcome,title,total_demand,total_target.`,
        1,
      );
    }
  });
  const rest = header.slice(fixed.length);
  if (rest.length === 0 || rest.length % 2 !== 0) {
    throw new TableFormatError('After total_target the header must list REGION_demand,REGION_target pairs for every region.', 1);
  }
  const regions: string[] = [];
  for (let i = 0; i < rest.length; i += 2) {
    const demand = rest[i] ?? '';
    const target = rest[i + 1] ?? '';
    const match = /^([a-z][a-z0-9_]*)_demand$/.exec(demand);
    if (!match || target !== `${match[1]}_target`) {
      throw new TableFormatError(`Header columns "${demand},${target}" must be a pair REGION_demand,REGION_target.`, 1);
    }
    regions.push(match[1] as string);
  }
  return regions;
}
