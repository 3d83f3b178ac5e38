import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isPlannerError } from '../../shared/api/errors.js';
import { FolderDialogs } from '../services/host/folder-dialogs.js';
import { PlannerSession } from '../services/host/session.js';
import { FileKeyStore, keyFilePath } from '../services/keys.js';
import { createLogger, parseLogLevel } from '../services/logger.js';
import { DEFAULT_SEEDS_DIR } from '../services/seeds.js';
import { startWebHost, type WebHost } from './server.js';
import { DEFAULT_CHROMIUM, htmlToPdf } from '../services/pdf.js';
import { reportHtml } from '../report-html.js';
import { enterUserFolder } from '../cli/user-cwd.js';

/**
 * Entry of `npm run web`: serves the built renderer and one database to a browser on this
 * computer. Stdout carries only the address line, so scripts can read it. Logs go to stderr.
 */

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const USAGE = `Usage: npm run web -- --db FILE [--port N] [--files DIR] [--static DIR]
  --db FILE     the installation's database; it is created by the set-up page when missing
  --port N      TCP port on 127.0.0.1 (default: a free port)
  --files DIR   folder for exports (DIR/out) and imports (DIR/in)
                (default: planner-files beside the database)
  --static DIR  the built renderer (default: dist/renderer in the project)
`;

class UsageError extends Error {}

// Info by default, because a long-running server should show its start, stop and rejected requests.
const logger = createLogger((line) => process.stderr.write(line), parseLogLevel(process.env.OUTCOME_PLANNER_LOG, 'info'));

interface WebOptions {
  dbPath: string;
  port: number;
  filesDir: string;
  staticDir: string;
}

function parseOptions(args: string[]): WebOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        db: { type: 'string' },
        port: { type: 'string' },
        files: { type: 'string' },
        static: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  if (!values.db) throw new UsageError('--db FILE is required.');

  const dbPath = path.resolve(values.db);
  const dbFolder = path.dirname(dbPath);
  if (!fs.existsSync(dbFolder)) throw new UsageError(`the folder of --db, ${dbFolder}, does not exist. Create it first.`);

  let port = 0;
  if (values.port !== undefined) {
    port = /^\d{1,5}$/.test(values.port) ? Number(values.port) : NaN;
    if (!(port >= 0 && port <= 65535)) throw new UsageError(`--port must be a whole number from 0 to 65535; got "${values.port}".`);
  }

  return {
    dbPath,
    port,
    filesDir: path.resolve(values.files ?? path.join(dbFolder, 'planner-files')),
    staticDir: path.resolve(values.static ?? path.join(PROJECT_ROOT, 'dist', 'renderer')),
  };
}

async function main(): Promise<number> {
  let options: WebOptions | 'help';
  try {
    enterUserFolder();
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`Error: ${error.message}\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }

  const indexFile = path.join(options.staticDir, 'index.html');
  if (!fs.existsSync(indexFile)) {
    process.stderr.write(`Error: ${indexFile} not found. Run \`npm run build:renderer\` first, or give the built renderer's folder with --static.\n`);
    return 1;
  }

  let session: PlannerSession;
  try {
    session = new PlannerSession({
      dbPath: options.dbPath,
      seedsDir: DEFAULT_SEEDS_DIR,
      logger,
      dialogs: new FolderDialogs(path.join(options.filesDir, 'out'), path.join(options.filesDir, 'in')),
      keyStore: new FileKeyStore(keyFilePath(options.dbPath)),
      keyProtection: 'file',
      // Save as PDF prints with the same headless Chromium as the CLI's print command.
      savePdf: (report, file) => htmlToPdf(reportHtml(report), file, { chromiumPath: process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM, logger }),
    });
  } catch (error) {
    if (!isPlannerError(error)) throw error;
    process.stderr.write(`Error: ${error.message}\n`);
    return 1;
  }

  let host: WebHost;
  try {
    host = await startWebHost({ session, staticDir: options.staticDir, port: options.port, logger });
  } catch (error) {
    session.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      process.stderr.write(`Error: port ${options.port} on 127.0.0.1 is already in use. Choose another with --port, or omit it for a free port.\n`);
      return 1;
    }
    throw error;
  }

  process.stdout.write(`Web host: ${host.url}?token=${host.token}\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn('second stop signal, exiting without waiting', { signal });
      process.exit(1);
    }
    stopping = true;
    logger.info('stop signal received', { signal });
    host
      .close()
      .then(() => {
        // Closing the session checkpoints the write-ahead log, so the database file alone is complete.
        session.close();
        process.exitCode = 0;
      })
      .catch((error: unknown) => {
        logger.error('web host shutdown failed', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
        process.exitCode = 1;
      })
      .finally(() => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    logger.error('web host failed to start', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exitCode = 1;
  },
);
