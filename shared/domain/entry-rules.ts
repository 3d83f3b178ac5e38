import { isWholeNumber } from './amounts.js';
import type { Cycle, Entry } from './types.js';
import { MAX_WHOLE_NUMBER } from '../numbers.js';

export const MAX_JUSTIFICATION_LENGTH = 4000;
export const COUNTRY_CODE_PATTERN = /^[A-Z]{3}$/;

/**
 * Finds the cycle's outcome for a code as typed. Spreadsheets drop leading zeros, so `1`
 * stands for `01`; anything else must match exactly.
 */
export function normaliseOutcomeCode(cycle: Cycle, raw: string): string | null {
  const trimmed = raw.trim();
  if (cycle.outcomes.some((o) => o.code === trimmed)) return trimmed;
  if (/^\d+$/.test(trimmed)) {
    const padded = trimmed.padStart(2, '0');
    if (cycle.outcomes.some((o) => o.code === padded)) return padded;
  }
  return null;
}

/**
 * Finds the first outcome that has both a whole-office row and rows per member State, which a
 * plan must not mix; returns null when there is none.
 */
export function findMixedBreakdown(entries: readonly Entry[]): string | null {
  const whole = new Set(entries.filter((e) => e.country === null).map((e) => e.outcome));
  return entries.find((e) => e.country !== null && whole.has(e.outcome))?.outcome ?? null;
}

/** Checks one entry's values against the cycle; returns a message naming the problem, or null. */
export function validateEntry(cycle: Cycle, entry: Entry): string | null {
  if (!cycle.outcomes.some((o) => o.code === entry.outcome)) {
    return `outcome "${entry.outcome}" is not an outcome of cycle ${cycle.code}.`;
  }
  if (entry.country !== null && !COUNTRY_CODE_PATTERN.test(entry.country)) {
    return `country "${entry.country}" is not an ISO 3166 alpha-3 code; use three letters such as SEN, or leave it empty.`;
  }
  for (const field of ['demand', 'target'] as const) {
    const value = entry[field];
    if (value !== null && (!isWholeNumber(value) || value > MAX_WHOLE_NUMBER)) {
      return `${field} ${String(value)} is not a whole number between 0 and ${MAX_WHOLE_NUMBER}.`;
    }
  }
  if (entry.justification.length > MAX_JUSTIFICATION_LENGTH) {
    return `the note has ${entry.justification.length} characters; shorten it to ${MAX_JUSTIFICATION_LENGTH} or fewer.`;
  }
  return null;
}
