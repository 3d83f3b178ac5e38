import type { TrustEventView } from '../../../shared/api/contract.js';
import type { Db } from './database.js';

export interface TrustedOffice {
  id: string;
  name: string;
  region: string;
  addedAt: string;
  revokedAt: string | null;
  /** The office's current key; null only if the database was edited by hand. */
  fingerprint: string | null;
  publicKey: Buffer | null;
}

interface OfficeRow {
  id: string;
  name: string;
  region: string;
  added_at: string;
  revoked_at: string | null;
  fingerprint: string | null;
  public_key: Buffer | null;
}

const SELECT_OFFICE = `
  SELECT o.id, o.name, o.region, o.added_at, o.revoked_at, k.fingerprint, k.public_key
    FROM office o LEFT JOIN office_key k ON k.office_id = o.id AND k.retired_at IS NULL`;

function toOffice(row: OfficeRow): TrustedOffice {
  return {
    id: row.id,
    name: row.name,
    region: row.region,
    addedAt: row.added_at,
    revokedAt: row.revoked_at,
    fingerprint: row.fingerprint,
    publicKey: row.public_key,
  };
}

/** One change to the trust store, in the shape the API returns it. */
export type TrustEvent = TrustEventView;

/** Headquarters' trust store: offices and the key each one signs with. */
export class TrustRepository {
  private readonly findStatement;
  private readonly listStatement;
  private readonly findByFingerprintStatement;
  private readonly insertOfficeStatement;
  private readonly insertKeyStatement;
  private readonly revokeStatement;
  private readonly retireStatement;
  private readonly renameStatement;
  private readonly eventStatement;
  private readonly eventsStatement;

  constructor(db: Db) {
    this.findStatement = db.prepare<[string], OfficeRow>(`${SELECT_OFFICE} WHERE o.id = ?`);
    this.listStatement = db.prepare<[], OfficeRow>(`${SELECT_OFFICE} ORDER BY o.region, o.id`);
    this.findByFingerprintStatement = db.prepare<[string], { office_id: string }>('SELECT office_id FROM office_key WHERE fingerprint = ?');
    this.insertOfficeStatement = db.prepare('INSERT INTO office (id, name, region, added_at) VALUES (?, ?, ?, ?)');
    this.insertKeyStatement = db.prepare('INSERT INTO office_key (office_id, fingerprint, public_key, added_at) VALUES (?, ?, ?, ?)');
    this.revokeStatement = db.prepare('UPDATE office SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
    this.retireStatement = db.prepare('UPDATE office_key SET retired_at = ? WHERE office_id = ? AND retired_at IS NULL');
    this.renameStatement = db.prepare('UPDATE office SET name = ? WHERE id = ?');
    this.eventStatement = db.prepare(
      'INSERT INTO trust_event (at, actor, office_id, action, old_fingerprint, new_fingerprint) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.eventsStatement = db.prepare<
      [],
      { id: number; at: string; actor: string; office_id: string; action: string; old_fingerprint: string | null; new_fingerprint: string | null }
    >('SELECT id, at, actor, office_id, action, old_fingerprint, new_fingerprint FROM trust_event ORDER BY id');
  }

  find(id: string): TrustedOffice | null {
    const row = this.findStatement.get(id);
    return row ? toOffice(row) : null;
  }

  list(): TrustedOffice[] {
    return this.listStatement.all().map(toOffice);
  }

  /** Returns the office that registered a key, current or retired. */
  officeOfKey(fingerprint: string): string | null {
    return this.findByFingerprintStatement.get(fingerprint)?.office_id ?? null;
  }

  /** Adds an office with its first key. Must run inside the caller's transaction. */
  add(office: { id: string; name: string; region: string }, key: { fingerprint: string; publicKey: Buffer }, at: string): void {
    this.insertOfficeStatement.run(office.id, office.name, office.region, at);
    this.insertKeyStatement.run(office.id, key.fingerprint, key.publicKey, at);
  }

  revoke(id: string, at: string): boolean {
    return this.revokeStatement.run(at, id).changes === 1;
  }

  /** Retires the office's current key and makes `key` its only active one. Must run inside a transaction. */
  replaceKey(officeId: string, key: { fingerprint: string; publicKey: Buffer }, at: string, name: string): void {
    this.retireStatement.run(at, officeId);
    this.renameStatement.run(name, officeId);
    this.insertKeyStatement.run(officeId, key.fingerprint, key.publicKey, at);
  }

  recordEvent(event: Omit<TrustEvent, 'id'>): void {
    this.eventStatement.run(event.at, event.actor, event.officeId, event.action, event.oldFingerprint, event.newFingerprint);
  }

  events(): TrustEvent[] {
    return this.eventsStatement.all().map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      officeId: r.office_id,
      action: r.action as TrustEvent['action'],
      oldFingerprint: r.old_fingerprint,
      newFingerprint: r.new_fingerprint,
    }));
  }
}
