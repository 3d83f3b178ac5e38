import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { PlannerError } from '../../shared/api/errors.js';
import { writeFileAtomic } from './files.js';
import type { Logger } from './logger.js';
import { countPdfPages } from './pdf-pages.js';

/** Path of Chromium as Debian and most Linux distributions install it. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/**
 * Renders a complete HTML document to PDF with headless Chromium, honouring the document's
 * @page rules (size, orientation, margin boxes with page numbers). The page loads from a
 * temporary file with the network off, so nothing outside the document is fetched.
 */
export async function htmlToPdf(html: string, outPath: string, options: { chromiumPath: string; logger: Logger }): Promise<{ pages: number }> {
  if (!fs.existsSync(options.chromiumPath)) {
    throw new PlannerError(
      'not-found',
      `Chromium was not found at ${options.chromiumPath}; install it (for example \`apt-get install chromium\`) or give its path with --chromium.`,
    );
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planner-print-'));
  const page = path.join(dir, 'report.html');
  fs.writeFileSync(page, html, 'utf8');
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: options.chromiumPath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
    const context = await browser.newContext({ offline: true, javaScriptEnabled: false });
    const tab = await context.newPage();
    await tab.goto(`file://${page}`);
    const pdf = await tab.pdf({ preferCSSPageSize: true, printBackground: true });
    writeFileAtomic(outPath, pdf);
    const pages = countPdfPages(pdf);
    options.logger.info('report printed', { file: outPath, pages });
    return { pages };
  } catch (error) {
    if (error instanceof PlannerError) throw error;
    throw new PlannerError('internal', `Chromium could not print the report: ${(error as Error).message}`);
  } finally {
    await browser?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
