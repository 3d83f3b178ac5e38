import type { BundlePreview, CellChange, PreviewCell } from '../../../shared/exchange/preview.js';
import type { Entry } from '../../../shared/domain/types.js';
import { cycleOf, requireRole, type PlannerContext } from '../context.js';
import { ImportRepository } from '../db/import-repo.js';
import { decodeArmor } from './armor.js';
import { examineBundle } from './bundle-import.js';
import { BUNDLE_HEADERS, BUNDLE_LABEL, MAX_BUNDLE_FILE_BYTES, MAX_PAYLOAD_BYTES } from './formats.js';

const FIELDS = ['demand', 'target', 'justification'] as const;

function keyOf(entry: Pick<Entry, 'outcome' | 'country'>): string {
  return `${entry.outcome}:${entry.country ?? ''}`;
}

/** Compares an incoming plan with the held one, cell by cell, in outcome order. */
export function diffEntries(before: readonly Entry[], after: readonly Entry[]): PreviewCell[] {
  const held = new Map(before.map((e) => [keyOf(e), e]));
  const incoming = new Map(after.map((e) => [keyOf(e), e]));
  const keys = [...new Set([...held.keys(), ...incoming.keys()])].sort();
  const cells: PreviewCell[] = [];
  for (const key of keys) {
    const old = held.get(key);
    const next = incoming.get(key);
    const where = (next ?? old) as Entry;
    for (const field of FIELDS) {
      const beforeValue = old ? old[field] : null;
      const afterValue = next ? next[field] : null;
      // A justification empty on both sides is no cell worth showing.
      if (field === 'justification' && (beforeValue ?? '') === '' && (afterValue ?? '') === '') continue;
      let change: CellChange;
      if (!old) change = 'new';
      else if (!next) change = 'removed';
      else change = beforeValue === afterValue ? 'unchanged' : 'changed';
      cells.push({ outcome: where.outcome, country: where.country, field, change, before: beforeValue === '' ? null : beforeValue, after: afterValue === '' ? null : afterValue });
    }
  }
  return cells;
}

/**
 * Examines a bundle and compares it with the office's accepted plan, writing nothing. The
 * verdict is the one an import would give at this moment.
 */
export function previewBundle(context: PlannerContext, fileName: string, bytes: Buffer | null, size: number): BundlePreview {
  requireRole(context, 'hq', 'bundle preview');
  const counts: Record<CellChange, number> = { new: 0, changed: 0, unchanged: 0, removed: 0 };
  const empty = {
    fileName,
    size,
    officeId: null,
    officeName: null,
    region: null,
    revision: null,
    signedAt: null,
    signerFingerprint: null,
    currentRevision: null,
    cells: [],
    counts,
  };
  if (bytes === null || size > MAX_BUNDLE_FILE_BYTES) {
    return { ...empty, verdict: 'too-large', reason: `the file has ${size} bytes, more than the limit of ${MAX_BUNDLE_FILE_BYTES} for a bundle, so it was not read.` };
  }

  const examination = examineBundle(context, cycleOf(context), bytes);
  const decoded = decodeArmor(bytes, { label: BUNDLE_LABEL, headers: BUNDLE_HEADERS, maxPayloadBytes: MAX_PAYLOAD_BYTES });
  const signer = decoded.ok ? (decoded.message.headers.Key ?? null) : null;
  const imports = new ImportRepository(context.db);
  const officeId = examination.officeId;
  const current = officeId ? imports.contribution(officeId) : null;
  const payload = examination.payload;
  const held = current ? imports.entries(current.officeId) : [];
  const cells = payload ? diffEntries(held, payload.entries) : [];
  for (const cell of cells) counts[cell.change] += 1;

  return {
    ...empty,
    verdict: examination.verdict,
    reason: examination.reason,
    officeId,
    officeName: payload?.officeName ?? null,
    region: payload?.region ?? null,
    revision: examination.revision,
    signedAt: examination.signedAt,
    signerFingerprint: signer,
    currentRevision: current?.revision ?? null,
    cells,
    counts,
  };
}
