import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { BundlePreview, CellChange, PreviewCell } from '../../../../shared/exchange/preview.js';

/** New cells are listed open only up to this count, so a first bundle of about 40 starts folded. */
const OPEN_NEW_CELLS_MAX = 12;

type Columns = 'before' | 'after' | 'both';

/** Shows the cells of a previewed bundle grouped by change: new, changed (old → new), unchanged as a count, removed. */
export function CellChanges({ preview }: { preview: BundlePreview }) {
  const { t, i18n } = useTranslation();
  const numbers = useMemo(() => new Intl.NumberFormat(i18n.language), [i18n.language]);
  const groups = useMemo(() => {
    const byChange: Record<CellChange, PreviewCell[]> = { new: [], changed: [], unchanged: [], removed: [] };
    for (const cell of preview.cells) byChange[cell.change].push(cell);
    return byChange;
  }, [preview.cells]);

  if (preview.cells.length === 0) {
    return (
      <div className="import-changes">
        <p className="muted">{t('hqImport.cells.noCells')}</p>
      </div>
    );
  }

  const value = (v: number | string | null) => {
    if (v === null) return t('hqImport.cells.notEntered');
    if (typeof v === 'number') return numbers.format(v);
    return v;
  };

  const table = (change: CellChange, cells: PreviewCell[], columns: Columns) => (
    <table className="import-cells" data-testid={`cells-${change}`}>
      <thead>
        <tr>
          <th scope="col">{t('hqImport.cells.outcome')}</th>
          <th scope="col">{t('hqImport.cells.country')}</th>
          <th scope="col">{t('hqImport.cells.field')}</th>
          {columns === 'both' ? <th scope="col">{`${t('hqImport.cells.held')} → ${t('hqImport.cells.incoming')}`}</th> : null}
          {columns === 'after' ? <th scope="col">{t('hqImport.cells.incoming')}</th> : null}
          {columns === 'before' ? <th scope="col">{t('hqImport.cells.held')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {cells.map((cell) => (
          <tr key={`${cell.outcome}|${cell.country ?? ''}|${cell.field}`} data-outcome={cell.outcome} data-country={cell.country ?? ''} data-field={cell.field}>
            <td>{cell.outcome}</td>
            <td>{cell.country ?? t('hqImport.cells.wholeOffice')}</td>
            <td>{t(`hqImport.cells.fieldName.${cell.field}`)}</td>
            <td className={cell.field === 'justification' ? 'import-text-value' : 'import-number-value'} data-testid="cell-value">
              {columns === 'both' ? t('hqImport.cells.change', { before: value(cell.before), after: value(cell.after) }) : value(columns === 'after' ? cell.after : cell.before)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <div className="import-changes">
      {groups.changed.length > 0 ? (
        <details open className="import-group import-group-changed">
          <summary>{t('hqImport.cells.changed', { count: groups.changed.length })}</summary>
          {table('changed', groups.changed, 'both')}
        </details>
      ) : null}
      {groups.new.length > 0 ? (
        <details open={groups.new.length <= OPEN_NEW_CELLS_MAX} className="import-group import-group-new">
          <summary>{t('hqImport.cells.new', { count: groups.new.length })}</summary>
          {table('new', groups.new, 'after')}
        </details>
      ) : null}
      {groups.removed.length > 0 ? (
        <details open className="import-group import-group-removed">
          <summary>{t('hqImport.cells.removed', { count: groups.removed.length })}</summary>
          {table('removed', groups.removed, 'before')}
        </details>
      ) : null}
      {groups.unchanged.length > 0 ? (
        <p className="muted" data-testid="cells-unchanged">
          {t('hqImport.cells.unchanged', { count: groups.unchanged.length })}
        </p>
      ) : null}
    </div>
  );
}
