import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { PlannerError } from '../../shared/api/errors.js';
import { closeDatabase, openDatabase } from '../../electron/services/db/database.js';
import { LATEST_VERSION, MIGRATIONS } from '../../electron/services/db/migrations.js';
import { createContext } from '../../electron/services/context.js';
import { listEntries, setEntryCell, type CellEdit } from '../../electron/services/entries.js';
import { FileKeyStore, keyFilePath } from '../../electron/services/keys.js';
import { createLogger, silentLogger, type Logger } from '../../electron/services/logger.js';
import { initDatabase, type InitOptions } from '../../electron/services/setup.js';
import { cli, SEEDS } from '../support/cli.js';
import { createOffice, withContext } from '../support/scenario.js';
import { tempDir } from '../support/temp.js';

const DAKAR = { id: 'AFR-DAKAR', name: 'Dakar', region: 'africa' };

/** Returns the error thrown by `body`, failing the test when nothing is thrown. */
function errorOf(body: () => unknown): Error {
  try {
    body();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error, but none was thrown');
}

/** Creates a logger that keeps every line, so a test can check what was logged. */
function recordingLogger(): { logger: Logger; messages: string[] } {
  const messages: string[] = [];
  return { logger: createLogger((line) => messages.push(line), 'debug'), messages };
}

interface AuditRow {
  actor: string;
  action: string;
  outcome: string;
  country: string;
  field: string;
  old_value: string | null;
  new_value: string | null;
}

function auditRows(db: string): AuditRow[] {
  return withContext(db, (context) =>
    context.db.prepare('SELECT actor, action, outcome, country, field, old_value, new_value FROM audit_log ORDER BY id').all() as AuditRow[],
  );
}

function edit(db: string, change: CellEdit) {
  return withContext(db, (context) => setEntryCell(context, change));
}

function officeOptions(dir: string, overrides: Partial<InitOptions> = {}): InitOptions {
  const db = path.join(dir, 'office.db');
  return {
    path: db,
    role: 'office',
    cycle: '2012-13',
    office: DAKAR,
    seedsDir: SEEDS,
    logger: silentLogger,
    keyStore: new FileKeyStore(keyFilePath(db)),
    ...overrides,
  };
}

describe('openDatabase', () => {
  it('new database is at latest version', () => {
    const db = createOffice(tempDir(), DAKAR);
    expect(withContext(db, (context) => context.db.pragma('user_version', { simple: true }))).toBe(LATEST_VERSION);
  });

  it('new database uses WAL', () => {
    const db = createOffice(tempDir(), DAKAR);
    expect(withContext(db, (context) => context.db.pragma('journal_mode', { simple: true }))).toBe('wal');
  });

  it('foreign keys are on', () => {
    const db = createOffice(tempDir(), DAKAR);
    expect(withContext(db, (context) => context.db.pragma('foreign_keys', { simple: true }))).toBe(1);
  });

  it('schema has the expected tables and columns', () => {
    const db = createOffice(tempDir(), DAKAR);
    const schema = withContext(db, (context) => {
      const tables = context.db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .all() as { name: string }[];
      return Object.fromEntries(
        tables.map(({ name }) => [name, (context.db.pragma(`table_info(${name})`) as { name: string }[]).map((column) => column.name)]),
      );
    });
    expect(schema).toEqual({
      audit_log: ['id', 'at', 'actor', 'action', 'outcome', 'country', 'field', 'old_value', 'new_value'],
      contribution: ['office_id', 'revision', 'received_file_id', 'payload_sha256', 'signed_at', 'imported_at', 'key_fingerprint'],
      contribution_entry: ['office_id', 'outcome_code', 'country', 'demand', 'target', 'justification'],
      cycle: ['code', 'label', 'source'],
      entry: ['outcome_code', 'country', 'demand', 'target', 'justification', 'updated_at'],
      export: ['revision', 'exported_at', 'payload_sha256', 'file_sha256', 'file_name', 'entries_sha256'],
      meta: ['key', 'value'],
      objective: ['code', 'name', 'position'],
      office: ['id', 'name', 'region', 'added_at', 'revoked_at'],
      office_key: ['id', 'office_id', 'fingerprint', 'public_key', 'added_at', 'retired_at'],
      outcome: ['code', 'title', 'objective_code', 'position', 'comparable', 'comparability_note'],
      received_file: [
        'id',
        'file_name',
        'received_at',
        'size',
        'file_sha256',
        'payload_sha256',
        'raw',
        'office_id',
        'revision',
        'signed_at',
        'verdict',
        'reason',
        'flagged',
        'key_fingerprint',
      ],
      region: ['code', 'name', 'position'],
      trust_event: ['id', 'at', 'actor', 'office_id', 'action', 'old_fingerprint', 'new_fingerprint'],
    });
  });

  it('schema has one named index', () => {
    const db = createOffice(tempDir(), DAKAR);
    const indexes = withContext(db, (context) =>
      context.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name").all(),
    );
    expect(indexes).toEqual([{ name: 'office_key_one_active' }]);
  });

  it('creation logs each migration', () => {
    const { logger, messages } = recordingLogger();
    const db = openDatabase(path.join(tempDir(), 'new.db'), { create: true, logger });
    closeDatabase(db);
    expect(messages.filter((m) => m.includes('migration applied'))).toHaveLength(MIGRATIONS.length);
  });

  it('reopening runs no migration', () => {
    const dir = tempDir();
    const file = createOffice(dir, DAKAR);
    const { logger, messages } = recordingLogger();
    closeDatabase(openDatabase(file, { create: false, logger }));
    expect(messages.filter((m) => m.includes('migration'))).toEqual([]);
    expect(fs.readdirSync(dir).filter((name) => name.endsWith('.bak'))).toEqual([]);
  });

  it('newer schema version is rejected', () => {
    const file = createOffice(tempDir(), DAKAR);
    const newer = LATEST_VERSION + 5;
    const raw = new Database(file);
    raw.pragma(`user_version = ${newer}`);
    raw.close();

    const error = errorOf(() => openDatabase(file, { create: false, logger: silentLogger }));
    expect(error).toBeInstanceOf(PlannerError);
    expect((error as PlannerError).code).toBe('storage');
    expect(error.message).toContain(`schema version ${newer}`);
    expect(error.message).toContain(`program's ${LATEST_VERSION}`);
  });

  it('newer database is left as it was', () => {
    const file = createOffice(tempDir(), DAKAR);
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.close();

    errorOf(() => openDatabase(file, { create: false, logger: silentLogger }));
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 1);
    check.close();
  });

  it('non-SQLite file is rejected', () => {
    const file = path.join(tempDir(), 'garbage.db');
    fs.writeFileSync(file, Buffer.from('This file holds text, not a SQLite database. '.repeat(200)));

    const error = errorOf(() => openDatabase(file, { create: false, logger: silentLogger }));
    expect(error).toBeInstanceOf(PlannerError);
    expect((error as PlannerError).code).toBe('storage');
    expect(error.message).toContain(file);
    expect(error.message).toContain('not a database');
  });

  it('non-SQLite file is not changed', () => {
    const file = path.join(tempDir(), 'garbage.db');
    const bytes = Buffer.from('This file holds text, not a SQLite database. '.repeat(200));
    fs.writeFileSync(file, bytes);

    errorOf(() => openDatabase(file, { create: false, logger: silentLogger }));
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it('missing file is not found', () => {
    const error = errorOf(() => openDatabase(path.join(tempDir(), 'absent.db'), { create: false, logger: silentLogger }));
    expect(error).toBeInstanceOf(PlannerError);
    expect((error as PlannerError).code).toBe('not-found');
  });
});

describe('closeDatabase', () => {
  it('leaves no WAL content', () => {
    const dir = tempDir();
    const file = createOffice(dir, DAKAR);
    const db = openDatabase(file, { create: false, logger: silentLogger });
    const context = createContext(db, file, { logger: silentLogger, keyStore: new FileKeyStore(keyFilePath(file)), actor: 'test' });
    setEntryCell(context, { outcome: '01', country: null, field: 'demand', value: 12 });
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);

    closeDatabase(db);
    const walSize = fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0;
    expect(walSize).toBe(0);
  });

  it('main file alone holds the data', () => {
    const file = createOffice(tempDir(), DAKAR);
    edit(file, { outcome: '01', country: null, field: 'demand', value: 12 });
    edit(file, { outcome: '02', country: null, field: 'target', value: 7 });

    const copy = path.join(tempDir(), 'copy.db');
    fs.copyFileSync(file, copy);
    const entries = withContext(copy, (context) => listEntries(context));
    expect(entries).toEqual([
      { outcome: '01', country: null, demand: 12, target: null, justification: '' },
      { outcome: '02', country: null, demand: null, target: 7, justification: '' },
    ]);
  });

  it('closing twice is harmless', () => {
    const db = openDatabase(createOffice(tempDir(), DAKAR), { create: false, logger: silentLogger });
    closeDatabase(db);
    expect(() => closeDatabase(db)).not.toThrow();
  });
});

describe('entry table constraints', () => {
  const insert = (values: string) => `INSERT INTO entry (outcome_code, country, demand, target, justification, updated_at) VALUES (${values})`;

  it.each([
    ['negative demand', "'01', '', -1, NULL, '', 'now'", 'CHECK constraint failed'],
    ['negative target', "'01', '', NULL, -1, '', 'now'", 'CHECK constraint failed'],
    ['lower-case country', "'01', 'sen', 1, 1, '', 'now'", 'CHECK constraint failed'],
    ['fractional demand', "'01', '', 2.5, NULL, '', 'now'", 'cannot store REAL value in INTEGER column'],
    ['unknown outcome', "'20', '', 1, 1, '', 'now'", 'FOREIGN KEY constraint failed'],
  ])('rejects %s', (_case, values, message) => {
    const db = createOffice(tempDir(), DAKAR);
    const error = withContext(db, (context) => errorOf(() => context.db.prepare(insert(values)).run()));
    expect(error.message).toContain(message);
  });

  it('accepts a blank entry', () => {
    const db = createOffice(tempDir(), DAKAR);
    const changes = withContext(db, (context) => context.db.prepare(insert("'01', '', NULL, NULL, '', 'now'")).run().changes);
    expect(changes).toBe(1);
  });
});

describe('setEntryCell', () => {
  it('new cell writes one audit row', () => {
    const db = createOffice(tempDir(), DAKAR);
    edit(db, { outcome: '01', country: null, field: 'demand', value: 5 });
    expect(auditRows(db)).toEqual([
      { actor: 'test', action: 'edit', outcome: '01', country: '', field: 'demand', old_value: null, new_value: '5' },
    ]);
  });

  it('changed cell audits old and new', () => {
    const db = createOffice(tempDir(), DAKAR);
    edit(db, { outcome: '01', country: null, field: 'demand', value: 5 });
    edit(db, { outcome: '01', country: null, field: 'demand', value: 7 });
    expect(auditRows(db)[1]).toEqual({ actor: 'test', action: 'edit', outcome: '01', country: '', field: 'demand', old_value: '5', new_value: '7' });
  });

  it('State cell is audited with its country', () => {
    const db = createOffice(tempDir(), DAKAR);
    edit(db, { outcome: '03', country: 'SEN', field: 'target', value: 2 });
    expect(auditRows(db)).toEqual([{ actor: 'test', action: 'edit', outcome: '03', country: 'SEN', field: 'target', old_value: null, new_value: '2' }]);
  });

  it('unchanged value adds no audit row', () => {
    const db = createOffice(tempDir(), DAKAR);
    edit(db, { outcome: '01', country: null, field: 'demand', value: 5 });
    edit(db, { outcome: '01', country: null, field: 'demand', value: 5 });
    expect(auditRows(db)).toHaveLength(1);
  });

  it('returns the stored entry', () => {
    const db = createOffice(tempDir(), DAKAR);
    expect(edit(db, { outcome: '01', country: null, field: 'target', value: 0 })).toEqual({
      outcome: '01',
      country: null,
      demand: null,
      target: 0,
      justification: '',
    });
  });

  it('edit survives reopening', () => {
    const db = createOffice(tempDir(), DAKAR);
    edit(db, { outcome: '04', country: null, field: 'demand', value: 9 });
    expect(withContext(db, (context) => listEntries(context))).toEqual([
      { outcome: '04', country: null, demand: 9, target: null, justification: '' },
    ]);
  });

  it('cleared cell reads back null', () => {
    const db = createOffice(tempDir(), DAKAR);
    edit(db, { outcome: '01', country: null, field: 'demand', value: 5 });
    edit(db, { outcome: '01', country: null, field: 'demand', value: null });
    expect(withContext(db, (context) => listEntries(context))[0]?.demand).toBeNull();
  });

  it('cleared cell is NULL in SQLite', () => {
    const db = createOffice(tempDir(), DAKAR);
    edit(db, { outcome: '01', country: null, field: 'demand', value: 5 });
    edit(db, { outcome: '01', country: null, field: 'demand', value: null });
    const row = withContext(db, (context) => context.db.prepare("SELECT demand IS NULL AS blank, typeof(demand) AS type FROM entry WHERE outcome_code = '01'").get());
    expect(row).toEqual({ blank: 1, type: 'null' });
  });

  it('cleared cell audits null as new value', () => {
    const db = createOffice(tempDir(), DAKAR);
    edit(db, { outcome: '01', country: null, field: 'demand', value: 5 });
    edit(db, { outcome: '01', country: null, field: 'demand', value: null });
    expect(auditRows(db)[1]).toMatchObject({ field: 'demand', old_value: '5', new_value: null });
  });

  it('untouched field stays null', () => {
    const db = createOffice(tempDir(), DAKAR);
    edit(db, { outcome: '01', country: null, field: 'target', value: 3 });
    expect(withContext(db, (context) => listEntries(context))[0]?.demand).toBeNull();
  });

  describe('invalid edit', () => {
    const invalid: [string, CellEdit][] = [
      ['negative demand', { outcome: '01', country: null, field: 'demand', value: -3 }],
      ['fractional target', { outcome: '01', country: null, field: 'target', value: 2.5 }],
      ['text demand', { outcome: '01', country: null, field: 'demand', value: '12' }],
      ['NaN demand', { outcome: '01', country: null, field: 'demand', value: Number.NaN }],
      ['demand above maximum', { outcome: '01', country: null, field: 'demand', value: 1_000_000_001 }],
      ['unknown outcome', { outcome: '20', country: null, field: 'demand', value: 3 }],
      ['bad country', { outcome: '01', country: 'SENEGAL', field: 'demand', value: 3 }],
      ['number as justification', { outcome: '01', country: null, field: 'justification', value: 3 }],
      ['State row beside total row', { outcome: '01', country: 'SEN', field: 'demand', value: 3 }],
    ];

    it.each(invalid)('%s throws invalid-input', (_case, change) => {
      const db = createOffice(tempDir(), DAKAR);
      edit(db, { outcome: '01', country: null, field: 'demand', value: 5 });
      const error = errorOf(() => edit(db, change));
      expect(error).toBeInstanceOf(PlannerError);
      expect((error as PlannerError).code).toBe('invalid-input');
    });

    it.each(invalid)('%s writes nothing', (_case, change) => {
      const db = createOffice(tempDir(), DAKAR);
      edit(db, { outcome: '01', country: null, field: 'demand', value: 5 });
      const entriesBefore = withContext(db, (context) => listEntries(context));
      const auditBefore = auditRows(db);

      errorOf(() => edit(db, change));
      expect(withContext(db, (context) => listEntries(context))).toEqual(entriesBefore);
      expect(auditRows(db)).toEqual(auditBefore);
    });
  });
});

describe('initDatabase', () => {
  it('existing path is rejected', () => {
    const dir = tempDir();
    const options = officeOptions(dir);
    fs.writeFileSync(options.path, 'keep me');

    const error = errorOf(() => initDatabase(options));
    expect(error).toBeInstanceOf(PlannerError);
    expect((error as PlannerError).code).toBe('invalid-input');
    expect(error.message).toContain(options.path);
  });

  it('existing file is kept as it was', () => {
    const dir = tempDir();
    const options = officeOptions(dir);
    fs.writeFileSync(options.path, 'keep me');

    errorOf(() => initDatabase(options));
    expect(fs.readFileSync(options.path, 'utf8')).toBe('keep me');
    expect(fs.readdirSync(dir)).toEqual(['office.db']);
  });

  it.each([
    ['invalid office id', { office: { ...DAKAR, id: 'dakar office' } }, 'dakar office'],
    ['unknown region', { office: { ...DAKAR, region: 'oceania' } }, 'oceania'],
    ['unknown cycle', { cycle: '2099-00' }, '2099-00'],
    ['empty office name', { office: { ...DAKAR, name: '  ' } }, 'name'],
  ] as [string, Partial<InitOptions>, string][])('%s is rejected', (_case, overrides, named) => {
    const options = officeOptions(tempDir(), overrides);
    const error = errorOf(() => initDatabase(options));
    expect(error).toBeInstanceOf(PlannerError);
    expect((error as PlannerError).code).toBe('invalid-input');
    expect(error.message).toContain(named);
  });

  it.each([
    ['invalid office id', { office: { ...DAKAR, id: 'dakar office' } }],
    ['unknown region', { office: { ...DAKAR, region: 'oceania' } }],
    ['unknown cycle', { cycle: '2099-00' }],
  ] as [string, Partial<InitOptions>][])('%s leaves no file', (_case, overrides) => {
    const dir = tempDir();
    errorOf(() => initDatabase(officeOptions(dir, overrides)));
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('leftover key file leaves no database', () => {
    const dir = tempDir();
    const options = officeOptions(dir);
    fs.writeFileSync(keyFilePath(options.path), 'old key', { mode: 0o600 });

    const error = errorOf(() => initDatabase(options));
    expect((error as PlannerError).code).toBe('invalid-input');
    expect(fs.readdirSync(dir)).toEqual(['office.db.key']);
  });

  it('leftover key file is not overwritten', () => {
    const dir = tempDir();
    const options = officeOptions(dir);
    fs.writeFileSync(keyFilePath(options.path), 'old key', { mode: 0o600 });

    errorOf(() => initDatabase(options));
    expect(fs.readFileSync(keyFilePath(options.path), 'utf8')).toBe('old key');
  });

  it('office profile is returned', () => {
    const profile = initDatabase(officeOptions(tempDir()));
    expect(profile).toMatchObject({ role: 'office', cycle: '2012-13', office: DAKAR });
    expect(profile.keyFingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it.runIf(process.platform !== 'win32')('key file has mode 0600', () => {
    const db = createOffice(tempDir(), DAKAR);
    expect(fs.statSync(keyFilePath(db)).mode & 0o777).toBe(0o600);
  });

  it.runIf(process.platform !== 'win32')('readable key file blocks bundle export', () => {
    const dir = tempDir();
    const db = createOffice(dir, DAKAR);
    fs.chmodSync(keyFilePath(db), 0o644);
    const out = path.join(dir, 'bundle.txt');

    const result = cli('bundle', 'export', '--db', db, '--out', out);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`chmod 600 ${keyFilePath(db)}`);
    expect(fs.existsSync(out)).toBe(false);
    expect(cli('bundle', 'history', '--db', db).stdout).toBe('No bundle exported yet.\n');
  });
});
