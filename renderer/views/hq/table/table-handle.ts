import type { GridApi } from 'ag-grid-community';
import { TOTAL_ROW_ID } from '../../../../shared/domain/consolidate.js';
import type { Table1Row } from './table1-rows.js';

/**
 * The Table 1 grid's API while it is mounted, so other tabs can point at a cell. A request made
 * while the grid is not mounted (the usual case, because showing the table mounts it) waits here
 * until the grid has rendered its rows.
 */
let gridApi: GridApi<Table1Row> | null = null;
let pendingCell: { rowId: string; colId: string } | null = null;

export function setTable1Api(api: GridApi<Table1Row> | null): void {
  gridApi = api;
}

/**
 * Scrolls to a cell of Table 1, focuses it and flashes it. When the grid is not shown yet, this
 * happens once it has rendered its rows.
 */
export function showTable1Cell(rowId: string, colId: string): void {
  pendingCell = { rowId, colId };
  applyPendingCell();
}

/** Runs a waiting request. The grid calls it once its rows are rendered. */
export function applyPendingCell(): void {
  if (!gridApi || !pendingCell || gridApi.isDestroyed()) return;
  const { rowId, colId } = pendingCell;
  pendingCell = null;

  gridApi.ensureColumnVisible(colId);
  if (rowId === TOTAL_ROW_ID) {
    const pinned = gridApi.getPinnedBottomRow(0);
    if (!pinned) return;
    gridApi.setFocusedCell(0, colId, 'bottom');
    gridApi.flashCells({ rowNodes: [pinned], columns: [colId] });
    return;
  }

  const node = gridApi.getRowNode(rowId);
  if (!node || node.rowIndex === null) return;
  gridApi.ensureNodeVisible(node, 'middle');
  gridApi.setFocusedCell(node.rowIndex, colId);
  gridApi.flashCells({ rowNodes: [node], columns: [colId] });
}
