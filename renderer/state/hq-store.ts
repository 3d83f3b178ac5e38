import { create } from 'zustand';
import type { Completeness, Justification } from '../../shared/api/views.js';
import type { ConsolidatedTable } from '../../shared/domain/consolidate.js';
import { reconcile, type Mismatch } from '../../shared/domain/reconcile.js';
import { flattenTable, type FlatTable } from '../../shared/domain/table-format.js';
import type { Cycle } from '../../shared/domain/types.js';
import { api } from '../api/client.js';

interface HqState {
  cycle: Cycle | null;
  table: ConsolidatedTable | null;
  justifications: Justification[];
  completeness: Completeness | null;
  /** The published table loaded for reconciliation, with the file it came from. */
  published: { fileName: string; table: FlatTable } | null;
  mismatches: Mismatch[];
  error: string | null;
  /** Bumped after every import or trust change, so views refetch what depends on them. */
  version: number;
  refresh(): Promise<void>;
  setPublished(published: { fileName: string; table: FlatTable } | null): void;
}

function mismatchesOf(published: HqState['published'], table: ConsolidatedTable | null): Mismatch[] {
  if (!published) return [];
  return reconcile(published.table, table ? flattenTable(table) : undefined);
}

/**
 * Headquarters' data for every view: the cycle, the consolidated table with its justifications,
 * completeness, and the reconciliation against a published table. `refresh` reloads after any
 * change; reconciliation is recomputed from the shared pure function, never on its own terms.
 */
export const useHqStore = create<HqState>((set, get) => ({
  cycle: null,
  table: null,
  justifications: [],
  completeness: null,
  published: null,
  mismatches: [],
  error: null,
  version: 0,

  async refresh() {
    try {
      const [cycle, table, justifications, completeness] = await Promise.all([
        api['cycle.get']({}),
        api['table.get']({}),
        api['table.justifications']({}),
        api['hq.completeness']({}),
      ]);
      set((state) => ({
        cycle,
        table,
        justifications,
        completeness,
        mismatches: mismatchesOf(state.published, table),
        error: null,
        version: state.version + 1,
      }));
    } catch (error) {
      set({ error: (error as Error).message });
    }
  },

  setPublished(published) {
    set({ published, mismatches: mismatchesOf(published, get().table) });
  },
}));
