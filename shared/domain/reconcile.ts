import type { FlatRow, FlatTable } from './table-format.js';
import { valueColumns } from './table-format.js';
import type { Amount } from './types.js';
import { TOTAL_ROW_ID } from './consolidate.js';
import { sumAmounts } from './amounts.js';

export type MismatchKind = 'row-sum' | 'column-sum' | 'cell';

/**
 * One disagreement. For `row-sum` the column is the total column checked (`total_demand` or
 * `total_target`); for `column-sum` the outcome is `total`; for `cell` both name the cell.
 */
export interface Mismatch {
  kind: MismatchKind;
  outcome: string;
  column: string;
  published: Amount;
  expected: Amount;
}

function rowSumMismatches(row: FlatRow, regionCodes: readonly string[]): Mismatch[] {
  const found: Mismatch[] = [];
  for (const side of ['demand', 'target'] as const) {
    const column = `total_${side}`;
    const published = row.values[column] ?? null;
    const expected = sumAmounts(regionCodes.map((r) => row.values[`${r}_${side}`] ?? null)).value;
    if (published !== expected) found.push({ kind: 'row-sum', outcome: row.outcome, column, published, expected });
  }
  return found;
}

/**
 * Finds every total inside a table that is not the sum of its parts: each row's totals against
 * its regions (the totals row included), then each cell of the totals row against its column.
 */
export function checkTableSums(table: FlatTable): Mismatch[] {
  const found: Mismatch[] = [];
  for (const row of table.rows) found.push(...rowSumMismatches(row, table.regionCodes));
  if (table.totals === null) return found;

  found.push(...rowSumMismatches(table.totals, table.regionCodes));
  for (const column of valueColumns(table.regionCodes)) {
    const published = table.totals.values[column] ?? null;
    const expected = sumAmounts(table.rows.map((row) => row.values[column] ?? null)).value;
    if (published !== expected) found.push({ kind: 'column-sum', outcome: TOTAL_ROW_ID, column, published, expected });
  }
  return found;
}

/**
 * Compares every cell of a published table with the consolidated figures. Rows that only one
 * side has are compared against blanks, so a missing or extra outcome shows up too.
 */
export function compareCells(published: FlatTable, consolidated: FlatTable): Mismatch[] {
  const found: Mismatch[] = [];
  const columns = valueColumns(consolidated.regionCodes);
  const publishedRows = new Map(allRows(published).map((row) => [row.outcome, row]));
  const consolidatedRows = new Map(allRows(consolidated).map((row) => [row.outcome, row]));
  const outcomes = [...consolidatedRows.keys(), ...[...publishedRows.keys()].filter((o) => !consolidatedRows.has(o))];

  for (const outcome of outcomes) {
    for (const column of columns) {
      const publishedValue = publishedRows.get(outcome)?.values[column] ?? null;
      const expected = consolidatedRows.get(outcome)?.values[column] ?? null;
      if (publishedValue !== expected) found.push({ kind: 'cell', outcome, column, published: publishedValue, expected });
    }
  }
  return found;
}

function allRows(table: FlatTable): FlatRow[] {
  return table.totals ? [...table.rows, table.totals] : table.rows;
}

/** Reconciles a published table: its own sums, then, when given, every cell against the consolidated table. */
export function reconcile(published: FlatTable, consolidated?: FlatTable): Mismatch[] {
  const found = checkTableSums(published);
  if (consolidated) {
    if (published.regionCodes.join(',') !== consolidated.regionCodes.join(',')) {
      throw new Error(
        `The published table has the regions ${published.regionCodes.join(', ')} but the database has ${consolidated.regionCodes.join(', ')}; compare tables of the same cycle.`,
      );
    }
    found.push(...compareCells(published, consolidated));
  }
  return found;
}
