import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cycleFromSeed } from '../../shared/domain/cycle-schema.js';
import type { Cycle } from '../../shared/domain/types.js';
import { PlannerError } from '../../shared/api/errors.js';

/** The seeds/ folder of the source tree; the packaged app passes its resources folder instead. */
export const DEFAULT_SEEDS_DIR = fileURLToPath(new URL('../../seeds/', import.meta.url));

export function listSeededCycles(seedsDir: string): string[] {
  if (!fs.existsSync(seedsDir)) return [];
  return fs
    .readdirSync(seedsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(seedsDir, d.name, 'cycle.json')))
    .map((d) => d.name)
    .sort();
}

/** Reads and validates `seeds/<code>/cycle.json`. */
export function loadCycleSeed(seedsDir: string, code: string): { cycle: Cycle; source: string } {
  const file = path.join(seedsDir, code, 'cycle.json');
  if (!/^\d{4}-\d{2}$/.test(code) || !fs.existsSync(file)) {
    const known = listSeededCycles(seedsDir);
    throw new PlannerError('invalid-input', `Cycle "${code}" is not known; use one of: ${known.join(', ') || '(none found in ' + seedsDir + ')'}.`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PlannerError('storage', `The cycle seed ${file} is not valid JSON: ${(error as Error).message}`);
  }
  try {
    const cycle = cycleFromSeed(raw);
    return { cycle, source: (raw as { source: string }).source };
  } catch (error) {
    throw new PlannerError('storage', `The cycle seed ${file} is invalid: ${(error as Error).message}`);
  }
}
