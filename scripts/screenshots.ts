/**
 * Renders the office window in headless Chromium against the web host and saves the
 * screenshots under docs/screenshots/. Run with `npm run screenshots` after `npm run build:renderer`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium } from '../test/support/browser.js';
import { cell, pasteText, setUpOffice, typeColumn, waitForSaves } from '../test/support/office-page.js';
import { publishedTable } from '../test/support/scenario.js';
import { startWebHost } from '../test/support/web-host.js';
import { ROOT } from '../test/support/cli.js';

const outDir = path.join(ROOT, 'docs', 'screenshots');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'planner-shots-'));
const paper = publishedTable();
const column = (region: string, side: 'demand' | 'target') => paper.rows.map((row) => String(row.values[`${region}_${side}`]));

const host = await startWebHost(path.join(workDir, 'office.db'), path.join(workDir, 'files'));
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 960 } });
  await page.goto(host.url);
  await page.fill('input[name=officeId]', 'AFR-DAKAR');
  await page.fill('input[name=officeName]', 'Regional Office for Africa');
  await page.selectOption('select[name=region]', 'africa');
  await page.screenshot({ path: path.join(outDir, 'office-setup.png') });
  await page.reload();
  await setUpOffice(page, { id: 'AFR-DAKAR', name: 'Regional Office for Africa', region: 'africa' });

  await typeColumn(page, '01', 'demand', column('africa', 'demand'));
  const targets = column('africa', 'target');
  await pasteText(page, '01', 'target', targets.join('\r\n') + '\r\n');
  await cell(page, '05', 'demand').click();
  await page.keyboard.type('1,5');
  await page.keyboard.press('Enter');
  await waitForSaves(page);
  await page.screenshot({ path: path.join(outDir, 'office-rule-errors.png') });

  await page.locator('[data-testid=blocking-issues] button').first().click();
  await page.keyboard.type('Donor funding is secured for labour migration in two countries.');
  await page.keyboard.press('Tab');
  await waitForSaves(page);
  await page.locator('[data-testid=export-bundle]').click();
  await page.locator('[data-testid=export-message]').waitFor();
  await page.screenshot({ path: path.join(outDir, 'office-entry.png') });
  process.stdout.write(`Screenshots written to ${outDir}\n`);
} finally {
  await browser.close();
  await host.stop();
  fs.rmSync(workDir, { recursive: true, force: true });
}
