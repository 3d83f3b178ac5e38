import type { GridApi } from 'ag-grid-community';
import { usePlanStore } from '../state/plan-store.js';
import type { PlanRow } from './plan-rows.js';

/** The entry grid's API while it is mounted, for actions outside the grid (checks, export, quit). */
let gridApi: GridApi<PlanRow> | null = null;

export function setGridApi(api: GridApi<PlanRow> | null): void {
  gridApi = api;
}

/** Commits a cell being edited and waits until every edit is saved. */
export async function commitPendingEdits(): Promise<void> {
  gridApi?.stopEditing(false);
  // The edit request is dispatched synchronously by stopEditing; its save then runs in the store.
  await Promise.resolve();
  await usePlanStore.getState().whenIdle();
}

/** Scrolls to a cell and gives it keyboard focus. */
export function focusCell(rowId: string, colId: string): void {
  if (!gridApi) return;
  const node = gridApi.getRowNode(rowId);
  if (!node || node.rowIndex === null) return;
  gridApi.ensureNodeVisible(node, 'middle');
  gridApi.ensureColumnVisible(colId);
  gridApi.setFocusedCell(node.rowIndex, colId);
}
