import { create } from 'zustand';
import { isPlannerError } from '../../shared/api/errors.js';
import { parseWholeNumber, type WholeNumberLocale } from '../../shared/numbers.js';
import type { Amount, Cycle, Entry } from '../../shared/domain/types.js';
import { api } from '../api/client.js';
import { parseRowId } from '../grid/plan-rows.js';

export type EditableField = 'demand' | 'target' | 'justification';
type FieldValue = Amount | string;

/** State of one cell's last edit, as the grid shows it. */
export type CellStatus =
  | { state: 'saving' }
  | { state: 'saved' }
  | { state: 'invalid'; message: string }
  | { state: 'failed'; message: string };

interface EditRecord {
  outcome: string;
  country: string | null;
  field: EditableField;
  before: FieldValue;
  after: FieldValue;
}

/** One undo step: a single cell edit, or every cell of one paste. */
interface UndoStep {
  edits: EditRecord[];
}

export interface CellInput {
  rowId: string;
  field: EditableField;
  /** Text as typed or pasted; null clears the cell to "not entered". */
  raw: string | null;
}

export interface PasteReport {
  written: number;
  rejected: { rowId: string; field: EditableField; input: string; message: string }[];
  /** Pasted cells that fell outside the grid's rows or editable columns. */
  skipped: number;
}

interface PlanState {
  cycle: Cycle | null;
  entries: Entry[];
  loaded: boolean;
  cellStatus: Record<string, CellStatus>;
  undoStack: UndoStep[];
  redoStack: UndoStep[];
  /** Bumped on every change of entries, so views can refresh derived data. */
  version: number;
  load(): Promise<void>;
  /** Resolves when every save started so far has finished. */
  whenIdle(): Promise<void>;
  editCells(inputs: readonly CellInput[], locale: WholeNumberLocale): Promise<PasteReport>;
  undo(): Promise<boolean>;
  redo(): Promise<boolean>;
}

export function cellKey(rowId: string, field: EditableField): string {
  return `${rowId}|${field}`;
}

function entryKey(outcome: string, country: string | null): string {
  return `${outcome}:${country ?? ''}`;
}

function currentValue(entries: readonly Entry[], outcome: string, country: string | null, field: EditableField): FieldValue {
  const entry = entries.find((e) => e.outcome === outcome && e.country === country);
  if (!entry) return field === 'justification' ? '' : null;
  return entry[field];
}

function withValue(entries: readonly Entry[], edit: { outcome: string; country: string | null; field: EditableField; value: FieldValue }): Entry[] {
  const index = entries.findIndex((e) => e.outcome === edit.outcome && e.country === edit.country);
  const base: Entry = index >= 0 ? (entries[index] as Entry) : { outcome: edit.outcome, country: edit.country, demand: null, target: null, justification: '' };
  const next = { ...base, [edit.field]: edit.value } as Entry;
  if (index < 0) return [...entries, next];
  const copy = [...entries];
  copy[index] = next;
  return copy;
}

function messageOf(error: unknown): string {
  return isPlannerError(error) || error instanceof Error ? error.message : String(error);
}

/** Saves in flight, so an export or quit can wait until every edit is stored. */
const inFlight = new Set<Promise<unknown>>();
let queue: Promise<unknown> = Promise.resolve();

/** Numbers each cell's latest request, so a response to an older one is dropped. */
const latestRequest = new Map<string, number>();
let requestCounter = 0;

/**
 * The office's plan as the grid edits it. Every edit goes through here: parsed with the shared
 * number parser, shown at once, saved through the API, and rolled back visibly if saving fails.
 */
export const usePlanStore = create<PlanState>((set, get) => {
  /**
   * Applies a batch of parsed edits on screen at once and queues its save. `push` puts the batch
   * on an undo or redo stack immediately, so Ctrl+Z works before the save has finished. A
   * failed save takes the step off again and restores the old values.
   */
  function save(records: EditRecord[], push: { stack: 'undoStack' | 'redoStack'; step: UndoStep; clearRedo: boolean } | null): Promise<boolean> {
    if (records.length === 0) return Promise.resolve(true);
    const request = ++requestCounter;
    const keys = records.map((r) => cellKey(r.country === null ? r.outcome : `${r.outcome}:${r.country}`, r.field));
    for (const key of keys) latestRequest.set(key, request);

    set((state) => {
      let entries = state.entries;
      const cellStatus = { ...state.cellStatus };
      records.forEach((record, i) => {
        entries = withValue(entries, { ...record, value: record.after });
        cellStatus[keys[i] as string] = { state: 'saving' };
      });
      const stacks = push ? { [push.stack]: [...state[push.stack], push.step], ...(push.clearRedo ? { redoStack: [] } : {}) } : {};
      return { entries, cellStatus, version: state.version + 1, ...stacks };
    });

    // Saves run one after another, so the database applies edits in the order they were made.
    const promise = queue.then(() => persist(records, keys, request, push));
    queue = promise.catch(() => false);
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise));
    return promise;
  }

  async function persist(records: EditRecord[], keys: string[], request: number, push: { stack: 'undoStack' | 'redoStack'; step: UndoStep } | null): Promise<boolean> {
    try {
      const edits = records.map((r) => ({ outcome: r.outcome, country: r.country, field: r.field, value: r.after })) as Parameters<typeof api['entries.setCells']>[0]['edits'];
      const saved = await api['entries.setCells']({ edits });
      set((state) => {
        let entries = state.entries;
        const cellStatus = { ...state.cellStatus };
        for (const entry of saved) {
          const index = entries.findIndex((e) => entryKey(e.outcome, e.country) === entryKey(entry.outcome, entry.country));
          if (index >= 0) {
            entries = [...entries];
            entries[index] = entry;
          }
        }
        keys.forEach((key) => {
          if (latestRequest.get(key) === request) cellStatus[key] = { state: 'saved' };
        });
        return { entries, cellStatus, version: state.version + 1 };
      });
      return true;
    } catch (error) {
      const message = messageOf(error);
      set((state) => {
        let entries = state.entries;
        const cellStatus = { ...state.cellStatus };
        records.forEach((record, i) => {
          const key = keys[i] as string;
          if (latestRequest.get(key) !== request) return;
          entries = withValue(entries, { ...record, value: record.before });
          cellStatus[key] = { state: 'failed', message };
        });
        const stacks = push ? { [push.stack]: state[push.stack].filter((step) => step !== push.step) } : {};
        return { entries, cellStatus, version: state.version + 1, ...stacks };
      });
      return false;
    }
  }

  return {
    cycle: null,
    entries: [],
    loaded: false,
    cellStatus: {},
    undoStack: [],
    redoStack: [],
    version: 0,

    async load() {
      const [cycle, entries] = await Promise.all([api['cycle.get']({}), api['entries.list']({})]);
      set((state) => ({ cycle, entries, loaded: true, cellStatus: {}, undoStack: [], redoStack: [], version: state.version + 1 }));
    },

    async whenIdle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },

    async editCells(inputs, locale) {
      const report: PasteReport = { written: 0, rejected: [], skipped: 0 };
      const records: EditRecord[] = [];
      const invalid: Record<string, CellStatus> = {};
      const { entries } = get();

      for (const input of inputs) {
        const { outcome, country } = parseRowId(input.rowId);
        const before = currentValue(entries, outcome, country, input.field);
        let after: FieldValue;
        if (input.field === 'justification') {
          after = (input.raw ?? '').trim();
        } else {
          const parsed = parseWholeNumber(input.raw ?? '', { locale });
          if (!parsed.ok) {
            report.rejected.push({ rowId: input.rowId, field: input.field, input: input.raw ?? '', message: parsed.message });
            invalid[cellKey(input.rowId, input.field)] = { state: 'invalid', message: parsed.message };
            continue;
          }
          after = parsed.value;
        }
        if (after === before) continue;
        records.push({ outcome, country, field: input.field, before, after });
      }

      if (Object.keys(invalid).length > 0) set((state) => ({ cellStatus: { ...state.cellStatus, ...invalid } }));
      const ok = await save(records, { stack: 'undoStack', step: { edits: records }, clearRedo: true });
      if (ok) report.written = records.length;
      else report.rejected.push(...records.map((r) => ({ rowId: r.country ? `${r.outcome}:${r.country}` : r.outcome, field: r.field, input: String(r.after ?? ''), message: 'not saved' })));
      return report;
    },

    async undo() {
      const step = get().undoStack.at(-1);
      if (!step) return false;
      set((state) => ({ undoStack: state.undoStack.slice(0, -1) }));
      const reversed = step.edits.map((r) => ({ ...r, before: r.after, after: r.before }));
      // Redo steps are kept in forward form (before = old value, after = new value).
      const ok = await save(reversed, { stack: 'redoStack', step, clearRedo: false });
      if (!ok) set((state) => ({ undoStack: [...state.undoStack, step] }));
      return ok;
    },

    async redo() {
      const step = get().redoStack.at(-1);
      if (!step) return false;
      set((state) => ({ redoStack: state.redoStack.slice(0, -1) }));
      const ok = await save(step.edits, { stack: 'undoStack', step, clearRedo: false });
      if (!ok) set((state) => ({ redoStack: [...state.redoStack, step] }));
      return ok;
    },
  };
});
