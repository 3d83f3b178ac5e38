import type { AmountSum } from '../../../../shared/domain/amounts.js';
import { TOTAL_ROW_ID, type ConsolidatedRow, type ConsolidatedTable } from '../../../../shared/domain/consolidate.js';
import type { Mismatch } from '../../../../shared/domain/reconcile.js';
import type { Cycle } from '../../../../shared/domain/types.js';

/** One row of Table 1 in the grid: an outcome, or the totals row. */
export interface Table1Row {
  /** Grid row id: the outcome code, or `total`. */
  id: string;
  kind: 'outcome' | 'total';
  outcome: string;
  title: string;
  objectiveName: string;
  /** Rows of the same objective from this row on, or 0 for every row but the first of its objective. */
  objectiveSpan: number;
  comparable: boolean;
  comparabilityNote: string | null;
  /** Figures by column id (`total_demand`, `africa_target`, …). */
  sums: Record<string, AmountSum>;
}

export type Side = 'demand' | 'target';

/** Splits a value column id such as `arab_states_target` into its prefix (`total` or a region code) and side. */
export function parseColumnId(colId: string): { prefix: string; side: Side } | null {
  const match = /^(.+)_(demand|target)$/.exec(colId);
  if (!match) return null;
  return { prefix: match[1] as string, side: match[2] as Side };
}

function sumsOf(row: ConsolidatedRow, regionCodes: readonly string[]): Record<string, AmountSum> {
  const sums: Record<string, AmountSum> = { total_demand: row.total.demand, total_target: row.total.target };
  for (const region of regionCodes) {
    const pair = row.regions[region];
    if (!pair) continue;
    sums[`${region}_demand`] = pair.demand;
    sums[`${region}_target`] = pair.target;
  }
  return sums;
}

/**
 * Lays the consolidated table out as grid rows in the cycle's outcome order, each carrying its
 * objective and comparability, plus the totals row to pin under them.
 */
export function buildTable1Rows(cycle: Cycle, table: ConsolidatedTable): { rows: Table1Row[]; totals: Table1Row } {
  const objectiveNames = new Map(cycle.objectives.map((o) => [o.code, o.name]));
  const outcomes = new Map(cycle.outcomes.map((o) => [o.code, o]));

  const rows: Table1Row[] = table.rows.map((row) => {
    const outcome = outcomes.get(row.outcome);
    return {
      id: row.outcome,
      kind: 'outcome',
      outcome: row.outcome,
      title: row.title,
      objectiveName: outcome ? (objectiveNames.get(outcome.objectiveCode) ?? outcome.objectiveCode) : '',
      objectiveSpan: 1,
      comparable: outcome?.comparable ?? true,
      comparabilityNote: outcome?.comparabilityNote ?? null,
      sums: sumsOf(row, table.regionCodes),
    };
  });

  // The objective cell of a group's first row spans the whole group.
  for (let start = 0; start < rows.length; ) {
    let end = start;
    while (end < rows.length && rows[end]?.objectiveName === rows[start]?.objectiveName) end += 1;
    (rows[start] as Table1Row).objectiveSpan = end - start;
    for (let k = start + 1; k < end; k += 1) (rows[k] as Table1Row).objectiveSpan = 0;
    start = end;
  }

  const totals: Table1Row = {
    id: TOTAL_ROW_ID,
    kind: 'total',
    outcome: TOTAL_ROW_ID,
    title: table.totals.title,
    objectiveName: '',
    objectiveSpan: 0,
    // The totals row mixes comparable and non-comparable outcomes, so its pairs are never flagged.
    comparable: false,
    comparabilityNote: null,
    sums: sumsOf(table.totals, table.regionCodes),
  };
  return { rows, totals };
}

/**
 * Tells whether a target cell shows a target above its demand that calls for a justification:
 * both sides entered, the outcome comparable, and the row an outcome (region or total column).
 */
export function targetExceedsDemand(row: Table1Row, prefix: string): boolean {
  if (row.kind !== 'outcome' || !row.comparable) return false;
  const demand = row.sums[`${prefix}_demand`]?.value ?? null;
  const target = row.sums[`${prefix}_target`]?.value ?? null;
  return demand !== null && target !== null && target > demand;
}

/** Same comparison without the comparability rule, to explain why a non-comparable cell is not flagged. */
export function targetAboveDemandIgnoringComparability(row: Table1Row, prefix: string): boolean {
  const demand = row.sums[`${prefix}_demand`]?.value ?? null;
  const target = row.sums[`${prefix}_target`]?.value ?? null;
  return row.kind === 'outcome' && demand !== null && target !== null && target > demand;
}

export function cellKey(rowId: string, colId: string): string {
  return `${rowId}|${colId}`;
}

/**
 * Groups reconciliation mismatches by the table cell they concern. Every kind names its cell
 * directly: a `row-sum` names the row's total column, a `column-sum` a cell of the totals row,
 * and a `cell` mismatch the cell compared.
 */
export function mismatchesByCell(mismatches: readonly Mismatch[]): Map<string, Mismatch[]> {
  const byCell = new Map<string, Mismatch[]>();
  for (const mismatch of mismatches) {
    const key = cellKey(mismatch.outcome, mismatch.column);
    const list = byCell.get(key) ?? [];
    list.push(mismatch);
    byCell.set(key, list);
  }
  return byCell;
}
