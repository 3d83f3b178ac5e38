import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AgGridReact } from 'ag-grid-react';
import { AllCommunityModule, ModuleRegistry, themeQuartz, type ColDef, type ColGroupDef } from 'ag-grid-community';
import type { ConsolidatedTable } from '../../../shared/domain/consolidate.js';
import type { Cycle } from '../../../shared/domain/types.js';
import { flattenTable, type FlatRow } from '../../../shared/domain/table-format.js';
import { api } from '../../api/client.js';

ModuleRegistry.registerModules([AllCommunityModule]);

const theme = themeQuartz.withParams({ fontSize: 14, rowHeight: 32, headerHeight: 38 });

/** The consolidated table, outcomes by region, with totals computed as sums. */
export function TableTab() {
  const { t, i18n } = useTranslation();
  const [table, setTable] = useState<ConsolidatedTable | null>(null);
  const [cycle, setCycle] = useState<Cycle | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([api['table.get']({}), api['cycle.get']({})])
      .then(([loadedTable, loadedCycle]) => {
        setTable(loadedTable);
        setCycle(loadedCycle);
      })
      .catch((caught: Error) => setError(caught.message));
  }, []);

  const flat = useMemo(() => (table ? flattenTable(table) : null), [table]);
  const columnDefs = useMemo<(ColDef<FlatRow> | ColGroupDef<FlatRow>)[]>(() => {
    if (!cycle) return [];
    const pair = (prefix: string, headerName: string): ColGroupDef<FlatRow> => ({
      headerName,
      children: (['demand', 'target'] as const).map((side) => ({
        colId: `${prefix}_${side}`,
        headerName: t(`grid.${side}`),
        width: 120,
        type: 'rightAligned',
        valueGetter: (p) => p.data?.values[`${prefix}_${side}`] ?? null,
      })),
    });
    return [
      { colId: 'outcome', headerName: t('grid.outcome'), pinned: 'left', width: 320, valueGetter: (p) => (p.data?.outcome === 'total' ? t('grid.totals') : `${p.data?.outcome} ${p.data?.title}`) },
      pair('total', t('grid.totals')),
      ...cycle.regions.map((r) => pair(r.code, r.name)),
    ];
  }, [cycle, t]);

  if (error) return <p className="message message-error">{error}</p>;
  if (!flat || !table) return <p className="loading">{t('app.loading')}</p>;

  return (
    <div className="table-tab">
      <p>{table.offices.length > 0 ? t('hq.offices', { count: table.offices.length }) : t('hq.noOffices')}</p>
      <div className="table-grid" data-testid="consolidated-grid">
        <AgGridReact<FlatRow>
          theme={theme}
          rowData={flat.rows}
          pinnedBottomRowData={flat.totals ? [flat.totals] : []}
          columnDefs={columnDefs}
          getRowId={(p) => p.data.outcome}
          enableRtl={i18n.dir() === 'rtl'}
          suppressMovableColumns
        />
      </div>
    </div>
  );
}
