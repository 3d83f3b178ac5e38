/** Headquarters' decision about one bundle file. Only `accepted` changes the consolidated table. */
export type VerdictKind =
  | 'accepted'
  | 'already-imported'
  | 'stale'
  | 'conflict'
  | 'unknown-key'
  | 'revoked-key'
  | 'bad-signature'
  | 'mismatch'
  | 'malformed'
  | 'too-large'
  /** The file named on the command line does not exist or cannot be opened; nothing is recorded. */
  | 'unreadable'
  /** Looked at in the preview and not imported by the user's choice; never a CLI verdict. */
  | 'discarded';

export const VERDICT_LABELS: Record<VerdictKind, string> = {
  accepted: 'accepted',
  'already-imported': 'already imported',
  stale: 'stale',
  conflict: 'conflict',
  'unknown-key': 'unknown key',
  'revoked-key': 'revoked key',
  'bad-signature': 'bad signature',
  mismatch: 'mismatch',
  malformed: 'malformed',
  'too-large': 'too large',
  unreadable: 'unreadable',
  discarded: 'discarded',
};

export interface ImportVerdict {
  fileName: string;
  verdict: VerdictKind;
  /** Plain-language reason, including what to do for a rejection. */
  reason: string;
  officeId: string | null;
  revision: number | null;
}

export function isRejection(verdict: VerdictKind): boolean {
  return verdict !== 'accepted' && verdict !== 'already-imported' && verdict !== 'discarded';
}

/** Formats one line per file, as the CLI prints it: `accepted`, `already imported` or `rejected: REASON`. */
export function formatVerdict(result: ImportVerdict): string {
  const who = result.officeId !== null && result.revision !== null ? ` (office ${result.officeId}, revision ${result.revision})` : '';
  if (result.verdict === 'accepted') return `${result.fileName}: accepted${who}`;
  if (result.verdict === 'already-imported') return `${result.fileName}: already imported${who}`;
  if (result.verdict === 'discarded') return `${result.fileName}: discarded${who}`;
  return `${result.fileName}: rejected: ${VERDICT_LABELS[result.verdict]}: ${result.reason}`;
}
