/**
 * Benchmarks of the headquarters data path, printing figures rather than asserting them.
 * Run with `npm run bench`; results are recorded in docs/benchmarks.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { closeContext, openContext } from '../../electron/services/context.js';
import { importEntriesCsv } from '../../electron/services/entries.js';
import { exportBundle, exportRegistration } from '../../electron/services/exchange/bundle-export.js';
import { importBundleFile } from '../../electron/services/exchange/bundle-import.js';
import { addTrust } from '../../electron/services/exchange/trust.js';
import { FileKeyStore, keyFilePath } from '../../electron/services/keys.js';
import { silentLogger } from '../../electron/services/logger.js';
import { DEFAULT_SEEDS_DIR } from '../../electron/services/seeds.js';
import { initDatabase } from '../../electron/services/setup.js';
import { consolidatedTable } from '../../electron/services/table.js';

const OFFICES = Number(process.env.BENCH_OFFICES ?? 60);
const STATES_PER_OFFICE = Number(process.env.BENCH_STATES ?? 12);
const REGIONS = ['africa', 'arab_states', 'asia', 'europe', 'americas'];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planner-bench-'));
const open = (db: string) => openContext(db, { logger: silentLogger, keyStore: new FileKeyStore(keyFilePath(db)) });
const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

function entriesCsv(seed: number): string {
  const lines = ['outcome,demand,target,note,country'];
  for (let outcome = 1; outcome <= 19; outcome += 1) {
    for (let state = 0; state < STATES_PER_OFFICE; state += 1) {
      const demand = (seed * 7 + outcome * 3 + state) % 9;
      const target = Math.max(0, demand - 1);
      const country = `${String.fromCharCode(65 + (seed % 26))}${String.fromCharCode(65 + (state % 26))}${String.fromCharCode(65 + (outcome % 26))}`;
      lines.push(`${String(outcome).padStart(2, '0')},${demand},${target},,${country}`);
    }
  }
  return lines.join('\n');
}

const hq = path.join(dir, 'hq.db');
initDatabase({ path: hq, role: 'hq', cycle: '2012-13', seedsDir: DEFAULT_SEEDS_DIR, logger: silentLogger });
const bundles: string[] = [];
const hqContext = open(hq);

const prepareStart = performance.now();
for (let i = 0; i < OFFICES; i += 1) {
  const id = `OFFICE-${String(i).padStart(3, '0')}`;
  const db = path.join(dir, `${id}.db`);
  initDatabase({
    path: db,
    role: 'office',
    cycle: '2012-13',
    office: { id, name: `Office ${i}`, region: REGIONS[i % REGIONS.length] as string },
    seedsDir: DEFAULT_SEEDS_DIR,
    logger: silentLogger,
    keyStore: new FileKeyStore(keyFilePath(db)),
  });
  const context = open(db);
  importEntriesCsv(context, entriesCsv(i));
  exportRegistration(context, path.join(dir, `${id}.key.txt`));
  exportBundle(context, path.join(dir, `${id}.bundle`));
  closeContext(context);
  addTrust(hqContext, fs.readFileSync(path.join(dir, `${id}.key.txt`)));
  bundles.push(path.join(dir, `${id}.bundle`));
}
const prepareMs = performance.now() - prepareStart;

const rssBefore = process.memoryUsage().rss;
const importStart = performance.now();
for (const bundle of bundles) importBundleFile(hqContext, bundle);
const importMs = performance.now() - importStart;

const tableStart = performance.now();
const table = consolidatedTable(hqContext);
const tableMs = performance.now() - tableStart;
const rssAfter = process.memoryUsage().rss;

const hostile = path.join(dir, 'huge.bundle');
fs.writeFileSync(hostile, '');
fs.truncateSync(hostile, 100 * 1024 * 1024);
const hostileStart = performance.now();
const verdict = importBundleFile(hqContext, hostile);
const hostileMs = performance.now() - hostileStart;
closeContext(hqContext);

const bundleBytes = fs.statSync(bundles[0] as string).size;
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
console.log(`offices: ${OFFICES}, entries per office: ${19 * STATES_PER_OFFICE}, bundle size: ${bundleBytes} bytes`);
console.log(`set-up, entry import, key and bundle export for all offices: ${prepareMs.toFixed(0)} ms`);
console.log(`bundle import: ${importMs.toFixed(0)} ms in all, ${(importMs / OFFICES).toFixed(1)} ms per bundle`);
console.log(`consolidated table of ${table.rows.length} outcomes: ${tableMs.toFixed(1)} ms`);
console.log(`RSS before import ${mib(rssBefore)} MiB, after table ${mib(rssAfter)} MiB`);
console.log(`100 MiB file: ${verdict.verdict} in ${hostileMs.toFixed(1)} ms, RSS ${mib(process.memoryUsage().rss)} MiB`);
fs.rmSync(dir, { recursive: true, force: true });
