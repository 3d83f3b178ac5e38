import type { Db } from './database.js';

export interface ExportRecord {
  revision: number;
  exportedAt: string;
  payloadSha256: string;
  fileSha256: string;
  fileName: string;
  /** Digest of the entries the bundle carries; null for exports older than schema version 2. */
  entriesSha256: string | null;
}

/** The office's history of exported bundle revisions. */
export class ExportRepository {
  private readonly maxStatement;
  private readonly insertStatement;
  private readonly deleteStatement;
  private readonly listStatement;

  constructor(db: Db) {
    this.maxStatement = db.prepare<[], { max: number | null }>('SELECT max(revision) AS max FROM export');
    this.insertStatement = db.prepare(
      'INSERT INTO export (revision, exported_at, payload_sha256, file_sha256, file_name, entries_sha256) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.deleteStatement = db.prepare('DELETE FROM export WHERE revision = ?');
    this.listStatement = db.prepare<
      [],
      { revision: number; exported_at: string; payload_sha256: string; file_sha256: string; file_name: string; entries_sha256: string | null }
    >(
      'SELECT revision, exported_at, payload_sha256, file_sha256, file_name, entries_sha256 FROM export ORDER BY revision',
    );
  }

  nextRevision(): number {
    return (this.maxStatement.get()?.max ?? 0) + 1;
  }

  insert(record: ExportRecord): void {
    this.insertStatement.run(record.revision, record.exportedAt, record.payloadSha256, record.fileSha256, record.fileName, record.entriesSha256);
  }

  remove(revision: number): void {
    this.deleteStatement.run(revision);
  }

  list(): ExportRecord[] {
    return this.listStatement.all().map((r) => ({
      revision: r.revision,
      exportedAt: r.exported_at,
      payloadSha256: r.payload_sha256,
      fileSha256: r.file_sha256,
      fileName: r.file_name,
      entriesSha256: r.entries_sha256,
    }));
  }
}
