import { combineSums, sumAmounts, EMPTY_SUM, type AmountSum } from './amounts.js';
import type { Cycle, Entry } from './types.js';

/** Demand and target of one table cell pair. */
export interface FigurePair {
  demand: AmountSum;
  target: AmountSum;
}

/** One office's accepted plan, as headquarters holds it. */
export interface Contribution {
  officeId: string;
  region: string;
  revision: number;
  entries: readonly Entry[];
}

export interface ConsolidatedRow {
  /** Outcome code, or `total` for the totals row. */
  outcome: string;
  title: string;
  total: FigurePair;
  /** Keyed by region code; every region of the cycle is present. */
  regions: Record<string, FigurePair>;
}

export interface ConsolidatedTable {
  cycle: string;
  /** Region codes in the published column order. */
  regionCodes: string[];
  rows: ConsolidatedRow[];
  totals: ConsolidatedRow;
  offices: { officeId: string; region: string; revision: number }[];
}

export const TOTAL_ROW_ID = 'total';

/**
 * Rolls one office's entries up to one figure pair per outcome. An outcome broken down by
 * member State sums its State rows; an outcome with no row counts one missing part on each side.
 */
export function rollUpEntries(cycle: Cycle, entries: readonly Entry[]): Map<string, FigurePair> {
  const result = new Map<string, FigurePair>();
  for (const outcome of cycle.outcomes) {
    const rows = entries.filter((e) => e.outcome === outcome.code);
    if (rows.length === 0) {
      result.set(outcome.code, { demand: sumAmounts([null]), target: sumAmounts([null]) });
      continue;
    }
    result.set(outcome.code, {
      demand: sumAmounts(rows.map((r) => r.demand)),
      target: sumAmounts(rows.map((r) => r.target)),
    });
  }
  return result;
}

function combinePairs(pairs: readonly FigurePair[]): FigurePair {
  return {
    demand: combineSums(pairs.map((p) => p.demand)),
    target: combineSums(pairs.map((p) => p.target)),
  };
}

/**
 * Builds the consolidated table: each region cell sums the contributions of the offices in
 * that region, each row total sums its regions, and the totals row sums the outcome rows.
 * A region that no office contributed to stays empty (value null, no parts).
 */
export function consolidate(cycle: Cycle, contributions: readonly Contribution[]): ConsolidatedTable {
  const regionCodes = cycle.regions.map((r) => r.code);
  const knownRegions = new Set(regionCodes);
  for (const contribution of contributions) {
    if (!knownRegions.has(contribution.region)) {
      throw new Error(`Office ${contribution.officeId} belongs to region "${contribution.region}", which cycle ${cycle.code} does not define.`);
    }
  }

  const rollUps = contributions.map((c) => ({ region: c.region, figures: rollUpEntries(cycle, c.entries) }));
  const empty: FigurePair = { demand: EMPTY_SUM, target: EMPTY_SUM };

  const rows: ConsolidatedRow[] = cycle.outcomes.map((outcome) => {
    const regions: Record<string, FigurePair> = {};
    for (const region of regionCodes) {
      const parts = rollUps.filter((r) => r.region === region).map((r) => r.figures.get(outcome.code) ?? empty);
      regions[region] = combinePairs(parts);
    }
    return { outcome: outcome.code, title: outcome.title, total: combinePairs(regionCodes.map((r) => regions[r] ?? empty)), regions };
  });

  const totalRegions: Record<string, FigurePair> = {};
  for (const region of regionCodes) {
    totalRegions[region] = combinePairs(rows.map((row) => row.regions[region] ?? empty));
  }
  const totals: ConsolidatedRow = {
    outcome: TOTAL_ROW_ID,
    title: 'Totals',
    total: combinePairs(rows.map((row) => row.total)),
    regions: totalRegions,
  };

  return {
    cycle: cycle.code,
    regionCodes,
    rows,
    totals,
    offices: contributions.map((c) => ({ officeId: c.officeId, region: c.region, revision: c.revision })),
  };
}
