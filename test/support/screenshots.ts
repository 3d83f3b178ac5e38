import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from './cli.js';

/**
 * Takes a screenshot. With PLANNER_SCREENSHOTS=1 (`npm run screenshots`) it renews the picture
 * under docs/screenshots/; otherwise it goes to the temporary folder, so that a test run
 * never changes files under version control.
 */
export async function saveScreenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  const folder = process.env.PLANNER_SCREENSHOTS === '1' ? path.join(ROOT, 'docs', 'screenshots') : os.tmpdir();
  const file = path.join(folder, name);
  await page.screenshot({ path: file, ...options });
  return file;
}
