import type { TFunction } from 'i18next';
import type { Justification, OfficeContribution } from '../../../../shared/api/views.js';
import type { Mismatch } from '../../../../shared/domain/reconcile.js';
import type { Cycle } from '../../../../shared/domain/types.js';
import { describeMismatch } from './describe.js';
import { cellKey, parseColumnId, targetAboveDemandIgnoringComparability, targetExceedsDemand, type Table1Row } from './table1-rows.js';

/** Data the cell notes use besides the row, in one object so the grid can read it through a ref. */
export interface CellNoteSources {
  cycle: Cycle | null;
  justifications: readonly Justification[];
  offices: readonly OfficeContribution[];
  mismatches: ReadonlyMap<string, Mismatch[]>;
  numberFormat: Intl.NumberFormat;
}

function justificationLines(t: TFunction, sources: CellNoteSources, row: Table1Row, prefix: string): string[] {
  const found = sources.justifications.filter((j) => j.outcome === row.outcome && (prefix === 'total' || j.region === prefix));
  if (found.length === 0) return [t('hqTable.note.noJustification')];
  return found.map((j) => {
    const name = sources.offices.find((o) => o.officeId === j.officeId)?.name;
    return t('hqTable.note.justification', {
      office: name ? `${name} (${j.officeId})` : j.officeId,
      state: j.country ?? t('hqTable.wholeOffice'),
      text: j.justification,
    });
  });
}

/**
 * Builds the lines of a value cell's tooltip: disagreements with a published table, a target
 * above demand with the offices' justifications, and blanks behind the sum.
 */
export function cellNotes(t: TFunction, sources: CellNoteSources, row: Table1Row, colId: string): string[] {
  const parsed = parseColumnId(colId);
  if (!parsed) return [];
  const lines: string[] = [];

  for (const mismatch of sources.mismatches.get(cellKey(row.id, colId)) ?? []) {
    lines.push(describeMismatch(t, sources.cycle, sources.numberFormat, mismatch));
  }

  if (parsed.side === 'target' && targetExceedsDemand(row, parsed.prefix)) {
    lines.push(
      t('hqTable.note.targetAboveDemand', {
        target: sources.numberFormat.format(row.sums[`${parsed.prefix}_target`]?.value ?? 0),
        demand: sources.numberFormat.format(row.sums[`${parsed.prefix}_demand`]?.value ?? 0),
      }),
    );
    lines.push(...justificationLines(t, sources, row, parsed.prefix));
  } else if (parsed.side === 'target' && !row.comparable && targetAboveDemandIgnoringComparability(row, parsed.prefix)) {
    lines.push(t('hqTable.note.notComparable', { note: row.comparabilityNote ?? '' }));
  }

  const sum = row.sums[colId];
  if (sum && sum.missing > 0 && sum.entered === 0) {
    lines.push(t('hqTable.note.allMissing', { count: sum.missing }));
  } else if (sum && sum.missing > 0) {
    lines.push(t('hqTable.note.missing', { count: sum.missing, entered: sum.entered }));
  } else if (sum && sum.entered === 0 && row.kind === 'outcome') {
    lines.push(t(parsed.prefix === 'total' ? 'hqTable.note.noOfficeAnywhere' : 'hqTable.note.noOffice'));
  }
  return lines;
}
