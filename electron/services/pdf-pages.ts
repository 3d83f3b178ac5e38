/**
 * Counts the pages of a PDF that Chromium wrote, from its page objects (one `/Type /Page` each).
 * Kept apart from the Chromium driver so the desktop shell can use it without bundling Playwright.
 */
export function countPdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}
