import { useCallback, useEffect, useMemo, useRef } from 'react';
import { AgGridReact } from 'ag-grid-react';
import {
  AllCommunityModule,
  ModuleRegistry,
  themeQuartz,
  type CellClassParams,
  type CellEditRequestEvent,
  type CellKeyDownEvent,
  type ColDef,
  type GridReadyEvent,
  type ITooltipParams,
  type ValueFormatterParams,
} from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import { parseClipboardTable } from '../../shared/clipboard.js';
import type { WholeNumberLocale } from '../../shared/numbers.js';
import { cellKey, usePlanStore, type CellInput, type EditableField, type PasteReport } from '../state/plan-store.js';
import { buildPlanRows, totalsOf, type PlanRow } from './plan-rows.js';
import { setGridApi } from './grid-handle.js';

ModuleRegistry.registerModules([AllCommunityModule]);

const EDITABLE_COLUMNS: readonly EditableField[] = ['demand', 'target', 'justification'];

/** The pinned row under the plan; its figures are always the sum of the rows above. */
interface TotalsRowData {
  id: 'totals';
  kind: 'totals';
  demand: number | null;
  target: number | null;
  demandMissing: number;
  targetMissing: number;
}

type GridRow = PlanRow | TotalsRowData;

const theme = themeQuartz.withParams({ fontSize: 14, rowHeight: 34, headerHeight: 40, spacing: 6 });

export interface EntryGridProps {
  locale: WholeNumberLocale;
  onPasteReport: (report: PasteReport) => void;
}

function isEditingTarget(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable);
}

/**
 * Shows the office's plan as a spreadsheet: one row per outcome (and per member State where the
 * outcome is broken down), demand, target and justification editable, the rule status beside
 * them and a totals row pinned under them. Every edit goes through the plan store.
 */
export function EntryGrid({ locale, onPasteReport }: EntryGridProps) {
  const { t, i18n } = useTranslation();
  const cycle = usePlanStore((s) => s.cycle);
  const entries = usePlanStore((s) => s.entries);
  const cellStatus = usePlanStore((s) => s.cellStatus);
  const editCells = usePlanStore((s) => s.editCells);
  const undo = usePlanStore((s) => s.undo);
  const redo = usePlanStore((s) => s.redo);
  const gridRef = useRef<AgGridReact<GridRow>>(null);
  const statusRef = useRef(cellStatus);
  statusRef.current = cellStatus;

  const rows = useMemo(() => (cycle ? buildPlanRows(cycle, entries) : []), [cycle, entries]);
  const pinnedBottom = useMemo<TotalsRowData[]>(() => {
    const totals = totalsOf(rows);
    return [
      {
        id: 'totals',
        kind: 'totals',
        demand: totals.demand.value,
        target: totals.target.value,
        demandMissing: totals.demand.missing,
        targetMissing: totals.target.missing,
      },
    ];
  }, [rows]);

  useEffect(() => {
    gridRef.current?.api?.refreshCells({ force: true, columns: [...EDITABLE_COLUMNS] });
  }, [cellStatus]);

  const numberFormat = useMemo(() => new Intl.NumberFormat(i18n.language, { useGrouping: true, maximumFractionDigits: 0 }), [i18n.language]);

  const statusOf = useCallback((params: CellClassParams<GridRow> | ITooltipParams<GridRow>, field: EditableField) => {
    const data = params.data;
    if (!data || data.kind === 'totals') return undefined;
    return statusRef.current[cellKey(data.id, field)];
  }, []);

  const columnDefs = useMemo<ColDef<GridRow>[]>(() => {
    const cellClassRules = (field: EditableField) => ({
      'cell-saving': (p: CellClassParams<GridRow>) => statusOf(p, field)?.state === 'saving',
      'cell-saved': (p: CellClassParams<GridRow>) => statusOf(p, field)?.state === 'saved',
      'cell-invalid': (p: CellClassParams<GridRow>) => statusOf(p, field)?.state === 'invalid',
      'cell-failed': (p: CellClassParams<GridRow>) => statusOf(p, field)?.state === 'failed',
      'cell-readonly': (p: CellClassParams<GridRow>) => p.data?.kind !== 'outcome' && p.data?.kind !== 'state',
    });
    const tooltip = (field: EditableField) => (p: ITooltipParams<GridRow>) => {
      const status = statusOf(p, field);
      if (p.data?.kind === 'outcome-total') return t('grid.sumOfStates');
      if (!status) return undefined;
      if (status.state === 'invalid') return t('grid.invalid', { message: status.message });
      if (status.state === 'failed') return t('grid.failed', { message: status.message });
      return t(`grid.${status.state}`);
    };
    const numberColumn = (field: 'demand' | 'target'): ColDef<GridRow> => ({
      colId: field,
      field,
      headerName: t(`grid.${field}`),
      width: 110,
      type: 'rightAligned',
      wrapHeaderText: true,
      autoHeaderHeight: true,
      cellDataType: false,
      editable: (p) => p.data?.kind === 'outcome' || p.data?.kind === 'state',
      cellEditor: 'agTextCellEditor',
      valueFormatter: (p: ValueFormatterParams<GridRow>) => {
        if (p.value === null || p.value === undefined) {
          // A total with nothing entered under it shows a dash; the note under the grid counts the blanks.
          if (p.data?.kind === 'totals') return '—';
          return '';
        }
        const text = numberFormat.format(p.value as number);
        if (p.data?.kind === 'totals') {
          // An asterisk marks a total with blanks behind it; the note under the grid counts them.
          const missing = field === 'demand' ? p.data.demandMissing : p.data.targetMissing;
          return missing > 0 ? `${text}*` : text;
        }
        return text;
      },
      cellClassRules: cellClassRules(field),
      tooltipValueGetter: tooltip(field),
    });

    return [
      {
        colId: 'objective',
        headerName: t('grid.objective'),
        pinned: 'left',
        width: 150,
        editable: false,
        wrapText: true,
        autoHeight: true,
        cellStyle: { lineHeight: '1.3', paddingTop: '6px', paddingBottom: '6px' },
        valueGetter: (p) => (p.data && p.data.kind !== 'totals' && p.data.objectiveSpan > 0 ? p.data.objectiveName : ''),
        cellClass: 'objective-cell',
        tooltipValueGetter: (p) => (p.data && p.data.kind !== 'totals' ? p.data.objectiveName : undefined),
      },
      {
        colId: 'outcome',
        headerName: t('grid.outcome'),
        pinned: 'left',
        width: 280,
        editable: false,
        valueGetter: (p) => {
          const data = p.data;
          if (!data) return '';
          if (data.kind === 'totals') return t('grid.totals');
          if (data.kind === 'state') return `${data.outcome} · ${data.country}`;
          return `${data.outcome} ${data.title}`;
        },
        cellClassRules: { 'state-row-label': (p) => p.data?.kind === 'state' },
      },
      numberColumn('demand'),
      numberColumn('target'),
      {
        colId: 'justification',
        field: 'justification',
        headerName: t('grid.justification'),
        flex: 1,
        minWidth: 160,
        cellDataType: false,
        editable: (p) => p.data?.kind === 'outcome' || p.data?.kind === 'state',
        cellEditor: 'agLargeTextCellEditor',
        cellEditorPopup: true,
        cellEditorParams: { maxLength: 4000, rows: 6, cols: 60 },
        cellClassRules: cellClassRules('justification'),
        tooltipValueGetter: (p) => statusOf(p, 'justification') ? tooltip('justification')(p) : (p.data && p.data.kind !== 'totals' ? p.data.justification || undefined : undefined),
      },
      {
        colId: 'status',
        headerName: t('grid.status'),
        width: 165,
        editable: false,
        valueGetter: (p) => {
          const data = p.data;
          if (!data || data.kind === 'totals') return '';
          const labels = {
            ok: 'grid.statusOk',
            justified: 'grid.statusJustified',
            'justification-missing': 'grid.statusJustificationMissing',
            'not-entered': 'grid.statusNotEntered',
            'not-comparable': 'grid.statusNotComparable',
          } as const;
          return t(labels[data.status]);
        },
        cellClassRules: {
          'status-error': (p) => p.data?.kind !== 'totals' && p.data?.status === 'justification-missing',
          'status-warning': (p) => p.data?.kind !== 'totals' && p.data?.status === 'not-entered',
          'status-muted': (p) => p.data?.kind !== 'totals' && p.data?.status === 'not-comparable',
        },
        tooltipValueGetter: (p) => {
          const data = p.data;
          if (!cycle || !data || data.kind === 'totals' || data.comparable) return undefined;
          return cycle.outcomes.find((o) => o.code === data.outcome)?.comparabilityNote ?? undefined;
        },
      },
    ];
  }, [t, numberFormat, statusOf, cycle]);

  const onCellEditRequest = useCallback(
    (event: CellEditRequestEvent<GridRow>) => {
      const data = event.data;
      const field = event.colDef.field as EditableField | undefined;
      if (!data || data.kind === 'totals' || !field || !EDITABLE_COLUMNS.includes(field)) return;
      const raw = event.newValue === null || event.newValue === undefined ? null : String(event.newValue);
      void editCells([{ rowId: data.id, field, raw }], locale);
    },
    [editCells, locale],
  );

  const onCellKeyDown = useCallback(
    (event: CellKeyDownEvent<GridRow>) => {
      const keyboard = event.event as KeyboardEvent | undefined;
      if (!keyboard || (keyboard.key !== 'Delete' && keyboard.key !== 'Backspace')) return;
      if (isEditingTarget(keyboard.target)) return;
      const data = event.data;
      const field = event.colDef.field as EditableField | undefined;
      if (!data || data.kind === 'totals' || !data.editable || !field || !EDITABLE_COLUMNS.includes(field)) return;
      keyboard.preventDefault();
      void editCells([{ rowId: data.id, field, raw: null }], locale);
    },
    [editCells, locale],
  );

  const onKeyDown = useCallback(
    (event: React.KeyboardEvent<HTMLDivElement>) => {
      if (isEditingTarget(event.target)) return;
      const mod = event.ctrlKey || event.metaKey;
      if (!mod) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        void undo();
      } else if (key === 'y' || (key === 'z' && event.shiftKey)) {
        event.preventDefault();
        void redo();
      }
    },
    [undo, redo],
  );

  const onPaste = useCallback(
    (event: React.ClipboardEvent<HTMLDivElement>) => {
      if (isEditingTarget(event.target)) return;
      const api = gridRef.current?.api;
      const focused = api?.getFocusedCell();
      if (!api || !focused || focused.rowPinned) return;
      event.preventDefault();

      const table = parseClipboardTable(event.clipboardData.getData('text/plain'));
      const focusedColumn = focused.column.getColId() as EditableField;
      const startColumn = Math.max(0, EDITABLE_COLUMNS.indexOf(focusedColumn));
      const inputs: CellInput[] = [];
      let skipped = 0;
      table.forEach((cells, r) => {
        const node = api.getDisplayedRowAtIndex(focused.rowIndex + r);
        const data = node?.data;
        cells.forEach((raw, c) => {
          const field = EDITABLE_COLUMNS[startColumn + c];
          if (!data || data.kind === 'totals' || !data.editable || !field) {
            skipped += 1;
            return;
          }
          inputs.push({ rowId: data.id, field, raw: raw.trim() === '' ? null : raw });
        });
      });
      void editCells(inputs, locale).then((report) => onPasteReport({ ...report, skipped: report.skipped + skipped }));
    },
    [editCells, locale, onPasteReport],
  );

  const onGridReady = useCallback((event: GridReadyEvent<GridRow>) => {
    setGridApi(event.api as never);
  }, []);

  useEffect(() => () => setGridApi(null), []);

  const totals = pinnedBottom[0] as TotalsRowData;
  const incomplete = totals.demandMissing + totals.targetMissing > 0;

  return (
    <div className="entry-grid-wrapper" onKeyDownCapture={onKeyDown} onPaste={onPaste} data-testid="entry-grid">
      <div className="entry-grid">
      <AgGridReact<GridRow>
        ref={gridRef}
        theme={theme}
        rowData={rows}
        pinnedBottomRowData={pinnedBottom}
        columnDefs={columnDefs}
        getRowId={(p) => p.data.id}
        getRowHeight={(p) => (p.data && p.data.kind !== 'totals' && p.data.objectiveSpan === 1 && p.data.objectiveName.length > 18 ? 58 : undefined)}
        readOnlyEdit
        onCellEditRequest={onCellEditRequest}
        onCellKeyDown={onCellKeyDown}
        onGridReady={onGridReady}
        enterNavigatesVertically
        enterNavigatesVerticallyAfterEdit
        stopEditingWhenCellsLoseFocus
        singleClickEdit={false}
        tooltipShowDelay={300}
        suppressMovableColumns
        rowClassRules={{
          'objective-start': (p) => p.data?.kind !== 'totals' && (p.data?.objectiveSpan ?? 0) > 0,
          'state-row': (p) => p.data?.kind === 'state',
          'outcome-total-row': (p) => p.data?.kind === 'outcome-total',
        }}
        enableRtl={i18n.dir() === 'rtl'}
        domLayout="normal"
      />
      </div>
      {incomplete ? (
        <p className="totals-note" data-testid="totals-note">
          {t('grid.totalsIncomplete', { demand: totals.demandMissing, target: totals.targetMissing })}
        </p>
      ) : null}
    </div>
  );
}
