import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { importEntriesCsv, setEntryCell } from '../../electron/services/entries.js';
import { exportBundle, exportRegistration } from '../../electron/services/exchange/bundle-export.js';
import { importBundleBytes, importBundleFile, recordDiscarded } from '../../electron/services/exchange/bundle-import.js';
import { diffEntries, previewBundle } from '../../electron/services/exchange/bundle-preview.js';
import { addTrust, listTrustEvents, previewRegistration, replaceKey, revokeTrust } from '../../electron/services/exchange/trust.js';
import { completeness, drilldown, justifications, scanInbox, setInboxFolder } from '../../electron/services/hq-views.js';
import { PreviewStore } from '../../electron/services/host/previews.js';
import { openDatabase, closeDatabase } from '../../electron/services/db/database.js';
import { MIGRATIONS } from '../../electron/services/db/migrations.js';
import { silentLogger } from '../../electron/services/logger.js';
import { PlannerError } from '../../shared/api/errors.js';
import { cli } from '../support/cli.js';
import { createHq, createOffice, planningState, regionEntriesCsv, REGION_OFFICES, withContext } from '../support/scenario.js';
import { tempDir } from '../support/temp.js';

const AFRICA = REGION_OFFICES[0];

function office(dir: string, identity: { id: string; name: string; region: string } = AFRICA) {
  const db = createOffice(dir, identity);
  const registration = path.join(dir, `${identity.id}-key.txt`);
  withContext(db, (context) => {
    importEntriesCsv(context, regionEntriesCsv(identity.region));
    exportRegistration(context, registration);
  });
  return { db, registration };
}

function bundleOf(db: string, file: string): Buffer {
  withContext(db, (context) => exportBundle(context, file));
  return fs.readFileSync(file);
}

function errorOf(call: () => unknown): PlannerError {
  try {
    call();
  } catch (error) {
    if (error instanceof PlannerError) return error;
    throw error;
  }
  throw new Error('expected a PlannerError');
}

describe('bundle preview', () => {
  it('marks every cell new at first', () => {
    const dir = tempDir();
    const { db, registration } = office(dir);
    const hq = createHq(dir);
    withContext(hq, (context) => addTrust(context, fs.readFileSync(registration)));
    const bytes = bundleOf(db, path.join(dir, 'r1.bundle'));
    const before = planningState(hq);
    const preview = withContext(hq, (context) => previewBundle(context, 'r1.bundle', bytes, bytes.length));
    expect(preview.verdict).toBe('accepted');
    expect(preview.currentRevision).toBeNull();
    expect(preview.counts.new).toBe(39);
    expect(preview.counts.changed).toBe(0);
    expect(planningState(hq)).toBe(before);
  });

  it('shows changed cells old to new', () => {
    const dir = tempDir();
    const { db, registration } = office(dir);
    const hq = createHq(dir);
    withContext(hq, (context) => {
      addTrust(context, fs.readFileSync(registration));
      importBundleBytes(context, 'r1.bundle', bundleOf(db, path.join(dir, 'r1.bundle')));
    });
    withContext(db, (context) => setEntryCell(context, { outcome: '02', country: null, field: 'demand', value: 30 }));
    const bytes = bundleOf(db, path.join(dir, 'r2.bundle'));
    const preview = withContext(hq, (context) => previewBundle(context, 'r2.bundle', bytes, bytes.length));
    expect(preview.currentRevision).toBe(1);
    expect(preview.revision).toBe(2);
    expect(preview.counts.changed).toBe(1);
    expect(preview.cells.find((c) => c.change === 'changed')).toEqual({ outcome: '02', country: null, field: 'demand', change: 'changed', before: 27, after: 30 });
  });

  it('diffs removed and new rows', () => {
    const cells = diffEntries(
      [{ outcome: '01', country: 'SEN', demand: 1, target: 1, justification: '' }],
      [{ outcome: '01', country: 'MLI', demand: 2, target: null, justification: 'x' }],
    );
    expect(cells.filter((c) => c.change === 'removed').map((c) => c.field)).toEqual(['demand', 'target']);
    expect(cells.filter((c) => c.change === 'new').map((c) => c.field)).toEqual(['demand', 'target', 'justification']);
  });

  it('records a discarded file only', () => {
    const dir = tempDir();
    const { db, registration } = office(dir);
    const hq = createHq(dir);
    withContext(hq, (context) => addTrust(context, fs.readFileSync(registration)));
    const bytes = bundleOf(db, path.join(dir, 'r1.bundle'));
    const before = planningState(hq);
    const verdict = withContext(hq, (context) => recordDiscarded(context, 'r1.bundle', bytes));
    expect(verdict.verdict).toBe('discarded');
    expect(planningState(hq)).toBe(before);
    const history = cli('imports', 'list', '--db', hq, '--format', 'json');
    expect(JSON.parse(history.stdout)[0].verdict).toBe('discarded');
  });
});

describe('key replacement', () => {
  it('needs the office id and records it', () => {
    const dir = tempDir();
    const first = office(dir);
    const hq = createHq(dir);
    withContext(hq, (context) => {
      addTrust(context, fs.readFileSync(first.registration));
      const file = path.join(dir, 'old.bundle');
      bundleOf(first.db, file);
      importBundleFile(context, file);
    });
    // The office reinstalled: a new database and key under the same office id.
    fs.mkdirSync(path.join(dir, 'again'));
    const second = office(path.join(dir, 'again'));
    const newKey = fs.readFileSync(second.registration);

    const preview = withContext(hq, (context) => previewRegistration(context, newKey));
    expect(preview.status).toBe('key-change');
    expect(preview.currentFingerprint).not.toBe(preview.keyFingerprint);
    expect(errorOf(() => withContext(hq, (context) => addTrust(context, newKey))).code).toBe('rejected');
    const wrong = errorOf(() => withContext(hq, (context) => replaceKey(context, newKey, 'ASI-BANGKOK')));
    expect(wrong.message).toContain('AFR-ADDIS');

    withContext(hq, (context) => replaceKey(context, newKey, AFRICA.id));
    const events = withContext(hq, (context) => listTrustEvents(context));
    expect(events.map((e) => e.action)).toEqual(['added', 'key-replaced']);
    expect(events[1]?.oldFingerprint).toBe(preview.currentFingerprint);
    expect(events[1]?.newFingerprint).toBe(preview.keyFingerprint);

    // Bundles signed with the old key are refused now, the new key's are accepted.
    const oldKeyBundle = bundleOf(first.db, path.join(dir, 'old-r2.bundle'));
    expect(withContext(hq, (context) => importBundleBytes(context, 'old-r2.bundle', oldKeyBundle)).verdict).toBe('unknown-key');
    // The new key's revisions start again at 1 and replace what the old key signed.
    const newKeyBundle = bundleOf(second.db, path.join(dir, 'new.bundle'));
    const verdict = withContext(hq, (context) => importBundleBytes(context, 'new.bundle', newKeyBundle));
    expect(verdict.verdict).toBe('accepted');
    expect(verdict.revision).toBe(1);
  });

  it('works from the CLI', () => {
    const dir = tempDir();
    const first = office(dir);
    const hq = createHq(dir);
    withContext(hq, (context) => addTrust(context, fs.readFileSync(first.registration)));
    fs.mkdirSync(path.join(dir, 'again'));
    const second = office(path.join(dir, 'again'));
    expect(cli('trust', 'add', '--db', hq, second.registration).code).toBe(1);
    expect(cli('trust', 'replace', '--db', hq, second.registration).code).toBe(2);
    const replaced = cli('trust', 'replace', '--db', hq, '--office-id', AFRICA.id, second.registration);
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toContain('Replaced the key of office AFR-ADDIS');
  });

  it('records revocation', () => {
    const dir = tempDir();
    const { registration } = office(dir);
    const hq = createHq(dir);
    withContext(hq, (context) => {
      addTrust(context, fs.readFileSync(registration));
      revokeTrust(context, AFRICA.id);
    });
    expect(withContext(hq, (context) => listTrustEvents(context)).map((e) => e.action)).toEqual(['added', 'revoked']);
    expect(withContext(hq, (context) => previewRegistration(context, fs.readFileSync(registration))).status).toBe('revoked');
  });
});

describe('inbox', () => {
  it('picks up only new files', () => {
    const dir = tempDir();
    const { db, registration } = office(dir);
    const hq = createHq(dir);
    const inbox = path.join(dir, 'inbox');
    fs.mkdirSync(inbox);
    withContext(hq, (context) => {
      addTrust(context, fs.readFileSync(registration));
      setInboxFolder(context, inbox);
    });
    const previews = new PreviewStore();
    expect(withContext(hq, (context) => scanInbox(context, previews))).toEqual([]);

    bundleOf(db, path.join(inbox, 'r1.bundle'));
    const found = withContext(hq, (context) => scanInbox(context, previews));
    expect(found.map((f) => f.preview.verdict)).toEqual(['accepted']);
    // While it waits for a decision it is offered again under the same id, never as a second preview.
    const again = withContext(hq, (context) => scanInbox(context, previews));
    expect(again.map((f) => f.previewId)).toEqual([found[0]?.previewId]);

    const file = previews.take(found[0]?.previewId as string);
    withContext(hq, (context) => importBundleBytes(context, file.fileName, file.bytes as Buffer));
    // Once received, the same content is not offered again.
    expect(withContext(hq, (context) => scanInbox(context, new PreviewStore()))).toEqual([]);
  });

  it('rejects a missing folder', () => {
    const hq = createHq(tempDir());
    expect(errorOf(() => withContext(hq, (context) => setInboxFolder(context, '/nonexistent/inbox'))).code).toBe('not-found');
  });
});

describe('headquarters views', () => {
  it('drills down and counts what is missing', () => {
    const dir = tempDir();
    const africa = office(dir);
    const silent = office(dir, { id: 'AFR-ABIDJAN', name: 'Abidjan', region: 'africa' });
    const hq = createHq(dir);
    withContext(africa.db, (context) => setEntryCell(context, { outcome: '03', country: null, field: 'target', value: null }));
    withContext(hq, (context) => {
      addTrust(context, fs.readFileSync(africa.registration));
      addTrust(context, fs.readFileSync(silent.registration));
      importBundleBytes(context, 'r1.bundle', bundleOf(africa.db, path.join(dir, 'r1.bundle')));
    });

    const offices = withContext(hq, (context) => drilldown(context, '07', 'africa'));
    expect(offices.map((o) => [o.officeId, o.revision, o.entries.length])).toEqual([
      ['AFR-ABIDJAN', null, 0],
      ['AFR-ADDIS', 1, 1],
    ]);
    expect(offices[1]?.entries[0]?.justification).toBe('Donor resources are available for this outcome.');

    const notes = withContext(hq, (context) => justifications(context));
    expect(notes.map((n) => n.outcome)).toEqual(['07']);

    const report = withContext(hq, (context) => completeness(context));
    expect(report.offices.find((o) => o.officeId === 'AFR-ABIDJAN')?.revision).toBeNull();
    expect(report.matrix['03']?.['AFR-ADDIS']).toEqual({ rows: 1, demandMissing: 0, targetMissing: 1 });
    expect(report.matrix['03']?.['AFR-ABIDJAN']).toBeUndefined();
  });

  it('rejects an unknown region', () => {
    const hq = createHq(tempDir());
    expect(errorOf(() => withContext(hq, (context) => drilldown(context, '01', 'oceania'))).message).toContain('oceania');
  });
});

describe('migration to version 2', () => {
  it('backfills trust events and keeps a backup', () => {
    const dir = tempDir();
    const file = path.join(dir, 'v1.db');
    const raw = new Database(file);
    raw.exec(MIGRATIONS[0]?.sql as string);
    raw.pragma('user_version = 1');
    raw.prepare("INSERT INTO region (code, name, position) VALUES ('africa', 'Africa', 0)").run();
    raw.prepare("INSERT INTO office (id, name, region, added_at, revoked_at) VALUES ('AFR-X', 'X', 'africa', '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z')").run();
    raw.prepare("INSERT INTO office_key (office_id, fingerprint, public_key, added_at) VALUES ('AFR-X', 'ab', zeroblob(32), '2026-01-01T00:00:00.000Z')").run();
    raw.close();

    const db = openDatabase(file, { create: false, logger: silentLogger });
    const events = db.prepare('SELECT office_id, action, new_fingerprint FROM trust_event ORDER BY id').all();
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    closeDatabase(db);
    expect(events).toEqual([
      { office_id: 'AFR-X', action: 'added', new_fingerprint: 'ab' },
      { office_id: 'AFR-X', action: 'revoked', new_fingerprint: null },
    ]);
    expect(fs.existsSync(`${file}.before-v2.bak`)).toBe(true);
  });
});
