import crypto from 'node:crypto';
import { PlannerError } from '../../../shared/api/errors.js';
import type { BundlePreview } from '../../../shared/exchange/preview.js';

/** A file the user is looking at before import, kept in memory until committed or discarded. */
export interface PendingFile {
  fileName: string;
  size: number;
  /** Null for a file too large to read. */
  bytes: Buffer | null;
  /** Inbox path of the file, when it was picked up from the inbox folder. */
  inboxPath: string | null;
  /** The preview shown for it, kept so a reloaded window can be offered it again. */
  preview: BundlePreview | null;
}

/**
 * Bytes of previewed bundles between the preview and the user's decision. Bounded, because a
 * window can be left open with many files dropped on it: the oldest preview goes first.
 */
export class PreviewStore {
  private readonly pending = new Map<string, PendingFile>();
  private totalBytes = 0;

  constructor(
    private readonly maxFiles = 500,
    private readonly maxBytes = 256 * 1024 * 1024,
  ) {}

  add(file: PendingFile): string {
    const id = crypto.randomUUID();
    this.pending.set(id, file);
    this.totalBytes += file.bytes?.length ?? 0;
    while (this.pending.size > this.maxFiles || this.totalBytes > this.maxBytes) {
      const oldest = this.pending.keys().next().value as string;
      this.take(oldest);
    }
    return id;
  }

  /** Removes and returns a pending file; an unknown id is an error the user can act on. */
  take(id: string): PendingFile {
    const file = this.pending.get(id);
    if (!file) throw new PlannerError('not-found', 'This preview is no longer available; add the file again.');
    this.pending.delete(id);
    this.totalBytes -= file.bytes?.length ?? 0;
    return file;
  }

  has(predicate: (file: PendingFile) => boolean): boolean {
    return [...this.pending.values()].some(predicate);
  }

  /** Pending files that match, with their ids, oldest first. */
  list(predicate: (file: PendingFile) => boolean): { id: string; file: PendingFile }[] {
    return [...this.pending.entries()].filter(([, file]) => predicate(file)).map(([id, file]) => ({ id, file }));
  }
}
