import fs from 'node:fs';
import { PlannerError } from '../../shared/api/errors.js';
import type { Role } from '../../shared/domain/types.js';
import { closeDatabase, openDatabase } from './db/database.js';
import { CycleRepository } from './db/cycle-repo.js';
import { MetaRepository, type Profile } from './db/meta-repo.js';
import { fingerprintOf, generateKeyPair, type KeyStore } from './keys.js';
import type { Logger } from './logger.js';
import { loadCycleSeed } from './seeds.js';

export const OFFICE_ID_PATTERN = /^[A-Z0-9][A-Z0-9-]{1,31}$/;

export interface InitOptions {
  path: string;
  role: Role;
  cycle: string;
  office?: { id: string; name: string; region: string };
  seedsDir: string;
  logger: Logger;
  /** Office role: where the new private key goes. */
  keyStore?: KeyStore;
  now?: () => Date;
}

/**
 * Creates a database for one installation: the cycle's reference data, the role and, for an
 * office, its identity and a new key pair. Either everything is created or nothing is left.
 */
export function initDatabase(options: InitOptions): Profile {
  const { cycle, source } = loadCycleSeed(options.seedsDir, options.cycle);
  if (options.role === 'office') validateOffice(options, cycle.regions.map((r) => r.code));

  const db = openDatabase(options.path, { create: true, logger: options.logger });
  let keySaved = false;
  try {
    const meta = new MetaRepository(db);
    const now = (options.now ?? (() => new Date()))().toISOString();
    let keys: ReturnType<typeof generateKeyPair> | null = null;
    if (options.role === 'office') keys = generateKeyPair();

    db.transaction(() => {
      new CycleRepository(db).insert(cycle, source);
      meta.set('role', options.role);
      meta.set('cycle', cycle.code);
      meta.set('created_at', now);
      if (options.office && keys) {
        meta.set('office_id', options.office.id);
        meta.set('office_name', options.office.name.trim());
        meta.set('office_region', options.office.region);
        meta.set('public_key', keys.publicKey.toString('base64'));
        meta.set('key_fingerprint', fingerprintOf(keys.publicKey));
      }
    })();

    if (keys) {
      if (!options.keyStore) throw new PlannerError('internal', 'An office database needs a key store for its private key.');
      options.keyStore.save(keys.privateKey);
      keySaved = true;
    }
    const profile = meta.readProfile();
    closeDatabase(db);
    options.logger.info('database created', { path: options.path, role: options.role, cycle: cycle.code, office: options.office?.id });
    return profile;
  } catch (error) {
    if (db.open) db.close();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(options.path + suffix, { force: true });
    if (keySaved) {
      options.keyStore?.discard();
      options.logger.warn('set-up failed after the key was saved; the key was removed', { path: options.path });
    }
    if (error instanceof PlannerError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new PlannerError('invalid-input', `A private key file for ${options.path} already exists; move it away or choose another database name.`);
    }
    throw error;
  }
}

function validateOffice(options: InitOptions, regions: string[]): void {
  const office = options.office;
  if (!office) throw new PlannerError('invalid-input', 'An office database needs --office-id, --office-name and --region.');
  if (!OFFICE_ID_PATTERN.test(office.id)) {
    throw new PlannerError(
      'invalid-input',
      `Office id "${office.id}" is invalid; use 2 to 32 upper-case letters, digits and hyphens, such as AFR-DAKAR.`,
    );
  }
  if (office.name.trim() === '') throw new PlannerError('invalid-input', 'The office name is empty; give the name headquarters knows the office by.');
  if (office.name.length > 200) throw new PlannerError('invalid-input', `The office name has ${office.name.length} characters; keep it under 200.`);
  if (!regions.includes(office.region)) {
    throw new PlannerError('invalid-input', `Region "${office.region}" is not a region of cycle ${options.cycle}; use one of: ${regions.join(', ')}.`);
  }
}
