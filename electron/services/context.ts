import os from 'node:os';
import type { Logger } from './logger.js';
import { closeDatabase, openDatabase, type Db } from './db/database.js';
import { MetaRepository, type Profile } from './db/meta-repo.js';
import { CycleRepository } from './db/cycle-repo.js';
import { EntryRepository } from './db/entry-repo.js';
import type { Cycle, Role } from '../../shared/domain/types.js';
import { PlannerError } from '../../shared/api/errors.js';
import type { KeyStore } from './keys.js';

/** Everything a service needs for one open database. */
export interface PlannerContext {
  db: Db;
  path: string;
  logger: Logger;
  /** Who makes the edits, for the audit log. */
  actor: string;
  now: () => Date;
  keyStore: KeyStore;
  meta: MetaRepository;
  cycles: CycleRepository;
  entries: EntryRepository;
}

export interface ContextOptions {
  logger: Logger;
  keyStore: KeyStore;
  actor?: string;
  now?: () => Date;
}

export function defaultActor(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}

export function createContext(db: Db, path: string, options: ContextOptions): PlannerContext {
  return {
    db,
    path,
    logger: options.logger,
    actor: options.actor ?? defaultActor(),
    now: options.now ?? (() => new Date()),
    keyStore: options.keyStore,
    meta: new MetaRepository(db),
    cycles: new CycleRepository(db),
    entries: new EntryRepository(db),
  };
}

/** Opens an existing database and wraps it in a context; the caller closes it with `closeContext`. */
export function openContext(path: string, options: ContextOptions): PlannerContext {
  const db = openDatabase(path, { create: false, logger: options.logger });
  return createContext(db, path, options);
}

export function closeContext(context: PlannerContext): void {
  closeDatabase(context.db);
}

export function profileOf(context: PlannerContext): Profile {
  return context.meta.readProfile();
}

export function cycleOf(context: PlannerContext): Cycle {
  return context.cycles.read();
}

/** Refuses an operation on a database of the other role, naming both. */
export function requireRole(context: PlannerContext, role: Role, operation: string): Profile {
  const profile = context.meta.readProfile();
  if (profile.role !== role) {
    const has = profile.role === 'office' ? 'an office database' : 'a headquarters database';
    const needs = role === 'office' ? 'an office database' : 'a headquarters database';
    throw new PlannerError('wrong-role', `${context.path} is ${has}; ${operation} needs ${needs}.`);
  }
  return profile;
}
