import { create } from 'zustand';
import type { PreviewHandle } from '../../../../shared/api/contract.js';
import type { BundlePreview } from '../../../../shared/exchange/preview.js';
import type { ImportVerdict } from '../../../../shared/exchange/verdicts.js';
import { api } from '../../../api/client.js';
import { useHqStore } from '../../../state/hq-store.js';
import { errorMessage } from '../trust/formatting.js';
import { previewInput } from './read-file.js';

export type PreviewSource = 'file' | 'inbox';

/** One previewed file and, once decided, what the service recorded for it. */
export interface PreviewCard {
  previewId: string;
  preview: BundlePreview;
  source: PreviewSource;
  deciding: boolean;
  result: ImportVerdict | null;
  error: string | null;
}

export interface PreviewFailure {
  fileName: string;
  message: string;
}

interface ImportState {
  cards: PreviewCard[];
  /** Files read so far out of those chosen or dropped; null when none is being read. */
  progress: { done: number; total: number } | null;
  /** Files that could not be previewed at all, such as a name the API rejects. */
  failures: PreviewFailure[];
  acceptingAll: boolean;
  addFiles(files: readonly File[]): Promise<void>;
  addPreviews(handles: readonly PreviewHandle[], source: PreviewSource): void;
  decide(previewId: string, decision: 'commit' | 'discard'): Promise<void>;
  acceptAll(): Promise<void>;
  clearDecided(): void;
}

// Batches of files run one after another, so a drop during a long read joins the same progress bar.
let readQueue: Promise<void> = Promise.resolve();

/**
 * The Import tab's previews. They live outside the component so that leaving the tab keeps
 * them, because the host keeps each preview until it is decided and the inbox scan never
 * returns a file that is already waiting.
 */
export const useImportStore = create<ImportState>((set, get) => {
  const updateCard = (previewId: string, change: Partial<PreviewCard>) =>
    set((state) => ({ cards: state.cards.map((card) => (card.previewId === previewId ? { ...card, ...change } : card)) }));

  const previewOne = async (file: File) => {
    try {
      const handle = await api['bundle.preview'](await previewInput(file));
      get().addPreviews([handle], 'file');
    } catch (error) {
      set((state) => ({ failures: [...state.failures, { fileName: file.name, message: errorMessage(error) }] }));
    }
    set((state) => ({ progress: state.progress ? { ...state.progress, done: state.progress.done + 1 } : null }));
  };

  return {
    cards: [],
    progress: null,
    failures: [],
    acceptingAll: false,

    addFiles(files) {
      const batch = [...files];
      if (batch.length === 0) return readQueue;
      set((state) => ({
        progress: { done: state.progress?.done ?? 0, total: (state.progress?.total ?? 0) + batch.length },
        failures: state.progress ? state.failures : [],
      }));
      const run = readQueue.then(async () => {
        for (const file of batch) await previewOne(file);
      });
      readQueue = run;
      return run.then(() => {
        if (readQueue === run) set({ progress: null });
      });
    },

    addPreviews(handles, source) {
      if (handles.length === 0) return;
      const known = new Set(get().cards.map((card) => card.previewId));
      const added = handles.filter((h) => !known.has(h.previewId)).map((h) => ({ previewId: h.previewId, preview: h.preview, source, deciding: false, result: null, error: null }));
      set((state) => ({ cards: [...state.cards, ...added] }));
    },

    async decide(previewId, decision) {
      const card = get().cards.find((c) => c.previewId === previewId);
      if (!card || card.deciding || card.result) return;
      updateCard(previewId, { deciding: true, error: null });
      try {
        const result = decision === 'commit' ? await api['bundle.commit']({ previewId }) : await api['bundle.discard']({ previewId });
        updateCard(previewId, { deciding: false, result });
      } catch (error) {
        updateCard(previewId, { deciding: false, error: errorMessage(error) });
      }
      await useHqStore.getState().refresh();
    },

    async acceptAll() {
      if (get().acceptingAll) return;
      set({ acceptingAll: true });
      try {
        // In list order, which is the order the files were added: each commit is examined
        // against the state the previous ones left.
        const acceptable = get().cards.filter((card) => card.result === null && card.preview.verdict === 'accepted');
        for (const card of acceptable) await get().decide(card.previewId, 'commit');
      } finally {
        set({ acceptingAll: false });
      }
    },

    clearDecided() {
      set((state) => ({ cards: state.cards.filter((card) => card.result === null) }));
    },
  };
});
