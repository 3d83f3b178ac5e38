import type { Role } from '../../../shared/domain/types.js';
import { PlannerError } from '../../../shared/api/errors.js';
import type { Db } from './database.js';

export interface OfficeIdentity {
  id: string;
  name: string;
  region: string;
}

export interface Profile {
  role: Role;
  cycle: string;
  /** Set for office databases only. */
  office: OfficeIdentity | null;
  /** Office databases: fingerprint of the office's public key. */
  keyFingerprint: string | null;
  /** Office databases: the office's raw 32-byte Ed25519 public key, base64. */
  publicKey: string | null;
}

/** Key-value settings of the installation: role, cycle, office identity. */
export class MetaRepository {
  private readonly getStatement;
  private readonly setStatement;

  constructor(private readonly db: Db) {
    this.getStatement = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
    this.setStatement = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  }

  get(key: string): string | null {
    return this.getStatement.get(key)?.value ?? null;
  }

  set(key: string, value: string): void {
    this.setStatement.run(key, value);
  }

  readProfile(): Profile {
    const role = this.get('role');
    const cycle = this.get('cycle');
    if ((role !== 'office' && role !== 'hq') || cycle === null) {
      throw new PlannerError('storage', 'This database was never set up (no role or cycle recorded); create a new one with `init`.');
    }
    const officeId = this.get('office_id');
    return {
      role,
      cycle,
      office: role === 'office' && officeId !== null ? { id: officeId, name: this.get('office_name') ?? '', region: this.get('office_region') ?? '' } : null,
      keyFingerprint: this.get('key_fingerprint'),
      publicKey: this.get('public_key'),
    };
  }
}
