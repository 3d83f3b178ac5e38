import fs from 'node:fs';
import { PlannerError } from '../../shared/api/errors.js';
import { parseCsv, formatCsv, CsvError } from '../../shared/csv.js';
import { flattenTable, parseTableCsv, tableToCells, TableFormatError } from '../../shared/domain/table-format.js';
import { reconcile } from '../../shared/domain/reconcile.js';
import { checkPlan, describeIssue, blocksExport } from '../../shared/domain/rules.js';
import { formatVerdict, isRejection } from '../../shared/exchange/verdicts.js';
import { closeContext, cycleOf, openContext, profileOf, type PlannerContext } from '../services/context.js';
import { entriesToCsv, importEntriesCsv, listEntries, withLinePrefix } from '../services/entries.js';
import { exportBundle, exportRegistration, listExports } from '../services/exchange/bundle-export.js';
import { importBundleFile } from '../services/exchange/bundle-import.js';
import { addTrust, listTrust, replaceKey, revokeTrust } from '../services/exchange/trust.js';
import { MAX_REGISTRATION_FILE_BYTES } from '../services/exchange/formats.js';
import { readTextFile, readFileCapped } from '../services/files.js';
import { FileKeyStore, formatFingerprint, keyFilePath } from '../services/keys.js';
import type { Logger } from '../services/logger.js';
import { DEFAULT_SEEDS_DIR } from '../services/seeds.js';
import { initDatabase } from '../services/setup.js';
import { consolidatedTable } from '../services/table.js';
import { ImportRepository } from '../services/db/import-repo.js';
import { mismatchesAsText, tableAsText } from './format-table.js';
import { UsageError } from './usage.js';
import { reportHtml } from '../report-html.js';
import { buildReport } from '../services/reports.js';
import { DEFAULT_CHROMIUM, htmlToPdf } from '../services/pdf.js';
import { exportFile } from '../services/exports.js';

/** Largest CSV the CLI reads: entries files and published tables are a few kilobytes. */
const MAX_CSV_BYTES = 8 * 1024 * 1024;

export interface CommandIo {
  out: (text: string) => void;
  logger: Logger;
}

export type Options = Record<string, string | boolean | undefined>;

export interface CommandSpec {
  /** Words that name the command, such as `entries import`. */
  name: string;
  options: Record<string, { type: 'string' | 'boolean' }>;
  /** Positional arguments: `none`, `one` or `many`, with their name for help and errors. */
  positionals: { count: 'none' | 'one' | 'many'; name?: string };
  help: string;
  run: (options: Options, positionals: string[], io: CommandIo) => number | Promise<number>;
}

function required(options: Options, name: string): string {
  const value = options[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required.`);
  return value;
}

function choice<T extends string>(options: Options, name: string, allowed: readonly T[], fallback: T): T {
  const value = options[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} ${String(value)} is not valid; use one of: ${allowed.join(', ')}.`);
  }
  return value as T;
}

/** Opens the database named by --db for one command and always closes it. */
function withDb<T>(options: Options, io: CommandIo, body: (context: PlannerContext) => T): T {
  const path = required(options, 'db');
  const context = openContext(path, { logger: io.logger, keyStore: new FileKeyStore(keyFilePath(path)) });
  try {
    return body(context);
  } finally {
    closeContext(context);
  }
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Reads a key registration file, refusing a missing or oversized one with a plain message. */
function readRegistrationFile(file: string): Buffer {
  let read;
  try {
    read = readFileCapped(file, MAX_REGISTRATION_FILE_BYTES);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new PlannerError('not-found', `File ${file} not found; check the path.`);
    throw new PlannerError('invalid-input', `Cannot read ${file}: ${(error as Error).message}`);
  }
  if (!read.ok) throw new PlannerError('invalid-input', `${file} has ${read.size} bytes; a key registration file is far smaller. Check that it is the right file.`);
  return read.bytes;
}

export const COMMANDS: CommandSpec[] = [
  {
    name: 'init',
    options: {
      db: { type: 'string' },
      role: { type: 'string' },
      'office-id': { type: 'string' },
      'office-name': { type: 'string' },
      region: { type: 'string' },
      cycle: { type: 'string' },
    },
    positionals: { count: 'none' },
    help: `init --db FILE --role office --office-id ID --office-name NAME --region CODE [--cycle 2012-13]
init --db FILE --role hq [--cycle 2012-13]

Creates a new database for one installation. An office database also gets a new Ed25519 key
pair; the private key is written to FILE.key, readable by its owner only. Back it up: bundles
cannot be signed without it.`,
    run(options, _positionals, io) {
      const db = required(options, 'db');
      const role = choice(options, 'role', ['office', 'hq'] as const, 'office');
      if (options.role === undefined) throw new UsageError('--role is required; use office or hq.');
      const cycle = typeof options.cycle === 'string' ? options.cycle : '2012-13';
      if (role === 'hq') {
        for (const name of ['office-id', 'office-name', 'region']) {
          if (options[name] !== undefined) throw new UsageError(`--${name} applies to office databases only.`);
        }
        initDatabase({ path: db, role, cycle, seedsDir: DEFAULT_SEEDS_DIR, logger: io.logger });
        io.out(`Created headquarters database ${db} for cycle ${cycle}.\n`);
        return 0;
      }
      const office = { id: required(options, 'office-id'), name: required(options, 'office-name'), region: required(options, 'region') };
      const profile = initDatabase({ path: db, role, cycle, office, seedsDir: DEFAULT_SEEDS_DIR, logger: io.logger, keyStore: new FileKeyStore(keyFilePath(db)) });
      io.out(
        `Created office database ${db} for ${office.id} (${office.name}), region ${office.region}, cycle ${cycle}.\n` +
          `Private key: ${keyFilePath(db)} (keep it safe and back it up)\n` +
          `Key fingerprint: ${formatFingerprint(profile.keyFingerprint ?? '')}\n`,
      );
      return 0;
    },
  },
  {
    name: 'entries import',
    options: { db: { type: 'string' } },
    positionals: { count: 'one', name: 'CSV' },
    help: `entries import --db FILE CSV

Reads an entries file (columns outcome,demand,target,note and optionally country; comma- or
semicolon-separated, UTF-8 with or without BOM) and replaces the entries of every outcome it
names. A blank demand or target means "not entered", never 0. Any bad row stops the import
with its line number and nothing is written.`,
    run(options, positionals, io) {
      const file = positionals[0] as string;
      const text = readTextFile(file, MAX_CSV_BYTES);
      const summary = withDb(options, io, (context) => importEntriesCsv(context, text));
      io.out(`Imported ${summary.rows} row(s) for ${summary.outcomes} outcome(s); ${summary.changedValues} value(s) changed.\n`);
      return 0;
    },
  },
  {
    name: 'entries list',
    options: { db: { type: 'string' }, format: { type: 'string' } },
    positionals: { count: 'none' },
    help: `entries list --db FILE [--format csv|json]

Prints the office's entries. The CSV has the columns that \`entries import\` reads.`,
    run(options, _positionals, io) {
      const format = choice(options, 'format', ['csv', 'json'] as const, 'csv');
      const entries = withDb(options, io, (context) => listEntries(context));
      io.out(format === 'csv' ? entriesToCsv(entries) : json(entries));
      return 0;
    },
  },
  {
    name: 'check',
    options: { db: { type: 'string' } },
    positionals: { count: 'none' },
    help: `check --db FILE

Lists every rule the office's plan still breaks. Exit 1 when a rule blocks the bundle export
(a target above demand without a justification).`,
    run(options, _positionals, io) {
      const issues = withDb(options, io, (context) => checkPlan(cycleOf(context), listEntries(context, 'check')));
      for (const issue of issues) io.out(`${blocksExport(issue) ? 'blocks export' : 'warning'}: ${describeIssue(issue)}\n`);
      io.out(issues.length === 0 ? 'Every rule is met.\n' : `${issues.length} issue(s).\n`);
      return issues.some(blocksExport) ? 1 : 0;
    },
  },
  {
    name: 'key export',
    options: { db: { type: 'string' }, out: { type: 'string' } },
    positionals: { count: 'none' },
    help: `key export --db FILE --out FILE

Writes the office's public-key registration file. Send it to headquarters, and read the
fingerprint to them by another channel so they can check the file before trusting it.`,
    run(options, _positionals, io) {
      const out = required(options, 'out');
      const result = withDb(options, io, (context) => exportRegistration(context, out));
      io.out(`Wrote key registration for office ${result.officeId} (region ${result.region}) to ${out}.\nKey fingerprint: ${formatFingerprint(result.keyFingerprint)}\n`);
      return 0;
    },
  },
  {
    name: 'bundle export',
    options: { db: { type: 'string' }, out: { type: 'string' } },
    positionals: { count: 'none' },
    help: `bundle export --db FILE --out FILE

Signs the office's whole plan as the next revision and writes it to FILE. Refused (exit 1)
while a target above demand has no justification.`,
    run(options, _positionals, io) {
      const out = required(options, 'out');
      const result = withDb(options, io, (context) => exportBundle(context, out));
      io.out(`Exported revision ${result.revision} of office ${result.officeId} to ${out}.\nKey fingerprint: ${formatFingerprint(result.keyFingerprint)}\nBundle SHA-256: ${result.fileSha256}\n`);
      return 0;
    },
  },
  {
    name: 'bundle history',
    options: { db: { type: 'string' } },
    positionals: { count: 'none' },
    help: `bundle history --db FILE

Lists the revisions this office has exported.`,
    run(options, _positionals, io) {
      const records = withDb(options, io, (context) => listExports(context));
      if (records.length === 0) io.out('No bundle exported yet.\n');
      for (const r of records) io.out(`revision ${r.revision}  ${r.exportedAt}  ${r.fileName}  sha256 ${r.fileSha256}\n`);
      return 0;
    },
  },
  {
    name: 'trust add',
    options: { db: { type: 'string' } },
    positionals: { count: 'one', name: 'KEYFILE' },
    help: `trust add --db FILE KEYFILE

Trusts an office's key from its registration file and prints the office id, region and key
fingerprint. Compare the fingerprint with the one the office reads to you.`,
    run(options, positionals, io) {
      const bytes = readRegistrationFile(positionals[0] as string);
      const result = withDb(options, io, (context) => addTrust(context, bytes));
      io.out(
        `${result.added ? 'Trusted' : 'Already trusted:'} office ${result.officeId} (${result.officeName}), region ${result.region}\n` +
          `Key fingerprint: ${formatFingerprint(result.keyFingerprint)}\n`,
      );
      return 0;
    },
  },
  {
    name: 'trust replace',
    options: { db: { type: 'string' }, 'office-id': { type: 'string' } },
    positionals: { count: 'one', name: 'KEYFILE' },
    help: `trust replace --db FILE --office-id ID KEYFILE

Replaces a trusted office's key with the one in a new registration file, after you have
confirmed the new fingerprint with the office. --office-id must repeat the office id of the
file as confirmation. Bundles signed with the old key are refused from then on; the change is
recorded in the trust history.`,
    run(options, positionals, io) {
      const officeId = required(options, 'office-id');
      const bytes = readRegistrationFile(positionals[0] as string);
      const result = withDb(options, io, (context) => replaceKey(context, bytes, officeId));
      io.out(`Replaced the key of office ${result.officeId} (${result.officeName}), region ${result.region}\nKey fingerprint: ${formatFingerprint(result.keyFingerprint)}\n`);
      return 0;
    },
  },
  {
    name: 'trust list',
    options: { db: { type: 'string' }, format: { type: 'string' } },
    positionals: { count: 'none' },
    help: `trust list --db FILE [--format text|json]

Lists the trusted offices with their region, key fingerprint and state.`,
    run(options, _positionals, io) {
      const format = choice(options, 'format', ['text', 'json'] as const, 'text');
      const offices = withDb(options, io, (context) => listTrust(context));
      const rows = offices.map((o) => ({ officeId: o.id, name: o.name, region: o.region, keyFingerprint: o.fingerprint, addedAt: o.addedAt, revokedAt: o.revokedAt }));
      if (format === 'json') {
        io.out(json(rows));
        return 0;
      }
      if (rows.length === 0) io.out('No office is trusted yet; add one with `trust add`.\n');
      for (const r of rows) {
        io.out(`${r.officeId}\t${r.region}\t${r.revokedAt ? 'revoked ' + r.revokedAt : 'trusted'}\t${formatFingerprint(r.keyFingerprint ?? '')}\t${r.name}\n`);
      }
      return 0;
    },
  },
  {
    name: 'trust revoke',
    options: { db: { type: 'string' }, 'office-id': { type: 'string' } },
    positionals: { count: 'none' },
    help: `trust revoke --db FILE --office-id ID

Stops accepting bundles signed by that office's key. Its last accepted bundle stays in the
consolidated table.`,
    run(options, _positionals, io) {
      const officeId = required(options, 'office-id');
      const office = withDb(options, io, (context) => revokeTrust(context, officeId));
      io.out(`Revoked office ${office.id} (key ${formatFingerprint(office.fingerprint ?? '')}).\n`);
      return 0;
    },
  },
  {
    name: 'bundle import',
    options: { db: { type: 'string' } },
    positionals: { count: 'many', name: 'BUNDLE' },
    help: `bundle import --db FILE BUNDLE...

Verifies and imports bundle files, each on its own: one line per file, "accepted",
"already imported" or "rejected: REASON". A rejected file changes nothing but the import
history. Exit 1 when any file is rejected.`,
    run(options, positionals, io) {
      let rejected = false;
      withDb(options, io, (context) => {
        for (const file of positionals) {
          const verdict = importBundleFile(context, file);
          if (isRejection(verdict.verdict)) rejected = true;
          io.out(`${formatVerdict(verdict)}\n`);
        }
      });
      return rejected ? 1 : 0;
    },
  },
  {
    name: 'imports list',
    options: { db: { type: 'string' }, format: { type: 'string' } },
    positionals: { count: 'none' },
    help: `imports list --db FILE [--format text|json]

Lists every bundle file headquarters received, with its verdict and reason.`,
    run(options, _positionals, io) {
      const format = choice(options, 'format', ['text', 'json'] as const, 'text');
      const history = withDb(options, io, (context) => new ImportRepository(context.db).history());
      if (format === 'json') {
        io.out(json(history));
        return 0;
      }
      if (history.length === 0) io.out('No bundle received yet.\n');
      for (const h of history) {
        io.out(`${h.receivedAt}  ${h.fileName}  ${h.verdict}${h.flagged ? ' (flagged)' : ''}  ${h.officeId ?? '-'} rev ${h.revision ?? '-'}  ${h.reason}\n`);
      }
      return 0;
    },
  },
  {
    name: 'table',
    options: { db: { type: 'string' }, format: { type: 'string' } },
    positionals: { count: 'none' },
    help: `table --db FILE [--format csv|json|text]

Prints the consolidated table: outcomes by region, prioritized demand and proposed target,
with totals computed as sums. A cell nobody entered is empty, not 0. The JSON form also counts
the figures entered and missing behind each cell.`,
    run(options, _positionals, io) {
      const format = choice(options, 'format', ['csv', 'json', 'text'] as const, 'text');
      const table = withDb(options, io, (context) => consolidatedTable(context));
      if (format === 'csv') io.out(formatCsv(tableToCells(flattenTable(table)), { lineEnd: '\n' }));
      else if (format === 'json') io.out(json(table));
      else io.out(tableAsText(table));
      return 0;
    },
  },
  {
    name: 'reconcile',
    options: { published: { type: 'string' }, db: { type: 'string' }, format: { type: 'string' } },
    positionals: { count: 'none' },
    help: `reconcile --published CSV [--db FILE] [--format text|json]

Checks a published table (the columns of \`table --format csv\`): every row total against the
sum of its regions and every cell of the total row against the sum of its column; with --db,
also every published cell against the database's consolidated figures. Exit 1 when anything
disagrees.`,
    run(options, _positionals, io) {
      const file = required(options, 'published');
      const format = choice(options, 'format', ['text', 'json'] as const, 'text');
      const text = readTextFile(file, MAX_CSV_BYTES);

      let consolidated;
      let regions: string[] | undefined;
      if (typeof options.db === 'string') {
        consolidated = withDb(options, io, (context) => {
          profileOf(context);
          return flattenTable(consolidatedTable(context));
        });
        regions = consolidated.regionCodes;
      }
      let published;
      try {
        published = parseTableCsv(parseCsv(text), regions);
      } catch (error) {
        if (error instanceof CsvError || error instanceof TableFormatError) {
          throw new PlannerError('invalid-input', `${file}: ${withLinePrefix(error.message, error.line)}`);
        }
        throw error;
      }
      const mismatches = reconcile(published, consolidated);
      io.out(format === 'json' ? `${JSON.stringify({ mismatches })}\n` : mismatchesAsText(mismatches));
      return mismatches.length > 0 ? 1 : 0;
    },
  },
];

COMMANDS.push(
  {
    name: 'print',
    options: { db: { type: 'string' }, out: { type: 'string' }, report: { type: 'string' }, chromium: { type: 'string' } },
    positionals: { count: 'none' },
    help: `print --db FILE --out PDF [--report summary|table|status] [--chromium PATH]

Prints a report to PDF with headless Chromium (default ${DEFAULT_CHROMIUM}), the same layout the
app prints: summary (an office's plan, with the key fingerprint and bundle hash on every page),
table (Table 1 on A4 landscape, with the offices it is built from) or status (who has sent
what). The default report is summary for an office database and table at headquarters.`,
    async run(options, _positionals, io) {
      const out = required(options, 'out');
      const chosen = options.report === undefined ? null : choice(options, 'report', ['summary', 'table', 'status'] as const, 'summary');
      const report = withDb(options, io, (context) => buildReport(context, chosen ?? (profileOf(context).role === 'office' ? 'summary' : 'table')));
      const chromiumPath = typeof options.chromium === 'string' ? options.chromium : (process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM);
      const { pages } = await htmlToPdf(reportHtml(report), out, { chromiumPath, logger: io.logger });
      io.out(`Printed the ${report.kind} report to ${out} (${pages} page${pages === 1 ? '' : 's'}).\n`);
      return 0;
    },
  },
  {
    name: 'export',
    options: { db: { type: 'string' }, out: { type: 'string' }, format: { type: 'string' } },
    positionals: { count: 'none' },
    help: `export --db FILE --out FILE [--format csv|xlsx|json]

Writes the office's entries, or at headquarters the consolidated table, for spreadsheets:
CSV (UTF-8 with byte-order mark, formula-like text neutralised, blank for not entered), XLSX
(numbers as numbers, frozen header, totals row as values) or JSON. The default format comes
from the file name's extension, else csv.`,
    async run(options, _positionals, io) {
      const out = required(options, 'out');
      const fromName = /\.(csv|xlsx|json)$/i.exec(out)?.[1]?.toLowerCase() as 'csv' | 'xlsx' | 'json' | undefined;
      const extension = /\.([^./\\]+)$/.exec(out)?.[1];
      if (options.format === undefined && fromName === undefined && extension !== undefined) {
        throw new UsageError(`the file name ends in .${extension}, which is not an export format; use .csv, .xlsx or .json, or give --format.`);
      }
      const format = choice(options, 'format', ['csv', 'xlsx', 'json'] as const, fromName ?? 'csv');
      const path = required(options, 'db');
      const context = openContext(path, { logger: io.logger, keyStore: new FileKeyStore(keyFilePath(path)) });
      try {
        const result = await exportFile(context, out, format);
        io.out(`Exported ${result.rows} row(s) as ${result.format.toUpperCase()} to ${out}.\n`);
      } finally {
        closeContext(context);
      }
      return 0;
    },
  },
);

/** Finds the command named by the first words of the argument list. */
export function findCommand(args: readonly string[]): { spec: CommandSpec; rest: string[] } | null {
  const sorted = [...COMMANDS].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  for (const spec of sorted) {
    const words = spec.name.split(' ');
    if (words.every((word, index) => args[index] === word)) return { spec, rest: args.slice(words.length) };
  }
  return null;
}

export function existsOrUsage(file: string): void {
  if (!fs.existsSync(file)) throw new PlannerError('not-found', `File ${file} not found; check the path.`);
}
