import type { Entry } from '../../../shared/domain/types.js';
import type { Db } from './database.js';

export interface ReceivedFile {
  fileName: string;
  receivedAt: string;
  size: number;
  fileSha256: string | null;
  payloadSha256: string | null;
  /** Fingerprint of the key the file was signed with, once the signature has been checked. */
  keyFingerprint: string | null;
  /** The file's bytes as received; null when the file was too large to keep. */
  raw: Buffer | null;
  officeId: string | null;
  revision: number | null;
  signedAt: string | null;
  verdict: string;
  reason: string;
  flagged: boolean;
}

export interface ReceivedFileRecord extends Omit<ReceivedFile, 'raw'> {
  id: number;
}

export interface ContributionRecord {
  officeId: string;
  revision: number;
  /** The key that signed the accepted bundle; null only in databases older than version 2. */
  keyFingerprint: string | null;
  receivedFileId: number;
  payloadSha256: string;
  signedAt: string;
  importedAt: string;
}

interface ContributionRow {
  office_id: string;
  revision: number;
  key_fingerprint: string | null;
  received_file_id: number;
  payload_sha256: string;
  signed_at: string;
  imported_at: string;
}

function toContribution(row: ContributionRow): ContributionRecord {
  return {
    officeId: row.office_id,
    revision: row.revision,
    keyFingerprint: row.key_fingerprint,
    receivedFileId: row.received_file_id,
    payloadSha256: row.payload_sha256,
    signedAt: row.signed_at,
    importedAt: row.imported_at,
  };
}

/** Headquarters' import history and each office's accepted contribution. */
export class ImportRepository {
  private readonly insertFileStatement;
  private readonly contributionStatement;
  private readonly acceptedStatement;
  private readonly upsertContributionStatement;
  private readonly deleteEntriesStatement;
  private readonly insertEntryStatement;
  private readonly entriesStatement;
  private readonly allContributionsStatement;
  private readonly historyStatement;

  constructor(db: Db) {
    this.insertFileStatement = db.prepare(
      `INSERT INTO received_file (file_name, received_at, size, file_sha256, payload_sha256, key_fingerprint, raw, office_id, revision, signed_at, verdict, reason, flagged)
       VALUES (@fileName, @receivedAt, @size, @fileSha256, @payloadSha256, @keyFingerprint, @raw, @officeId, @revision, @signedAt, @verdict, @reason, @flagged)`,
    );
    this.contributionStatement = db.prepare<[string], ContributionRow>(
      'SELECT office_id, revision, key_fingerprint, received_file_id, payload_sha256, signed_at, imported_at FROM contribution WHERE office_id = ?',
    );
    this.acceptedStatement = db.prepare<[string, number, string], { payload_sha256: string }>(
      `SELECT payload_sha256 FROM received_file
        WHERE office_id = ? AND revision = ? AND key_fingerprint = ? AND verdict = 'accepted' ORDER BY id LIMIT 1`,
    );
    this.upsertContributionStatement = db.prepare(
      `INSERT INTO contribution (office_id, revision, key_fingerprint, received_file_id, payload_sha256, signed_at, imported_at)
       VALUES (@officeId, @revision, @keyFingerprint, @receivedFileId, @payloadSha256, @signedAt, @importedAt)
       ON CONFLICT (office_id) DO UPDATE SET revision = excluded.revision, key_fingerprint = excluded.key_fingerprint,
         received_file_id = excluded.received_file_id,
         payload_sha256 = excluded.payload_sha256, signed_at = excluded.signed_at, imported_at = excluded.imported_at`,
    );
    this.deleteEntriesStatement = db.prepare('DELETE FROM contribution_entry WHERE office_id = ?');
    this.insertEntryStatement = db.prepare(
      'INSERT INTO contribution_entry (office_id, outcome_code, country, demand, target, justification) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.entriesStatement = db.prepare<[string], { outcome_code: string; country: string; demand: number | null; target: number | null; justification: string }>(
      `SELECT c.outcome_code, c.country, c.demand, c.target, c.justification
         FROM contribution_entry c JOIN outcome o ON o.code = c.outcome_code
        WHERE c.office_id = ? ORDER BY o.position, c.country`,
    );
    this.allContributionsStatement = db.prepare<[], ContributionRow>(
      'SELECT office_id, revision, key_fingerprint, received_file_id, payload_sha256, signed_at, imported_at FROM contribution ORDER BY office_id',
    );
    this.historyStatement = db.prepare<[], Record<string, unknown>>(
      `SELECT id, file_name, received_at, size, file_sha256, payload_sha256, key_fingerprint, office_id, revision, signed_at, verdict, reason, flagged
         FROM received_file ORDER BY id`,
    );
  }

  recordFile(file: ReceivedFile): number {
    const result = this.insertFileStatement.run({ ...file, flagged: file.flagged ? 1 : 0 });
    return Number(result.lastInsertRowid);
  }

  contribution(officeId: string): ContributionRecord | null {
    const row = this.contributionStatement.get(officeId);
    return row ? toContribution(row) : null;
  }

  contributions(): ContributionRecord[] {
    return this.allContributionsStatement.all().map(toContribution);
  }

  /** Payload hash of the accepted file of that office, revision and signing key, if one was accepted. */
  acceptedPayloadHash(officeId: string, revision: number, keyFingerprint: string): string | null {
    return this.acceptedStatement.get(officeId, revision, keyFingerprint)?.payload_sha256 ?? null;
  }

  /** Replaces an office's contribution with a new one. Must run inside the caller's transaction. */
  replaceContribution(record: ContributionRecord, entries: readonly Entry[]): void {
    this.upsertContributionStatement.run(record);
    this.deleteEntriesStatement.run(record.officeId);
    for (const e of entries) {
      this.insertEntryStatement.run(record.officeId, e.outcome, e.country ?? '', e.demand, e.target, e.justification);
    }
  }

  entries(officeId: string): Entry[] {
    return this.entriesStatement.all(officeId).map((r) => ({
      outcome: r.outcome_code,
      country: r.country === '' ? null : r.country,
      demand: r.demand,
      target: r.target,
      justification: r.justification,
    }));
  }

  history(): ReceivedFileRecord[] {
    return this.historyStatement.all().map((r) => ({
      id: r.id as number,
      fileName: r.file_name as string,
      receivedAt: r.received_at as string,
      size: r.size as number,
      fileSha256: r.file_sha256 as string | null,
      payloadSha256: r.payload_sha256 as string | null,
      keyFingerprint: r.key_fingerprint as string | null,
      officeId: r.office_id as string | null,
      revision: r.revision as number | null,
      signedAt: r.signed_at as string | null,
      verdict: r.verdict as string,
      reason: r.reason as string,
      flagged: r.flagged === 1,
    }));
  }
}
