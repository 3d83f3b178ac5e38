import { sumAmounts, type AmountSum } from '../../shared/domain/amounts.js';
import { entryStatus, type EntryStatus } from '../../shared/domain/rules.js';
import type { Amount, Cycle, Entry } from '../../shared/domain/types.js';

/** Where a row's figures come from: typed in, or summed from its member States. */
export type RowKind = 'outcome' | 'outcome-total' | 'state';

/** Rule status shown in the grid's status column. */
export type RowStatus = EntryStatus;

export interface PlanRow {
  /** Grid row id: the outcome code (`01`), or outcome and State (`01:SEN`). */
  id: string;
  kind: RowKind;
  outcome: string;
  country: string | null;
  title: string;
  objectiveCode: string;
  objectiveName: string;
  /** Rows of the same objective, counted from this row on, for the spanning objective cell. */
  objectiveSpan: number;
  comparable: boolean;
  demand: Amount;
  target: Amount;
  justification: string;
  status: RowStatus;
  /** False for an outcome whose figures are the sum of its States. */
  editable: boolean;
}

export interface TotalsRow {
  id: 'totals';
  demand: AmountSum;
  target: AmountSum;
}

export function rowIdOf(outcome: string, country: string | null): string {
  return country === null ? outcome : `${outcome}:${country}`;
}

export function parseRowId(id: string): { outcome: string; country: string | null } {
  const [outcome, country] = id.split(':');
  return { outcome: outcome ?? '', country: country ?? null };
}

/**
 * Lays the plan out as grid rows in the cycle's order: each outcome, and under an outcome that
 * is broken down by member State, one row per State with the outcome row showing their sum.
 */
export function buildPlanRows(cycle: Cycle, entries: readonly Entry[]): PlanRow[] {
  const rows: PlanRow[] = [];
  const objectiveNames = new Map(cycle.objectives.map((o) => [o.code, o.name]));

  for (const outcome of cycle.outcomes) {
    const own = entries.filter((e) => e.outcome === outcome.code);
    const states = own.filter((e) => e.country !== null).sort((a, b) => (a.country ?? '').localeCompare(b.country ?? ''));
    const base = {
      outcome: outcome.code,
      title: outcome.title,
      objectiveCode: outcome.objectiveCode,
      objectiveName: objectiveNames.get(outcome.objectiveCode) ?? outcome.objectiveCode,
      objectiveSpan: 1,
      comparable: outcome.comparable,
    };

    if (states.length === 0) {
      const entry = own[0] ?? { demand: null, target: null, justification: '' };
      rows.push({
        ...base,
        id: outcome.code,
        kind: 'outcome',
        country: null,
        demand: entry.demand,
        target: entry.target,
        justification: entry.justification,
        status: entryStatus(outcome, entry),
        editable: true,
      });
      continue;
    }

    const stateRows: PlanRow[] = states.map((state) => ({
      ...base,
      id: rowIdOf(outcome.code, state.country),
      kind: 'state',
      country: state.country,
      demand: state.demand,
      target: state.target,
      justification: state.justification,
      status: entryStatus(outcome, state),
      editable: true,
    }));
    const demand = sumAmounts(states.map((s) => s.demand));
    const target = sumAmounts(states.map((s) => s.target));
    const worst = stateRows.find((r) => r.status === 'justification-missing') ?? stateRows.find((r) => r.status === 'not-entered');
    rows.push({
      ...base,
      id: outcome.code,
      kind: 'outcome-total',
      country: null,
      demand: demand.missing > 0 ? null : demand.value,
      target: target.missing > 0 ? null : target.value,
      justification: '',
      status: worst?.status ?? (outcome.comparable ? 'ok' : 'not-comparable'),
      editable: false,
    });
    rows.push(...stateRows);
  }

  // The objective cell spans every row of its objective; AG Grid reads the span from the first row.
  for (let i = 0; i < rows.length; ) {
    let j = i;
    while (j < rows.length && rows[j]?.objectiveCode === rows[i]?.objectiveCode) j += 1;
    (rows[i] as PlanRow).objectiveSpan = j - i;
    for (let k = i + 1; k < j; k += 1) (rows[k] as PlanRow).objectiveSpan = 0;
    i = j;
  }
  return rows;
}

/** Sums the rows that carry typed figures (never an outcome total on top of its States). */
export function totalsOf(rows: readonly PlanRow[]): TotalsRow {
  const typed = rows.filter((r) => r.kind !== 'outcome-total');
  return { id: 'totals', demand: sumAmounts(typed.map((r) => r.demand)), target: sumAmounts(typed.map((r) => r.target)) };
}
