import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importEntriesCsv } from '../../electron/services/entries.js';
import { decodeArmor } from '../../electron/services/exchange/armor.js';
import { exportBundle, exportRegistration } from '../../electron/services/exchange/bundle-export.js';
import { importBundleFile } from '../../electron/services/exchange/bundle-import.js';
import { BUNDLE_HEADERS, BUNDLE_LABEL, MAX_BUNDLE_FILE_BYTES, MAX_PAYLOAD_BYTES } from '../../electron/services/exchange/formats.js';
import { addTrust, revokeTrust } from '../../electron/services/exchange/trust.js';
import { formatFingerprint } from '../../electron/services/keys.js';
import { consolidatedTable } from '../../electron/services/table.js';
import type { BundlePayload } from '../../shared/exchange/payloads.js';
import type { ImportVerdict, VerdictKind } from '../../shared/exchange/verdicts.js';
import { cli } from '../support/cli.js';
import { writeSignedBundle as writeCraftedBundle } from '../support/crafted-bundle.js';
import { createHq, createOffice, historyCount, planningState, regionEntriesCsv, REGION_OFFICES, withContext } from '../support/scenario.js';
import { tempDir } from '../support/temp.js';

const AFRICA = REGION_OFFICES[0];
const ASIA = REGION_OFFICES[2];

interface ReceivedRow {
  verdict: string;
  reason: string;
  flagged: number;
  office_id: string | null;
  revision: number | null;
}

interface Figures {
  outcome: string;
  demand: number | null;
  target: number | null;
}

/** Creates an office database with its region's published figures and a key registration file. */
function prepareOffice(dir: string, office: { id: string; name: string; region: string } = AFRICA): { officeDb: string; registration: string } {
  const officeDb = createOffice(dir, office);
  const registration = path.join(dir, `${office.id}-registration.txt`);
  withContext(officeDb, (context) => {
    importEntriesCsv(context, regionEntriesCsv(office.region));
    exportRegistration(context, registration);
  });
  return { officeDb, registration };
}

function exportTo(officeDb: string, file: string): string {
  withContext(officeDb, (context) => exportBundle(context, file));
  return file;
}

/** Creates a headquarters database that trusts the offices of the given registration files. */
function prepareHq(dir: string, registrations: string[], name = 'hq.db'): string {
  const hq = createHq(dir, name);
  withContext(hq, (context) => {
    for (const registration of registrations) addTrust(context, fs.readFileSync(registration));
  });
  return hq;
}

function importFile(hq: string, file: string): ImportVerdict {
  return withContext(hq, (context) => importBundleFile(context, file));
}

function lastReceived(hq: string): ReceivedRow | undefined {
  return withContext(hq, (context) =>
    context.db.prepare('SELECT verdict, reason, flagged, office_id, revision FROM received_file ORDER BY id DESC LIMIT 1').get() as ReceivedRow | undefined,
  );
}

/**
 * Imports `file` and checks that only the import history changed: the planning state is
 * byte-identical and exactly one history row with `verdict` and a reason was added.
 */
function importUnchanged(hq: string, file: string, verdict: VerdictKind): ImportVerdict {
  const stateBefore = planningState(hq);
  const historyBefore = historyCount(hq);

  const result = importFile(hq, file);

  expect(result.verdict, result.reason).toBe(verdict);
  expect(planningState(hq), 'planning state after the import').toBe(stateBefore);
  expect(historyCount(hq), 'import history rows').toBe(historyBefore + 1);
  const row = lastReceived(hq);
  expect(row?.verdict, 'verdict in the import history').toBe(verdict);
  expect(row?.reason, 'reason in the import history').toBe(result.reason);
  expect(result.reason.length, 'reason length').toBeGreaterThan(0);
  return result;
}

function parseFiguresCsv(csv: string): Figures[] {
  const amount = (text: string | undefined): number | null => (text === undefined || text === '' ? null : Number(text));
  return csv
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [outcome = '', demand, target] = line.split(',');
      return { outcome, demand: amount(demand), target: amount(target) };
    });
}

function tableFigures(hq: string, region: string): Figures[] {
  return withContext(hq, (context) =>
    consolidatedTable(context).rows.map((row) => ({
      outcome: row.outcome,
      demand: row.regions[region]?.demand.value ?? null,
      target: row.regions[region]?.target.value ?? null,
    })),
  );
}

/** Decodes the signed content of a bundle file without checking it. */
function readPayload(file: string): BundlePayload {
  const decoded = decodeArmor(fs.readFileSync(file), { label: BUNDLE_LABEL, headers: BUNDLE_HEADERS, maxPayloadBytes: MAX_PAYLOAD_BYTES });
  if (!decoded.ok) throw new Error(`test setup: ${file} does not decode: ${decoded.reason}`);
  return JSON.parse(zlib.gunzipSync(decoded.message.payload).toString('utf8')) as BundlePayload;
}

/**
 * Writes a bundle whose payload is `payload` gzipped and signed with the office's real private
 * key. `headers` overrides the header lines the exporter would write.
 */
function writeSignedBundle(file: string, officeDb: string, payload: unknown, headers: Record<string, string> = {}): string {
  const record = payload as BundlePayload;
  const payloadBytes = zlib.gzipSync(Buffer.from(JSON.stringify(payload), 'utf8'));
  return writeCraftedBundle(file, officeDb, payloadBytes, { Office: record.officeId, Revision: String(record.revision), ...headers });
}

/** Copies a bundle with one base64 character of its first payload line replaced by another. */
function writeTamperedCopy(source: string, file: string): string {
  const lines = fs.readFileSync(source, 'ascii').split('\n');
  const payloadLine = lines.indexOf('') + 1;
  const line = lines[payloadLine] ?? '';
  const replacement = line[10] === 'A' ? 'B' : 'A';
  lines[payloadLine] = line.slice(0, 10) + replacement + line.slice(11);
  fs.writeFileSync(file, lines.join('\n'));
  return file;
}

describe('bundle import verdicts', () => {
  it('first bundle is accepted', () => {
    const dir = tempDir();
    const { officeDb, registration } = prepareOffice(dir);
    const hq = prepareHq(dir, [registration]);
    const bundle = exportTo(officeDb, path.join(dir, 'r1.bundle'));

    const result = importFile(hq, bundle);

    expect(result.verdict, result.reason).toBe('accepted');
    expect(result.revision).toBe(1);
    expect(lastReceived(hq)?.verdict).toBe('accepted');
    expect(tableFigures(hq, AFRICA.region)).toEqual(parseFiguresCsv(regionEntriesCsv(AFRICA.region)));
  });

  it('same file twice is already imported', () => {
    const dir = tempDir();
    const { officeDb, registration } = prepareOffice(dir);
    const hq = prepareHq(dir, [registration]);
    const bundle = exportTo(officeDb, path.join(dir, 'r1.bundle'));
    importFile(hq, bundle);

    importUnchanged(hq, bundle, 'already-imported');
  });

  describe('re-encoded copy', () => {
    const copies: { name: string; write: (text: string, dir: string) => string }[] = [
      {
        name: 'CRLF line ends',
        write: (text, dir) => {
          const file = path.join(dir, 'r1-crlf.bundle');
          fs.writeFileSync(file, text.replace(/\n/g, '\r\n'));
          return file;
        },
      },
      {
        name: 'UTF-8 byte order mark',
        write: (text, dir) => {
          const file = path.join(dir, 'r1-bom.bundle');
          fs.writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'ascii')]));
          return file;
        },
      },
      {
        name: '.bundle.txt name',
        write: (text, dir) => {
          const file = path.join(dir, 'r1.bundle.txt');
          fs.writeFileSync(file, text);
          return file;
        },
      },
    ];

    for (const copy of copies) {
      it(`with ${copy.name} is already imported`, () => {
        const dir = tempDir();
        const { officeDb, registration } = prepareOffice(dir);
        const hq = prepareHq(dir, [registration]);
        const bundle = exportTo(officeDb, path.join(dir, 'r1.bundle'));
        importFile(hq, bundle);
        const mangled = copy.write(fs.readFileSync(bundle, 'ascii'), dir);

        importUnchanged(hq, mangled, 'already-imported');
      });

      it(`with ${copy.name} is accepted on fresh HQ`, () => {
        const dir = tempDir();
        const { officeDb, registration } = prepareOffice(dir);
        const hq = prepareHq(dir, [registration]);
        const bundle = exportTo(officeDb, path.join(dir, 'r1.bundle'));
        const mangled = copy.write(fs.readFileSync(bundle, 'ascii'), dir);

        const result = importFile(hq, mangled);

        expect(result.verdict, result.reason).toBe('accepted');
        expect(tableFigures(hq, AFRICA.region)).toEqual(parseFiguresCsv(regionEntriesCsv(AFRICA.region)));
      });
    }
  });

  it('re-export after an edit supersedes', () => {
    const dir = tempDir();
    const { officeDb, registration } = prepareOffice(dir);
    const hq = prepareHq(dir, [registration]);
    const first = exportTo(officeDb, path.join(dir, 'r1.bundle'));
    importFile(hq, first);
    withContext(officeDb, (context) => importEntriesCsv(context, 'outcome,demand,target,note\n01,40,17,\n'));
    const second = exportTo(officeDb, path.join(dir, 'r2.bundle'));

    const result = importFile(hq, second);

    expect(result.verdict, result.reason).toBe('accepted');
    expect(result.revision).toBe(2);
    const outcome01 = tableFigures(hq, AFRICA.region).find((row) => row.outcome === '01');
    expect(outcome01).toEqual({ outcome: '01', demand: 40, target: 17 });
  });

  it('older revision after a newer one is stale', () => {
    const dir = tempDir();
    const { officeDb, registration } = prepareOffice(dir);
    const hq = prepareHq(dir, [registration]);
    const first = exportTo(officeDb, path.join(dir, 'r1.bundle'));
    withContext(officeDb, (context) => importEntriesCsv(context, 'outcome,demand,target,note\n01,40,17,\n'));
    const second = exportTo(officeDb, path.join(dir, 'r2.bundle'));
    importFile(hq, second);

    const result = importUnchanged(hq, first, 'stale');

    expect(result.reason).toContain('revision 2, the last accepted');
  });

  // A file accepted once but since superseded must not pass as "already imported".
  it('superseded revision re-imported is stale', () => {
    const dir = tempDir();
    const { officeDb, registration } = prepareOffice(dir);
    const hq = prepareHq(dir, [registration]);
    const first = exportTo(officeDb, path.join(dir, 'r1.bundle'));
    importFile(hq, first);
    withContext(officeDb, (context) => importEntriesCsv(context, 'outcome,demand,target,note\n01,40,17,\n'));
    const second = exportTo(officeDb, path.join(dir, 'r2.bundle'));
    importFile(hq, second);

    const result = importUnchanged(hq, first, 'stale');

    expect(result.reason).toContain('revision 2, the last accepted');
    expect(tableFigures(hq, AFRICA.region).find((row) => row.outcome === '01')?.demand).toBe(40);
  });

  it('same revision with other content is a conflict', () => {
    const dir = tempDir();
    const { officeDb, registration } = prepareOffice(dir);
    const hq = prepareHq(dir, [registration]);
    const bundle = exportTo(officeDb, path.join(dir, 'r1.bundle'));
    importFile(hq, bundle);
    const payload = readPayload(bundle);
    const changed = { ...payload, entries: payload.entries.map((e) => (e.outcome === '01' ? { ...e, demand: 99 } : e)) };
    const crafted = writeSignedBundle(path.join(dir, 'r1-other.bundle'), officeDb, changed);

    const result = importUnchanged(hq, crafted, 'conflict');

    expect(result.revision).toBe(1);
    expect(lastReceived(hq)?.flagged).toBe(1);
  });

  it('untrusted office is an unknown key', () => {
    const dir = tempDir();
    const { officeDb } = prepareOffice(dir);
    const hq = prepareHq(dir, []);
    const bundle = exportTo(officeDb, path.join(dir, 'r1.bundle'));

    const result = importUnchanged(hq, bundle, 'unknown-key');

    expect(result.reason).toContain(AFRICA.id);
  });

  it('other key pair for a trusted office is an unknown key', () => {
    const dir = tempDir();
    const { registration } = prepareOffice(dir);
    const hq = prepareHq(dir, [registration]);
    const impostorDir = tempDir();
    const impostor = prepareOffice(impostorDir);
    const bundle = exportTo(impostor.officeDb, path.join(dir, 'impostor.bundle'));
    const trustedKey = withContext(hq, (context) =>
      (context.db.prepare('SELECT fingerprint FROM office_key WHERE office_id = ?').get(AFRICA.id) as { fingerprint: string }).fingerprint,
    );

    const result = importUnchanged(hq, bundle, 'unknown-key');

    expect(result.reason).toContain(formatFingerprint(trustedKey));
  });

  it('revoked office is a revoked key', () => {
    const dir = tempDir();
    const { officeDb, registration } = prepareOffice(dir);
    const hq = prepareHq(dir, [registration]);
    const bundle = exportTo(officeDb, path.join(dir, 'r1.bundle'));
    withContext(hq, (context) => revokeTrust(context, AFRICA.id));

    importUnchanged(hq, bundle, 'revoked-key');
  });

  it('changed payload character is a bad signature', () => {
    const dir = tempDir();
    const { officeDb, registration } = prepareOffice(dir);
    const hq = prepareHq(dir, [registration]);
    const bundle = exportTo(officeDb, path.join(dir, 'r1.bundle'));
    const tampered = writeTamperedCopy(bundle, path.join(dir, 'tampered.bundle'));

    importUnchanged(hq, tampered, 'bad-signature');
  });

  describe('mismatch', () => {
    function setUp(): { dir: string; officeDb: string; hq: string; payload: BundlePayload } {
      const dir = tempDir();
      const { officeDb, registration } = prepareOffice(dir);
      const hq = prepareHq(dir, [registration]);
      const payload = readPayload(exportTo(officeDb, path.join(dir, 'r1.bundle')));
      return { dir, officeDb, hq, payload };
    }

    it('signed region other than registered', () => {
      const { dir, officeDb, hq, payload } = setUp();
      const crafted = writeSignedBundle(path.join(dir, 'asia.bundle'), officeDb, { ...payload, region: 'asia' });

      const result = importUnchanged(hq, crafted, 'mismatch');

      expect(result.reason).toContain('region asia');
      expect(result.reason).toContain('region africa');
    });

    it('signed cycle other than consolidated', () => {
      const { dir, officeDb, hq, payload } = setUp();
      const crafted = writeSignedBundle(path.join(dir, 'cycle.bundle'), officeDb, { ...payload, cycle: '2014-15' });

      const result = importUnchanged(hq, crafted, 'mismatch');

      expect(result.reason).toContain('2014-15');
    });

    it('header revision other than signed', () => {
      const { dir, officeDb, hq, payload } = setUp();
      const crafted = writeSignedBundle(path.join(dir, 'revision.bundle'), officeDb, payload, { Revision: '2' });

      const result = importUnchanged(hq, crafted, 'mismatch');

      expect(result.reason).toContain('revision 2');
      expect(result.reason).toContain('revision 1');
    });
  });

  describe('malformed', () => {
    function setUp(): { dir: string; officeDb: string; hq: string } {
      const dir = tempDir();
      const { officeDb, registration } = prepareOffice(dir);
      return { dir, officeDb, hq: prepareHq(dir, [registration]) };
    }

    it('CSV file', () => {
      const { dir, hq } = setUp();
      const file = path.join(dir, 'entries.csv');
      fs.writeFileSync(file, regionEntriesCsv(AFRICA.region));

      const result = importUnchanged(hq, file, 'malformed');

      expect(result.reason).toContain('not an Outcome Planner bundle');
    });

    it('empty file', () => {
      const { dir, hq } = setUp();
      const file = path.join(dir, 'empty.bundle');
      fs.writeFileSync(file, '');

      const result = importUnchanged(hq, file, 'malformed');

      expect(result.reason).toContain('empty');
    });

    it('truncated file', () => {
      const { dir, officeDb, hq } = setUp();
      const bundle = fs.readFileSync(exportTo(officeDb, path.join(dir, 'r1.bundle')));
      const file = path.join(dir, 'truncated.bundle');
      fs.writeFileSync(file, bundle.subarray(0, Math.floor(bundle.length * 0.6)));

      const result = importUnchanged(hq, file, 'malformed');

      expect(result.reason).toContain('truncated');
    });
  });

  it('file one byte over the cap is too large', () => {
    const dir = tempDir();
    const { officeDb, registration } = prepareOffice(dir);
    const hq = prepareHq(dir, [registration]);
    const bundle = fs.readFileSync(exportTo(officeDb, path.join(dir, 'r1.bundle')), 'ascii');
    const file = path.join(dir, 'padded.bundle');
    // Trailing line ends after END are allowed, so only the size makes this file invalid.
    fs.writeFileSync(file, bundle + '\n'.repeat(MAX_BUNDLE_FILE_BYTES + 1 - bundle.length));
    expect(fs.statSync(file).size).toBe(MAX_BUNDLE_FILE_BYTES + 1);

    const result = importUnchanged(hq, file, 'too-large');

    expect(result.reason).toContain(String(MAX_BUNDLE_FILE_BYTES));
  });
});

describe('bundle import CLI', () => {
  it('mixed files print one line each and exit 1', () => {
    const dir = tempDir();
    const { officeDb, registration } = prepareOffice(dir);
    const hq = prepareHq(dir, [registration]);
    const first = exportTo(officeDb, path.join(dir, 'r1.bundle'));
    withContext(officeDb, (context) => importEntriesCsv(context, 'outcome,demand,target,note\n01,40,17,\n'));
    const second = exportTo(officeDb, path.join(dir, 'r2.bundle'));
    const tampered = writeTamperedCopy(second, path.join(dir, 'tampered.bundle'));

    const { code, stdout, stderr } = cli('bundle', 'import', '--db', hq, second, first, tampered);

    const lines = stdout.trimEnd().split('\n');
    expect(stderr).toBe('');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^r2\.bundle: accepted \(office AFR-ADDIS, revision 2\)$/);
    expect(lines[1]).toMatch(/^r1\.bundle: rejected: stale: revision 1 is older than revision 2/);
    expect(lines[2]).toMatch(/^tampered\.bundle: rejected: bad signature: /);
    expect(code).toBe(1);
  });

  it('only good files exit 0', () => {
    const dir = tempDir();
    const africa = prepareOffice(dir, AFRICA);
    const asia = prepareOffice(dir, ASIA);
    const hq = prepareHq(dir, [africa.registration, asia.registration]);
    const africaBundle = exportTo(africa.officeDb, path.join(dir, 'africa.bundle'));
    const asiaBundle = exportTo(asia.officeDb, path.join(dir, 'asia.bundle'));

    const { code, stdout } = cli('bundle', 'import', '--db', hq, africaBundle, asiaBundle);

    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^africa\.bundle: accepted/);
    expect(lines[1]).toMatch(/^asia\.bundle: accepted/);
    expect(code).toBe(0);
  });
});
