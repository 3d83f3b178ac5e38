import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { closeContext, openContext } from '../../electron/services/context.js';
import { importEntriesCsv } from '../../electron/services/entries.js';
import { decodeArmor } from '../../electron/services/exchange/armor.js';
import { exportBundle, exportRegistration } from '../../electron/services/exchange/bundle-export.js';
import { importBundleFile } from '../../electron/services/exchange/bundle-import.js';
import { BUNDLE_HEADERS, BUNDLE_LABEL, MAX_DECOMPRESSED_BYTES, MAX_PAYLOAD_BYTES } from '../../electron/services/exchange/formats.js';
import { addTrust } from '../../electron/services/exchange/trust.js';
import { FileKeyStore, keyFilePath } from '../../electron/services/keys.js';
import { silentLogger } from '../../electron/services/logger.js';
import type { ImportVerdict, VerdictKind } from '../../shared/exchange/verdicts.js';
import { createHq, createOffice, historyCount, planningState, regionEntriesCsv, REGION_OFFICES, withContext } from '../support/scenario.js';
import { tempDir } from '../support/temp.js';
import { createRandom } from '../support/random.js';
import { writeSignedBundle as writeCraftedBundle } from '../support/crafted-bundle.js';

const AFRICA = REGION_OFFICES[0];
const MIB = 1024 * 1024;

/** Allowed RSS growth beyond the decompression cap while one hostile bundle is examined. */
const MEMORY_SLACK_BYTES = 64 * MIB;

interface Exchange {
  dir: string;
  officeDb: string;
  hq: string;
  /** A valid revision-1 bundle that the HQ has not imported. */
  bundle: string;
}

/** Creates an office with its region's figures and an HQ that trusts it but has accepted nothing yet. */
function prepareExchange(): Exchange {
  const dir = tempDir();
  const officeDb = createOffice(dir, AFRICA);
  const registration = path.join(dir, 'registration.txt');
  const bundle = path.join(dir, 'r1.bundle');
  withContext(officeDb, (context) => {
    importEntriesCsv(context, regionEntriesCsv(AFRICA.region));
    exportRegistration(context, registration);
    exportBundle(context, bundle);
  });
  const hq = createHq(dir);
  withContext(hq, (context) => addTrust(context, fs.readFileSync(registration)));
  return { dir, officeDb, hq, bundle };
}

function lastReason(hq: string): string | undefined {
  return withContext(hq, (context) => {
    const row = context.db.prepare('SELECT reason FROM received_file ORDER BY id DESC LIMIT 1').get() as { reason: string } | undefined;
    return row?.reason;
  });
}

/**
 * Imports `file` and checks that it was rejected with `verdict`, that the planning state is
 * byte-identical, and that the import history gained exactly one row.
 */
function importRejected(hq: string, file: string, verdict: VerdictKind): ImportVerdict {
  const stateBefore = planningState(hq);
  const historyBefore = historyCount(hq);

  const result = withContext(hq, (context) => importBundleFile(context, file));

  expect(result.verdict, result.reason).toBe(verdict);
  expect(planningState(hq), 'planning state after the import').toBe(stateBefore);
  expect(historyCount(hq), 'import history rows').toBe(historyBefore + 1);
  expect(lastReason(hq), 'reason in the import history').toBe(result.reason);
  return result;
}

/** Decodes the signed JSON text of a bundle file without checking it. */
function readPayloadJson(file: string): string {
  const decoded = decodeArmor(fs.readFileSync(file), { label: BUNDLE_LABEL, headers: BUNDLE_HEADERS, maxPayloadBytes: MAX_PAYLOAD_BYTES });
  if (!decoded.ok) throw new Error(`test setup: ${file} does not decode: ${decoded.reason}`);
  return zlib.gunzipSync(decoded.message.payload).toString('utf8');
}

/** Writes a bundle of office AFRICA, revision 1, carrying `payloadBytes` signed with its real key. */
function writeSignedBundle(file: string, officeDb: string, payloadBytes: Buffer, headers: Record<string, string> = {}): string {
  return writeCraftedBundle(file, officeDb, payloadBytes, { Office: AFRICA.id, Revision: '1', ...headers });
}

function randomBytes(seed: number, length: number): Buffer {
  const random = createRandom(seed);
  const bytes = Buffer.alloc(length);
  for (let index = 0; index < length; index++) bytes[index] = Math.floor(random() * 256);
  return bytes;
}

/**
 * A multi-member gzip stream of `mebibytes` MiB of zeros, built from one compressed MiB so
 * that building it never allocates the expanded size.
 */
function gzipBomb(mebibytes: number): Buffer {
  const member = zlib.gzipSync(Buffer.alloc(MIB), { level: 9 });
  return Buffer.concat(Array.from({ length: mebibytes }, () => member));
}

/** RSS and peak RSS growth in bytes while `body` runs. */
function measureMemory<T>(body: () => T): { result: T; rssGrowth: number; peakGrowth: number } {
  const rssBefore = process.memoryUsage().rss;
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  const result = body();
  const rssGrowth = process.memoryUsage().rss - rssBefore;
  const peakGrowth = process.resourceUsage().maxRSS * 1024 - peakBefore;
  return { result, rssGrowth, peakGrowth };
}

function formatMib(bytes: number): string {
  return `${(bytes / MIB).toFixed(1)} MiB`;
}

/** Byte range [start, end) of the `Signature:` header line, line end included. */
function signatureLineRange(bytes: Buffer): { start: number; end: number } {
  const start = bytes.indexOf('\nSignature: ') + 1;
  const end = bytes.indexOf('\n', start) + 1;
  return { start, end };
}

/**
 * Imports the bundle once per position in `positions` with that byte XOR 0x01, on one open
 * HQ context. Returns how many imports got each verdict and the positions not rejected.
 */
function importEachFlip(exchange: Exchange, positions: number[]): { counts: Record<string, number>; notRejected: string[] } {
  const original = fs.readFileSync(exchange.bundle);
  const file = path.join(exchange.dir, 'flipped.bundle');
  const counts: Record<string, number> = {};
  const notRejected: string[] = [];
  const context = openContext(exchange.hq, { logger: silentLogger, keyStore: new FileKeyStore(keyFilePath(exchange.hq)), actor: 'test' });
  try {
    for (const position of positions) {
      const flipped = Buffer.from(original);
      flipped[position] = (flipped[position] ?? 0) ^ 0x01;
      fs.writeFileSync(file, flipped);
      const { verdict } = importBundleFile(context, file);
      counts[verdict] = (counts[verdict] ?? 0) + 1;
      if (verdict === 'accepted' || verdict === 'already-imported') {
        notRejected.push(`byte ${position} (${JSON.stringify(String.fromCharCode(original[position] ?? 0))}): ${verdict}`);
      }
    }
  } finally {
    closeContext(context);
  }
  return { counts, notRejected };
}

// The memory tests run first, because peak RSS only shows growth above the highest RSS the
// worker process has reached so far.
describe('gzip bomb', () => {
  it('signed with the trusted key is too large', () => {
    const exchange = prepareExchange();
    const bomb = gzipBomb(64);
    const file = writeSignedBundle(path.join(exchange.dir, 'bomb.bundle'), exchange.officeDb, bomb);

    const { result, rssGrowth, peakGrowth } = measureMemory(() => importRejected(exchange.hq, file, 'too-large'));
    console.log(
      `signed gzip bomb: ${bomb.length} compressed bytes for 64 MiB; RSS growth ${formatMib(rssGrowth)}, ` +
        `peak RSS growth ${formatMib(peakGrowth)}, cap ${formatMib(MAX_DECOMPRESSED_BYTES)}`,
    );

    expect(result.reason).toContain(String(MAX_DECOMPRESSED_BYTES));
    expect(rssGrowth, 'RSS growth in bytes').toBeLessThan(MAX_DECOMPRESSED_BYTES + MEMORY_SLACK_BYTES);
    expect(peakGrowth, 'peak RSS growth in bytes').toBeLessThan(MAX_DECOMPRESSED_BYTES + MEMORY_SLACK_BYTES);
  });

  it('with a garbage signature is a bad signature', () => {
    const exchange = prepareExchange();
    const bomb = gzipBomb(64);
    const garbage = randomBytes(11, 64).toString('base64');
    const file = writeSignedBundle(path.join(exchange.dir, 'unsigned-bomb.bundle'), exchange.officeDb, bomb, { Signature: garbage });

    const { rssGrowth, peakGrowth } = measureMemory(() => importRejected(exchange.hq, file, 'bad-signature'));
    console.log(`unsigned gzip bomb: RSS growth ${formatMib(rssGrowth)}, peak RSS growth ${formatMib(peakGrowth)}`);

    expect(peakGrowth, 'peak RSS growth in bytes').toBeLessThan(MAX_DECOMPRESSED_BYTES);
  });
});

describe('oversized file', () => {
  it('of 100 MiB is too large unread', () => {
    const exchange = prepareExchange();
    const file = path.join(exchange.dir, 'huge.bundle');
    fs.writeFileSync(file, '');
    fs.truncateSync(file, 100 * MIB);

    const { result, rssGrowth, peakGrowth } = measureMemory(() => importRejected(exchange.hq, file, 'too-large'));
    console.log(`100 MiB sparse file: RSS growth ${formatMib(rssGrowth)}, peak RSS growth ${formatMib(peakGrowth)}`);

    expect(result.reason).toContain('not read');
    expect(peakGrowth, 'peak RSS growth in bytes').toBeLessThan(16 * MIB);
  });
});

describe('truncated bundle', () => {
  for (const fraction of [0.5, 0.99]) {
    it(`at ${fraction * 100}% is malformed`, () => {
      const exchange = prepareExchange();
      const bytes = fs.readFileSync(exchange.bundle);
      const file = path.join(exchange.dir, 'truncated.bundle');
      fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * fraction)));

      const result = importRejected(exchange.hq, file, 'malformed');

      expect(result.reason).toContain('truncated');
    });
  }
});

describe('single byte flip', () => {
  it('outside the signature line is rejected', () => {
    const exchange = prepareExchange();
    const size = fs.statSync(exchange.bundle).size;
    const signature = signatureLineRange(fs.readFileSync(exchange.bundle));
    const positions = Array.from({ length: size }, (_, position) => position).filter((p) => p < signature.start || p >= signature.end);
    const stateBefore = planningState(exchange.hq);
    const historyBefore = historyCount(exchange.hq);

    const started = performance.now();
    const { counts, notRejected } = importEachFlip(exchange, positions);
    console.log(`byte flips outside the signature line: ${positions.length} files in ${Math.round(performance.now() - started)} ms, verdicts ${JSON.stringify(counts)}`);

    expect(notRejected, 'flips that were not rejected').toEqual([]);
    expect(planningState(exchange.hq), 'planning state after every flip').toBe(stateBefore);
    expect(historyCount(exchange.hq), 'import history rows').toBe(historyBefore + positions.length);
  });

  // Node's base64 decoder skips characters outside the alphabet, so the header needs its own check.
  it('on the signature line is rejected', () => {
    const exchange = prepareExchange();
    const signature = signatureLineRange(fs.readFileSync(exchange.bundle));
    const positions = Array.from({ length: signature.end - signature.start }, (_, offset) => signature.start + offset);
    const stateBefore = planningState(exchange.hq);

    const { counts, notRejected } = importEachFlip(exchange, positions);
    console.log(`byte flips on the signature line: ${positions.length} files, verdicts ${JSON.stringify(counts)}, not rejected: ${notRejected.join('; ')}`);

    expect(notRejected, 'flips that were not rejected').toEqual([]);
    expect(planningState(exchange.hq), 'planning state after every flip').toBe(stateBefore);
  });
});

describe('signed hostile JSON', () => {
  const cases: { name: string; revision: string; edit: (json: string) => string; reasonPart: string }[] = [
    { name: '__proto__ key', revision: '1', edit: (json) => json.replace('{', '{"__proto__":{"polluted":true},'), reasonPart: '__proto__' },
    { name: 'duplicate revision key', revision: '1', edit: (json) => json.replace('{', '{"revision":1,'), reasonPart: 'duplicate key "revision"' },
    {
      name: 'revision above 2^53',
      revision: '9007199254740993',
      edit: (json) => json.replace('"revision":1,', '"revision":9007199254740993,'),
      reasonPart: '9007199254740993',
    },
    { name: 'unknown field', revision: '1', edit: (json) => json.replace('{', '{"comment":"extra",'), reasonPart: 'comment' },
  ];

  for (const hostile of cases) {
    it(`with ${hostile.name} is malformed`, () => {
      const exchange = prepareExchange();
      const json = hostile.edit(readPayloadJson(exchange.bundle));
      const payload = zlib.gzipSync(Buffer.from(json, 'utf8'));
      const file = writeSignedBundle(path.join(exchange.dir, 'hostile.bundle'), exchange.officeDb, payload, { Revision: hostile.revision });

      const result = importRejected(exchange.hq, file, 'malformed');

      expect(result.reason).toContain(hostile.reasonPart);
      expect(({} as { polluted?: unknown }).polluted, 'Object.prototype.polluted').toBeUndefined();
    });
  }

  it('with invalid UTF-8 is malformed', () => {
    const exchange = prepareExchange();
    const json = Buffer.from(readPayloadJson(exchange.bundle), 'utf8');
    // 0xC3 0x28 is a two-byte lead followed by an ASCII byte, which UTF-8 forbids.
    const invalid = Buffer.concat([json.subarray(0, 20), Buffer.from([0xc3, 0x28]), json.subarray(20)]);
    const file = writeSignedBundle(path.join(exchange.dir, 'latin.bundle'), exchange.officeDb, zlib.gzipSync(invalid));

    importRejected(exchange.hq, file, 'malformed');
  });
});

describe('not a bundle', () => {
  for (const [seed, length] of [
    [1, 1],
    [2, 100],
    [3, 4096],
    [4, 1_000_000],
  ] as const) {
    it(`random ${length} bytes are malformed`, () => {
      const exchange = prepareExchange();
      const file = path.join(exchange.dir, 'random.bundle');
      fs.writeFileSync(file, randomBytes(seed, length));

      importRejected(exchange.hq, file, 'malformed');
    });
  }

  it('lower-case BEGIN line is malformed', () => {
    const exchange = prepareExchange();
    const text = fs.readFileSync(exchange.bundle, 'ascii');
    const newline = text.indexOf('\n');
    const file = path.join(exchange.dir, 'lower.bundle');
    fs.writeFileSync(file, text.slice(0, newline).toLowerCase() + text.slice(newline));

    const result = importRejected(exchange.hq, file, 'malformed');

    expect(result.reason).toContain('first line');
  });
});
