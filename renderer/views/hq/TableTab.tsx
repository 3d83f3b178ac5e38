import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AgGridReact } from 'ag-grid-react';
import {
  AllCommunityModule,
  ModuleRegistry,
  themeQuartz,
  type CellClassParams,
  type CellClickedEvent,
  type CellKeyDownEvent,
  type ColDef,
  type ColGroupDef,
  type GridReadyEvent,
  type ITooltipParams,
  type ValueFormatterParams,
} from 'ag-grid-community';
import { useHqStore } from '../../state/hq-store.js';
import { cellNotes, type CellNoteSources } from './table/cell-notes.js';
import { DrilldownPanel, type DrilldownTarget } from './table/DrilldownPanel.js';
import { OutcomeCell } from './table/OutcomeCell.js';
import { applyPendingCell, setTable1Api } from './table/table-handle.js';
import { buildTable1Rows, cellKey, mismatchesByCell, parseColumnId, targetExceedsDemand, type Side, type Table1Row } from './table/table1-rows.js';

ModuleRegistry.registerModules([AllCommunityModule]);

const ROW_HEIGHT = 34;
// An objective with a single outcome has one row for its name, so that row gets room for three lines.
const SINGLE_OUTCOME_OBJECTIVE_ROW_HEIGHT = 52;
const theme = themeQuartz.withParams({ fontSize: 14, rowHeight: ROW_HEIGHT, headerHeight: 36, spacing: 6 });
const SIDES: readonly Side[] = ['demand', 'target'];

/** Finds the outcome and region behind a clicked cell, or null unless it is a region cell of an outcome row. */
function drilldownTargetOf(data: Table1Row | undefined, colId: string): DrilldownTarget | null {
  const parsed = parseColumnId(colId);
  if (!data || data.kind !== 'outcome' || !parsed || parsed.prefix === 'total') return null;
  return { outcome: data.outcome, region: parsed.prefix };
}

/**
 * Shows the consolidated Table 1: outcomes grouped by strategic objective, totals, then each
 * region's prioritized demand and proposed target, with a pinned totals row. Every total is a
 * sum of what the offices sent. Region cells open the offices behind them, and cells that
 * disagree with a published table loaded for reconciliation are outlined.
 */
export function TableTab() {
  const { t, i18n } = useTranslation();
  const cycle = useHqStore((s) => s.cycle);
  const table = useHqStore((s) => s.table);
  const justifications = useHqStore((s) => s.justifications);
  const completeness = useHqStore((s) => s.completeness);
  const mismatches = useHqStore((s) => s.mismatches);
  const published = useHqStore((s) => s.published);
  const gridRef = useRef<AgGridReact<Table1Row>>(null);
  const [drilldown, setDrilldown] = useState<DrilldownTarget | null>(null);

  const numberFormat = useMemo(() => new Intl.NumberFormat(i18n.language, { useGrouping: true, maximumFractionDigits: 0 }), [i18n.language]);
  const layout = useMemo(() => (cycle && table ? buildTable1Rows(cycle, table) : null), [cycle, table]);
  const mismatchIndex = useMemo(() => mismatchesByCell(mismatches), [mismatches]);

  // Cell classes and tooltips read these through a ref, so a change refreshes cells without rebuilding the columns.
  const sources: CellNoteSources = useMemo(
    () => ({ cycle, justifications, offices: completeness?.offices ?? [], mismatches: mismatchIndex, numberFormat }),
    [cycle, justifications, completeness, mismatchIndex, numberFormat],
  );
  const sourcesRef = useRef(sources);
  sourcesRef.current = sources;
  const drilldownRef = useRef(drilldown);
  drilldownRef.current = drilldown;

  useEffect(() => {
    gridRef.current?.api?.refreshCells({ force: true });
  }, [sources, drilldown]);

  const columnDefs = useMemo<(ColDef<Table1Row> | ColGroupDef<Table1Row>)[]>(() => {
    if (!cycle) return [];
    const valueColumn = (prefix: string, side: Side): ColDef<Table1Row> => {
      const colId = `${prefix}_${side}`;
      return {
        colId,
        headerName: t(`hqTable.${side}`),
        headerTooltip: t(side === 'demand' ? 'hqTable.demandLong' : 'hqTable.targetLong'),
        width: 80,
        type: 'rightAligned',
        cellDataType: false,
        valueGetter: (p) => p.data?.sums[colId]?.value ?? null,
        valueFormatter: (p: ValueFormatterParams<Table1Row>) => {
          const sum = p.data?.sums[colId];
          if (!sum || sum.value === null) return '';
          // An asterisk marks a sum with blanks behind it, and the tooltip counts them.
          return sum.missing > 0 ? `${numberFormat.format(sum.value)}*` : numberFormat.format(sum.value);
        },
        cellClassRules: {
          'table1-total-column': () => prefix === 'total',
          'table1-drillable': (p: CellClassParams<Table1Row>) => prefix !== 'total' && p.data?.kind === 'outcome',
          'table1-incomplete': (p: CellClassParams<Table1Row>) => (p.data?.sums[colId]?.missing ?? 0) > 0,
          'table1-over': (p: CellClassParams<Table1Row>) => side === 'target' && !!p.data && targetExceedsDemand(p.data, prefix),
          'table1-mismatch': (p: CellClassParams<Table1Row>) => !!p.data && sourcesRef.current.mismatches.has(cellKey(p.data.id, colId)),
          'table1-selected': (p: CellClassParams<Table1Row>) => drilldownRef.current?.region === prefix && drilldownRef.current.outcome === p.data?.outcome,
        },
        tooltipValueGetter: (p: ITooltipParams<Table1Row>) => {
          if (!p.data) return undefined;
          const lines = cellNotes(t, sourcesRef.current, p.data, colId);
          return lines.length > 0 ? lines.join('\n') : undefined;
        },
      };
    };
    const pair = (prefix: string, headerName: string): ColGroupDef<Table1Row> => ({
      groupId: prefix,
      headerName,
      headerClass: prefix === 'total' ? 'table1-total-group' : undefined,
      children: SIDES.map((side) => valueColumn(prefix, side)),
    });

    return [
      {
        colId: 'objective',
        headerName: t('hqTable.objective'),
        pinned: 'left',
        width: 180,
        valueGetter: (p) => (p.data?.kind === 'outcome' ? p.data.objectiveName : ''),
        // One cell covers each objective's rows, so the name reads once at the top of its group.
        spanRows: (p) => p.nodeA?.data?.kind === 'outcome' && p.nodeA.data.objectiveName === p.nodeB?.data?.objectiveName,
        cellClass: (p) => (p.data?.kind === 'outcome' ? ['objective-cell', 'table1-objective-cell'] : undefined),
        tooltipValueGetter: (p) => (p.data?.kind === 'outcome' ? p.data.objectiveName : undefined),
      },
      {
        colId: 'outcome',
        headerName: t('hqTable.outcome'),
        pinned: 'left',
        width: 280,
        valueGetter: (p) => (p.data?.kind === 'total' ? t('hqTable.totalsRow') : `${p.data?.outcome ?? ''} ${p.data?.title ?? ''}`),
        cellRenderer: OutcomeCell,
        tooltipValueGetter: (p) => {
          if (p.data?.kind !== 'outcome') return undefined;
          const label = `${p.data.outcome} ${p.data.title}`;
          return p.data.comparable ? label : `${label}\n${t('hqTable.notComparableTooltip', { note: p.data.comparabilityNote ?? '' })}`;
        },
      },
      pair('total', t('hqTable.totals')),
      ...cycle.regions.map((region) => pair(region.code, region.name)),
    ];
  }, [cycle, t, numberFormat]);

  const onCellClicked = useCallback((event: CellClickedEvent<Table1Row>) => {
    const target = drilldownTargetOf(event.data, event.column.getColId());
    if (target) setDrilldown(target);
  }, []);

  const onCellKeyDown = useCallback((event: CellKeyDownEvent<Table1Row>) => {
    const keyboard = event.event as KeyboardEvent | null | undefined;
    if (keyboard?.key !== 'Enter' || !('column' in event)) return;
    const target = drilldownTargetOf(event.data, event.column.getColId());
    if (target) setDrilldown(target);
  }, []);

  const onGridReady = useCallback((event: GridReadyEvent<Table1Row>) => setTable1Api(event.api), []);
  useEffect(() => () => setTable1Api(null), []);

  if (!cycle || !table || !layout) return <p className="loading">{t('app.loading')}</p>;

  const totals = layout.totals.sums;
  const incomplete = Object.values(totals).some((sum) => sum.missing > 0);
  const missingDemand = totals['total_demand']?.missing ?? 0;
  const missingTarget = totals['total_target']?.missing ?? 0;

  return (
    <div className="table1-tab">
      <div className="table1-summary">
        <p data-testid="table1-offices">{table.offices.length > 0 ? t('hqTable.offices', { count: table.offices.length }) : t('hqTable.noOffices')}</p>
        <ul className="table1-legend" aria-label={t('hqTable.legend.label')}>
          <li>
            <span className="table1-legend-swatch table1-over" /> {t('hqTable.legend.over')}
          </li>
          <li>
            <span className="table1-not-comparable">{t('hqTable.notComparableBadge')}</span> {t('hqTable.legend.notComparable')}
          </li>
          <li>{t('hqTable.legend.incomplete')}</li>
          <li>{t('hqTable.legend.drilldown')}</li>
        </ul>
      </div>
      {published && mismatches.length > 0 ? (
        <p className="table1-reconcile-note" data-testid="table1-reconcile-note">
          <span className="table1-legend-swatch table1-mismatch" /> {t('hqTable.reconcileNote', { count: mismatchIndex.size, file: published.fileName })}
        </p>
      ) : null}
      <div className="table1-body">
        <div className="table1-grid" data-testid="consolidated-grid">
          <AgGridReact<Table1Row>
            ref={gridRef}
            theme={theme}
            rowData={layout.rows}
            pinnedBottomRowData={[layout.totals]}
            columnDefs={columnDefs}
            defaultColDef={{ sortable: false, suppressHeaderMenuButton: true, suppressMovable: true }}
            getRowId={(p) => p.data.id}
            getRowHeight={(p) => (p.data?.objectiveSpan === 1 ? SINGLE_OUTCOME_OBJECTIVE_ROW_HEIGHT : ROW_HEIGHT)}
            rowClassRules={{ 'objective-start': (p) => (p.data?.objectiveSpan ?? 0) > 0 }}
            enableCellSpan
            // Fourteen columns are cheap to render at once, and every cell then exists for find-in-page and tests.
            suppressColumnVirtualisation
            onGridReady={onGridReady}
            onFirstDataRendered={applyPendingCell}
            onCellClicked={onCellClicked}
            onCellKeyDown={onCellKeyDown}
            tooltipShowDelay={300}
            enableRtl={i18n.dir() === 'rtl'}
          />
        </div>
        {drilldown ? <DrilldownPanel target={drilldown} onClose={() => setDrilldown(null)} /> : null}
      </div>
      {incomplete ? (
        <p className="table1-incomplete-note" data-testid="table1-incomplete-note">
          {t('hqTable.incompleteNote', { demand: missingDemand, target: missingTarget })}
        </p>
      ) : null}
    </div>
  );
}
