import type { AmountSum } from '../../../../shared/domain/amounts.js';
import type { ConsolidatedTable, FigurePair } from '../../../../shared/domain/consolidate.js';
import type { Cycle } from '../../../../shared/domain/types.js';

/** Kind of category on the chart's category axis. */
export type ChartMode = 'region' | 'outcome';

/** One category of the demand-against-target chart. */
export interface ChartDatum {
  /** Axis label: the region name, or the outcome code. */
  category: string;
  /** Tooltip and summary heading: the region name, or the outcome code and its title. */
  heading: string;
  /** Bar height, undefined where no part was entered so that no bar is drawn rather than a 0. */
  demand: number | undefined;
  target: number | undefined;
  demandSum: AmountSum;
  targetSum: AmountSum;
}

function datum(category: string, heading: string, figures: FigurePair): ChartDatum {
  return {
    category,
    heading,
    demand: figures.demand.value ?? undefined,
    target: figures.target.value ?? undefined,
    demandSum: figures.demand,
    targetSum: figures.target,
  };
}

/** Builds one category per region of the cycle, in the cycle's column order, from the totals row. */
export function regionData(table: ConsolidatedTable, cycle: Cycle): ChartDatum[] {
  const names = new Map(cycle.regions.map((region) => [region.code, region.name]));
  return table.regionCodes.flatMap((code) => {
    const figures = table.totals.regions[code];
    if (!figures) return [];
    const name = names.get(code) ?? code;
    return [datum(name, name, figures)];
  });
}

/**
 * Builds one category per outcome, in the table's row order, with the figures of one region
 * or, when `region` is null, the row totals over all regions.
 */
export function outcomeData(table: ConsolidatedTable, region: string | null): ChartDatum[] {
  return table.rows.flatMap((row) => {
    const figures = region === null ? row.total : row.regions[region];
    if (!figures) return [];
    return [datum(row.outcome, `${row.outcome} ${row.title}`, figures)];
  });
}
