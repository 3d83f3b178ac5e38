import type { ConsolidatedTable } from '../../shared/domain/consolidate.js';
import { flattenTable, tableToCells, valueColumns } from '../../shared/domain/table-format.js';
import type { Mismatch } from '../../shared/domain/reconcile.js';

/** Lays the consolidated table out as aligned plain text for a terminal. Blanks print as `·`. */
export function tableAsText(table: ConsolidatedTable): string {
  const flat = flattenTable(table);
  const cells = tableToCells(flat);
  const header = cells[0] ?? [];
  const rows = cells.slice(1);
  const text = (value: string | number | null) => (value === null ? '·' : String(value));
  const widths = header.map((_, column) => Math.max(...cells.map((row) => text(row[column] ?? null).length)));
  const titleColumn = 1;
  const line = (row: (string | number | null)[]) =>
    row
      .map((value, column) => (column === titleColumn ? text(value).padEnd(widths[column] ?? 0) : text(value).padStart(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  const missing = table.rows.some((r) => valueColumns(table.regionCodes).length > 0 && (r.total.demand.missing > 0 || r.total.target.missing > 0));
  const footer = missing ? '\nSome offices have not entered every figure; totals sum the figures entered (see `table --format json`).' : '';
  return [line(header), ...rows.map(line)].join('\n') + '\n' + footer + (footer ? '\n' : '');
}

export function mismatchesAsText(mismatches: readonly Mismatch[]): string {
  if (mismatches.length === 0) return 'No disagreements found.\n';
  const show = (value: number | null) => (value === null ? 'blank' : String(value));
  const lines = mismatches.map((m) => {
    switch (m.kind) {
      case 'row-sum':
        return `row-sum     outcome ${m.outcome}: ${m.column} is ${show(m.published)} but its regions add up to ${show(m.expected)}`;
      case 'column-sum':
        return `column-sum  ${m.column}: the total row shows ${show(m.published)} but the outcomes add up to ${show(m.expected)}`;
      case 'cell':
        return `cell        outcome ${m.outcome}, ${m.column}: published ${show(m.published)}, database ${show(m.expected)}`;
    }
  });
  return `${lines.join('\n')}\n${mismatches.length} disagreement(s) found.\n`;
}
