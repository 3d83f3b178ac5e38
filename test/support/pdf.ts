import { execFileSync } from 'node:child_process';

/** Text of one page of a PDF, from poppler's pdftotext, with runs of whitespace collapsed. */
export function pageText(pdf: string, page: number): string {
  return execFileSync('pdftotext', ['-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

/** Text of one page laid out as printed, so a table row reads as one line. */
export function pageLayout(pdf: string, page: number): string {
  return execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', pdf, '-'], { encoding: 'utf8' });
}

export interface PdfInfo {
  pages: number;
  /** Page size in points, width × height, of the first page. */
  width: number;
  height: number;
}

export function pdfInfo(pdf: string): PdfInfo {
  const text = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(text)?.[1]);
  const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(text);
  return { pages, width: Number(size?.[1]), height: Number(size?.[2]) };
}

/** A4 in points is 595.28 × 841.89; Chromium rounds to within a point. */
export function isA4(width: number, height: number): boolean {
  return Math.abs(width - 595.3) < 1.5 && Math.abs(height - 841.9) < 1.5;
}
