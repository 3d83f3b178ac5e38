import type { Amount } from './types.js';

/**
 * A sum of amounts that keeps track of blanks, so a total built from partly missing
 * figures is never mistaken for a complete one.
 */
export interface AmountSum {
  /** Sum of the entered parts; null when no part was entered. */
  value: number | null;
  /** Number of parts that were entered (0 counts as entered). */
  entered: number;
  /** Number of parts that were not entered. */
  missing: number;
}

export function sumAmounts(parts: readonly Amount[]): AmountSum {
  let value: number | null = null;
  let entered = 0;
  let missing = 0;
  for (const part of parts) {
    if (part === null) {
      missing += 1;
    } else {
      value = (value ?? 0) + part;
      entered += 1;
    }
  }
  return { value, entered, missing };
}

/** Adds sums of disjoint part sets. */
export function combineSums(sums: readonly AmountSum[]): AmountSum {
  let value: number | null = null;
  let entered = 0;
  let missing = 0;
  for (const sum of sums) {
    if (sum.value !== null) value = (value ?? 0) + sum.value;
    entered += sum.entered;
    missing += sum.missing;
  }
  return { value, entered, missing };
}

export const EMPTY_SUM: AmountSum = Object.freeze({ value: null, entered: 0, missing: 0 });

export function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
