import { sumAmounts, type AmountSum } from '../domain/amounts.js';
import type { ConsolidatedTable } from '../domain/consolidate.js';
import { flattenTable, type FlatRow } from '../domain/table-format.js';
import { blocksExport, checkPlan, describeIssue, entryStatus, type EntryStatus } from '../domain/rules.js';
import type { Amount, Cycle, Entry } from '../domain/types.js';
import type { Completeness, OfficeContribution } from '../api/views.js';

/**
 * The data of each printed report, built by pure functions so the desktop app, the web host
 * and the CLI print exactly the same thing.
 */

export interface SummaryRow {
  outcome: string;
  title: string;
  objectiveName: string;
  country: string | null;
  demand: Amount;
  target: Amount;
  justification: string;
  status: EntryStatus;
}

export interface SummaryReport {
  kind: 'summary';
  officeId: string;
  officeName: string;
  regionName: string;
  cycleLabel: string;
  generatedAt: string;
  /**
   * The last exported bundle, whose hash lets paper and file be matched; null before any export.
   * `matchesPlan` is false when the entries have changed since, so the page no longer shows
   * what that bundle carries.
   */
  lastExport: { revision: number; exportedAt: string; fileSha256: string; matchesPlan: boolean } | null;
  keyFingerprint: string;
  rows: SummaryRow[];
  totals: { demand: AmountSum; target: AmountSum };
  /** Every rule still broken, in words. */
  issues: { blocking: boolean; text: string }[];
}

export interface SummaryInput {
  cycle: Cycle;
  office: { id: string; name: string; region: string };
  keyFingerprint: string;
  entries: readonly Entry[];
  lastExport: SummaryReport['lastExport'];
  generatedAt: string;
}

export function buildSummaryReport(input: SummaryInput): SummaryReport {
  const { cycle } = input;
  const objectives = new Map(cycle.objectives.map((o) => [o.code, o.name]));
  const rows: SummaryRow[] = [];
  for (const outcome of cycle.outcomes) {
    const own = input.entries.filter((e) => e.outcome === outcome.code).sort((a, b) => (a.country ?? '').localeCompare(b.country ?? ''));
    const base = { outcome: outcome.code, title: outcome.title, objectiveName: objectives.get(outcome.objectiveCode) ?? outcome.objectiveCode };
    if (own.length === 0) {
      rows.push({ ...base, country: null, demand: null, target: null, justification: '', status: 'not-entered' });
      continue;
    }
    for (const entry of own) {
      rows.push({ ...base, country: entry.country, demand: entry.demand, target: entry.target, justification: entry.justification, status: entryStatus(outcome, entry) });
    }
  }
  return {
    kind: 'summary',
    officeId: input.office.id,
    officeName: input.office.name,
    regionName: cycle.regions.find((r) => r.code === input.office.region)?.name ?? input.office.region,
    cycleLabel: cycle.label,
    generatedAt: input.generatedAt,
    lastExport: input.lastExport,
    keyFingerprint: input.keyFingerprint,
    rows,
    totals: { demand: sumAmounts(rows.map((r) => r.demand)), target: sumAmounts(rows.map((r) => r.target)) },
    issues: checkPlan(cycle, input.entries).map((issue) => ({ blocking: blocksExport(issue), text: describeIssue(issue) })),
  };
}

export interface TableReport {
  kind: 'table';
  cycleLabel: string;
  generatedAt: string;
  regions: { code: string; name: string }[];
  objectives: { name: string; outcomes: string[] }[];
  rows: FlatRow[];
  totals: FlatRow | null;
  /** Outcomes whose demand and target are not comparable, with the reason. */
  notComparable: { outcome: string; note: string }[];
  /** The offices and revisions the table is built from, and those that sent nothing. */
  offices: OfficeContribution[];
}

export function buildTableReport(cycle: Cycle, table: ConsolidatedTable, offices: OfficeContribution[], generatedAt: string): TableReport {
  const flat = flattenTable(table);
  return {
    kind: 'table',
    cycleLabel: cycle.label,
    generatedAt,
    regions: cycle.regions.map((r) => ({ code: r.code, name: r.name })),
    objectives: cycle.objectives.map((o) => ({ name: o.name, outcomes: cycle.outcomes.filter((x) => x.objectiveCode === o.code).map((x) => x.code) })),
    rows: flat.rows,
    totals: flat.totals,
    notComparable: cycle.outcomes.filter((o) => !o.comparable).map((o) => ({ outcome: o.code, note: o.comparabilityNote ?? '' })),
    offices,
  };
}

export interface StatusReport {
  kind: 'status';
  cycleLabel: string;
  generatedAt: string;
  regions: { code: string; name: string }[];
  offices: OfficeContribution[];
  /** Per office: how many outcome figures are not entered in its accepted plan. */
  missing: Record<string, { demand: number; target: number }>;
}

export function buildStatusReport(cycle: Cycle, completeness: Completeness, generatedAt: string): StatusReport {
  const missing: StatusReport['missing'] = {};
  for (const office of completeness.offices) {
    if (office.revision === null) continue;
    let demand = 0;
    let target = 0;
    for (const outcome of cycle.outcomes) {
      const cell = completeness.matrix[outcome.code]?.[office.officeId];
      demand += cell?.demandMissing ?? 0;
      target += cell?.targetMissing ?? 0;
    }
    missing[office.officeId] = { demand, target };
  }
  return {
    kind: 'status',
    cycleLabel: cycle.label,
    generatedAt,
    regions: cycle.regions.map((r) => ({ code: r.code, name: r.name })),
    offices: completeness.offices,
    missing,
  };
}

export type Report = SummaryReport | TableReport | StatusReport;
