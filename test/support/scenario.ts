import fs from 'node:fs';
import path from 'node:path';
import { parseCsv } from '../../shared/csv.js';
import { parseTableCsv, type FlatTable } from '../../shared/domain/table-format.js';
import { closeContext, openContext, type PlannerContext } from '../../electron/services/context.js';
import { FileKeyStore, keyFilePath } from '../../electron/services/keys.js';
import { silentLogger } from '../../electron/services/logger.js';
import { initDatabase } from '../../electron/services/setup.js';
import { importEntriesCsv } from '../../electron/services/entries.js';
import { exportBundle, exportRegistration } from '../../electron/services/exchange/bundle-export.js';
import { importBundleFile } from '../../electron/services/exchange/bundle-import.js';
import { addTrust } from '../../electron/services/exchange/trust.js';
import { PUBLISHED_TABLE, SEEDS } from './cli.js';

/** One office per region, as in the published table's columns. */
export const REGION_OFFICES = [
  { id: 'AFR-ADDIS', name: 'Regional Office for Africa', region: 'africa' },
  { id: 'ARB-BEIRUT', name: 'Regional Office for Arab States', region: 'arab_states' },
  { id: 'ASI-BANGKOK', name: 'Regional Office for Asia and the Pacific', region: 'asia' },
  { id: 'EUR-GENEVA', name: 'Regional Office for Europe and Central Asia', region: 'europe' },
  { id: 'AME-LIMA', name: 'Regional Office for Latin America and the Caribbean', region: 'americas' },
] as const;

export function publishedTable(): FlatTable {
  return parseTableCsv(parseCsv(fs.readFileSync(PUBLISHED_TABLE, 'utf8')));
}

/**
 * An entries file with one region's column of the published table. Targets above demand get
 * a justification, except where the cycle marks the two as not comparable.
 */
export function regionEntriesCsv(region: string): string {
  const table = publishedTable();
  const lines = ['outcome,demand,target,note'];
  for (const row of table.rows) {
    const demand = row.values[`${region}_demand`];
    const target = row.values[`${region}_target`];
    const note = demand !== null && demand !== undefined && target !== null && target !== undefined && target > demand ? 'Donor resources are available for this outcome.' : '';
    lines.push(`${row.outcome},${demand ?? ''},${target ?? ''},${note}`);
  }
  return lines.join('\n') + '\n';
}

export function createOffice(dir: string, office: { id: string; name: string; region: string }): string {
  const db = path.join(dir, `${office.id}.db`);
  initDatabase({ path: db, role: 'office', cycle: '2012-13', office, seedsDir: SEEDS, logger: silentLogger, keyStore: new FileKeyStore(keyFilePath(db)) });
  return db;
}

export function createHq(dir: string, name = 'hq.db'): string {
  const db = path.join(dir, name);
  initDatabase({ path: db, role: 'hq', cycle: '2012-13', seedsDir: SEEDS, logger: silentLogger });
  return db;
}

/** Opens a database, runs `body`, and closes it again. */
export function withContext<T>(db: string, body: (context: PlannerContext) => T, now?: () => Date): T {
  const context = openContext(db, { logger: silentLogger, keyStore: new FileKeyStore(keyFilePath(db)), actor: 'test', ...(now ? { now } : {}) });
  try {
    return body(context);
  } finally {
    closeContext(context);
  }
}

/** Returns a snapshot of headquarters' planning data (everything but the import history), for "unchanged" checks. */
export function planningState(db: string): string {
  return withContext(db, (context) => {
    const tables = ['office', 'office_key', 'contribution', 'contribution_entry', 'meta', 'outcome', 'region'];
    return JSON.stringify(tables.map((t) => context.db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()), (_key, value) =>
      Buffer.isBuffer(value) ? value.toString('hex') : value,
    );
  });
}

export function historyCount(db: string): number {
  return withContext(db, (context) => (context.db.prepare('SELECT count(*) AS n FROM received_file').get() as { n: number }).n);
}

/**
 * Creates the published table's scenario at headquarters: each regional office loads its region's
 * column, exports its key and a bundle, and headquarters trusts the key and imports the bundle.
 * Returns the headquarters database and the office databases by office id.
 */
export function createPaperHq(dir: string): { hq: string; officeDbs: Map<string, string> } {
  const hq = createHq(dir);
  const officeDbs = new Map<string, string>();
  for (const office of REGION_OFFICES) {
    const db = createOffice(dir, office);
    const key = path.join(dir, `${office.id}.key.txt`);
    const bundle = path.join(dir, `${office.id}.bundle`);
    withContext(db, (context) => {
      importEntriesCsv(context, regionEntriesCsv(office.region));
      exportRegistration(context, key);
      exportBundle(context, bundle);
    });
    withContext(hq, (context) => {
      addTrust(context, fs.readFileSync(key));
      const verdict = importBundleFile(context, bundle);
      if (verdict.verdict !== 'accepted') throw new Error(`The bundle of ${office.id} was not accepted: ${verdict.verdict}: ${verdict.reason}`);
    });
    officeDbs.set(office.id, db);
  }
  return { hq, officeDbs };
}
