import type { AmountSum } from '../../shared/domain/amounts.js';
import type { Amount } from '../../shared/domain/types.js';

/** Formats a figure for print: blank stays blank, never 0. */
export function figure(value: Amount, locale: string): string {
  return value === null ? '' : new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** Formats a total, with an asterisk when some of its parts were not entered. */
export function total(sum: AmountSum, locale: string): string {
  const text = figure(sum.value, locale);
  return sum.missing > 0 ? `${text}*` : text;
}

/**
 * Quotes text for a CSS string in an @page rule. Only the characters that could end the string
 * or the rule are escaped; callers pass identifiers, dates and hexadecimal hashes.
 */
export function cssString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\n\r]/g, '\\A ').replace(/[<>]/g, '')}"`;
}
