import fs from 'node:fs';
import Database from 'better-sqlite3';
import { PlannerError } from '../../../shared/api/errors.js';
import type { Logger } from '../logger.js';
import { LATEST_VERSION, MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

export interface OpenOptions {
  /** True for set-up, which creates the file; every other command needs an existing database. */
  create: boolean;
  logger: Logger;
}

/**
 * Opens a planner database: WAL with full fsync so an acknowledged edit survives a power cut,
 * foreign keys on, an integrity check, then any pending migrations (after a backup copy).
 */
export function openDatabase(path: string, options: OpenOptions): Db {
  const exists = fs.existsSync(path);
  if (options.create && exists) {
    throw new PlannerError('invalid-input', `${path} already exists; choose a new file name for the database, or use the existing one.`);
  }
  if (!options.create && !exists) {
    throw new PlannerError('not-found', `Database ${path} not found; check the path, or create it with \`init\`.`);
  }

  let db: Db;
  try {
    db = new Database(path, { fileMustExist: !options.create });
  } catch (error) {
    throw new PlannerError('storage', `Cannot open database ${path}: ${(error as Error).message}`);
  }

  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    checkIntegrity(db, path);
    migrate(db, path, options.logger);
  } catch (error) {
    db.close();
    if (error instanceof PlannerError) throw error;
    throw new PlannerError('storage', `Cannot use database ${path}: ${(error as Error).message}`);
  }
  return db;
}

function checkIntegrity(db: Db, path: string): void {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
  if (problems.length > 0) {
    throw new PlannerError(
      'storage',
      `Database ${path} is damaged (${problems.slice(0, 3).join('; ')}); restore it from a backup copy.`,
    );
  }
}

/** Applies pending migrations, each in its own transaction, after copying the file aside. */
export function migrate(db: Db, path: string, logger: Logger): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_VERSION) {
    throw new PlannerError(
      'storage',
      `Database ${path} has schema version ${current}, newer than this program's ${LATEST_VERSION}; install the newer version of Outcome Planner.`,
    );
  }
  const pending = MIGRATIONS.filter((m) => m.version > current);
  if (pending.length === 0) return;

  if (current > 0) {
    const backup = `${path}.before-v${LATEST_VERSION}.bak`;
    fs.rmSync(backup, { force: true });
    db.prepare('VACUUM INTO ?').run(backup);
    logger.info('database backed up before migration', { path, backup, from: current });
  }

  for (const migration of pending) {
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
    logger.info('migration applied', { path, version: migration.version, name: migration.name });
  }
}

/** Checkpoints the write-ahead log into the main file, so the file alone is complete, then closes. */
export function closeDatabase(db: Db): void {
  if (!db.open) return;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
