import type { TFunction } from 'i18next';
import { TOTAL_ROW_ID } from '../../../../shared/domain/consolidate.js';
import type { Mismatch } from '../../../../shared/domain/reconcile.js';
import type { Amount, Cycle } from '../../../../shared/domain/types.js';
import { parseColumnId } from './table1-rows.js';

/** Names a value column for sentences: "total demand", "Africa target". Unknown ids come back as they are. */
export function describeColumn(t: TFunction, cycle: Cycle | null, colId: string): string {
  const parsed = parseColumnId(colId);
  if (!parsed) return colId;
  if (parsed.prefix === 'total') return t(parsed.side === 'demand' ? 'hqTable.column.totalDemand' : 'hqTable.column.totalTarget');
  const region = cycle?.regions.find((r) => r.code === parsed.prefix)?.name ?? parsed.prefix;
  return t(parsed.side === 'demand' ? 'hqTable.column.regionDemand' : 'hqTable.column.regionTarget', { region });
}

export function formatAmount(t: TFunction, numberFormat: Intl.NumberFormat, value: Amount): string {
  return value === null ? t('hqReconcile.blank') : numberFormat.format(value);
}

/**
 * Describes one disagreement in a plain sentence, for example
 * "Outcome 02: total demand published 80, its regions add up to 81".
 */
export function describeMismatch(t: TFunction, cycle: Cycle | null, numberFormat: Intl.NumberFormat, mismatch: Mismatch): string {
  const values = {
    outcome: mismatch.outcome,
    column: describeColumn(t, cycle, mismatch.column),
    published: formatAmount(t, numberFormat, mismatch.published),
    expected: formatAmount(t, numberFormat, mismatch.expected),
  };
  const onTotalRow = mismatch.outcome === TOTAL_ROW_ID;
  switch (mismatch.kind) {
    case 'row-sum':
      return t(onTotalRow ? 'hqReconcile.sentence.rowSumTotalRow' : 'hqReconcile.sentence.rowSum', values);
    case 'column-sum':
      return t('hqReconcile.sentence.columnSum', values);
    case 'cell':
      return t(onTotalRow ? 'hqReconcile.sentence.cellTotalRow' : 'hqReconcile.sentence.cell', values);
  }
}
