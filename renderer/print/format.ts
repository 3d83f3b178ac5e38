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

export interface PageLayout {
  orientation: 'portrait' | 'landscape';
  /** CSS margin of the page box, top right-and-left bottom. */
  margin: string;
  /** Text at the foot of every page, on the left; `\n` starts a new line. */
  footer: string;
  /** Declarations for the left footer, such as its font. */
  footerStyle: string;
  /** The words around the page numbers: "Page" N "of" M. */
  pageLabel: string;
  pageOf: string;
}

/** Builds the @page rule of a report: A4, margins, the footer and "Page N of M" on every page. */
export function pageRule(layout: PageLayout): string {
  const pageNumber = `${cssString(layout.pageLabel)} " " counter(page) " " ${cssString(layout.pageOf)} " " counter(pages)`;
  return (
    `@page { size: A4 ${layout.orientation}; margin: ${layout.margin}; ` +
    `@bottom-left { content: ${cssString(layout.footer)}; ${layout.footerStyle} } ` +
    `@bottom-right { content: ${pageNumber}; font-size: 8pt; font-family: sans-serif; } }`
  );
}
