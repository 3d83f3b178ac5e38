import type { VerdictKind } from './verdicts.js';

/** Comparison of one cell of an incoming bundle with what headquarters has for that office. */
export type CellChange = 'new' | 'changed' | 'unchanged' | 'removed';

export interface PreviewCell {
  outcome: string;
  country: string | null;
  field: 'demand' | 'target' | 'justification';
  change: CellChange;
  /** Held now; null when not entered or absent. */
  before: number | string | null;
  /** In the bundle; null when not entered or absent. */
  after: number | string | null;
}

/** Effect of importing a bundle, shown before anything is committed. */
export interface BundlePreview {
  fileName: string;
  size: number;
  /** The verdict the import would give now; it is checked again on commit. */
  verdict: VerdictKind;
  reason: string;
  officeId: string | null;
  officeName: string | null;
  region: string | null;
  revision: number | null;
  signedAt: string | null;
  /** Fingerprint of the key named in the bundle's Key header. */
  signerFingerprint: string | null;
  /** The revision headquarters has accepted for that office so far; null when none. */
  currentRevision: number | null;
  cells: PreviewCell[];
  counts: Record<CellChange, number>;
}
