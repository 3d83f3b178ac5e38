import type { Cycle, Entry, Outcome } from './types.js';

/** A rule that a plan still breaks. Only `justification-missing` blocks a bundle export. */
export type RuleIssue =
  | { kind: 'justification-missing'; outcome: string; country: string | null; demand: number; target: number }
  | { kind: 'not-entered'; outcome: string; country: string | null; field: 'demand' | 'target' };

/**
 * Tells whether an entry's target exceeds its demand in a way that must be explained.
 * Outcomes whose demand and target are not comparable never need a justification, and
 * a blank on either side leaves nothing to compare.
 */
export function needsJustification(outcome: Pick<Outcome, 'comparable'>, entry: Pick<Entry, 'demand' | 'target'>): boolean {
  if (!outcome.comparable) return false;
  if (entry.demand === null || entry.target === null) return false;
  return entry.target > entry.demand;
}

export function isJustified(entry: Pick<Entry, 'justification'>): boolean {
  return entry.justification.trim().length > 0;
}

/** Rule status of one row, as the grid and the printed summary show it. */
export type EntryStatus = 'ok' | 'justification-missing' | 'not-entered' | 'not-comparable' | 'justified';

/** Classifies one entry: blanks first, then non-comparable outcomes, then the justification rule. */
export function entryStatus(outcome: Pick<Outcome, 'comparable'>, entry: Pick<Entry, 'demand' | 'target' | 'justification'>): EntryStatus {
  if (entry.demand === null || entry.target === null) return 'not-entered';
  if (!outcome.comparable) return 'not-comparable';
  if (needsJustification(outcome, entry)) return isJustified(entry) ? 'justified' : 'justification-missing';
  return 'ok';
}

/**
 * Lists every rule the plan breaks, in outcome order: targets above demand without a
 * justification, and figures not entered (outcomes with no row at all count as not entered).
 */
export function checkPlan(cycle: Cycle, entries: readonly Entry[]): RuleIssue[] {
  const issues: RuleIssue[] = [];
  for (const outcome of cycle.outcomes) {
    const rows = entries.filter((e) => e.outcome === outcome.code);
    if (rows.length === 0) {
      issues.push({ kind: 'not-entered', outcome: outcome.code, country: null, field: 'demand' });
      issues.push({ kind: 'not-entered', outcome: outcome.code, country: null, field: 'target' });
      continue;
    }
    for (const row of rows) {
      if (row.demand === null) issues.push({ kind: 'not-entered', outcome: outcome.code, country: row.country, field: 'demand' });
      if (row.target === null) issues.push({ kind: 'not-entered', outcome: outcome.code, country: row.country, field: 'target' });
      if (needsJustification(outcome, row) && !isJustified(row)) {
        issues.push({
          kind: 'justification-missing',
          outcome: outcome.code,
          country: row.country,
          demand: row.demand as number,
          target: row.target as number,
        });
      }
    }
  }
  return issues;
}

export function blocksExport(issue: RuleIssue): boolean {
  return issue.kind === 'justification-missing';
}

/** Describes an issue in one English sentence for the CLI and logs; the renderer uses its own catalogue. */
export function describeIssue(issue: RuleIssue): string {
  const where = issue.country === null ? `outcome ${issue.outcome}` : `outcome ${issue.outcome}, ${issue.country}`;
  switch (issue.kind) {
    case 'justification-missing':
      return `${where}: the target ${issue.target} exceeds the demand ${issue.demand}; add a justification in the note column.`;
    case 'not-entered':
      return `${where}: ${issue.field} is not entered.`;
  }
}
