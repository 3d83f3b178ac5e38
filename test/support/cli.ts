import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../electron/cli/run.js';
import { silentLogger } from '../../electron/services/logger.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SEEDS = path.join(ROOT, 'seeds');
export const PUBLISHED_TABLE = path.join(SEEDS, '2012-13', 'table1-published.csv');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a CLI command in this process, through the same entry the `planner` script uses. */
export function cli(...args: string[]): CliResult {
  let stdout = '';
  let stderr = '';
  const code = runCli(args, { out: (t) => (stdout += t), err: (t) => (stderr += t), logger: silentLogger });
  if (typeof code !== 'number') throw new Error(`${args.slice(0, 2).join(' ')} runs asynchronously; call cliAsync.`);
  return { code, stdout, stderr };
}

/** Runs a CLI command in this process and waits for it, for commands that finish asynchronously. */
export async function cliAsync(...args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { out: (t) => (stdout += t), err: (t) => (stderr += t), logger: silentLogger });
  return { code, stdout, stderr };
}

/** Runs `npm run planner -- ARGS` as a separate process, exactly as a user would. */
export function cliProcess(...args: string[]): CliResult {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(ROOT, 'electron', 'cli', 'main.ts'), ...args], {
    encoding: 'utf8',
    cwd: ROOT,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
