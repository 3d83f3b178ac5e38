import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { parseCsv } from '../../shared/csv.js';
import { parseTableCsv } from '../../shared/domain/table-format.js';
import { launchChromium } from '../support/browser.js';
import { cli, ROOT } from '../support/cli.js';
import { cell, cellText, pasteText, setUpOffice, typeColumn, waitForSaves } from '../support/office-page.js';
import { publishedTable } from '../support/scenario.js';
import { startWebHost, type RunningHost } from '../support/web-host.js';
import { tempDir } from '../support/temp.js';
import { isA4, pageText, pdfInfo } from '../support/pdf.js';

const paper = publishedTable();
const column = (region: string, side: 'demand' | 'target') => paper.rows.map((row) => String(row.values[`${region}_${side}`]));
const outcomes = paper.rows.map((row) => row.outcome);

let browser: Browser;
beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'renderer', 'index.html'))) {
    throw new Error('dist/renderer is missing; run `npm run build:renderer` first (npm test does).');
  }
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

interface Office {
  dir: string;
  db: string;
  host: RunningHost;
  page: Page;
}

async function openOffice(id: string, region: string): Promise<Office & { fingerprint: string }> {
  const dir = tempDir('planner-e2e-');
  const db = path.join(dir, `${id}.db`);
  const host = await startWebHost(db, path.join(dir, 'files'));
  // A context of its own per office, so no cookie or storage carries over between offices.
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(host.url);
  const fingerprint = await setUpOffice(page, { id, name: `Office ${id}`, region });
  return { dir, db, host, page, fingerprint };
}

async function close(office: Office): Promise<void> {
  await office.page.context().close();
  expect(await office.host.stop()).toBe(0);
}

describe('office window', () => {
  it('types, checks, exports and reaches HQ', async () => {
    const office = await openOffice('AFR-DAKAR', 'africa');
    const { page } = office;
    try {
      // The fingerprint shown at set-up is the key in the database.
      expect(office.fingerprint.replace(/ /g, '')).toMatch(/^[0-9a-f]{64}$/);

      await typeColumn(page, '01', 'demand', column('africa', 'demand'));
      await typeColumn(page, '01', 'target', column('africa', 'target'));
      for (const [i, outcome] of outcomes.entries()) {
        expect(await cellText(page, outcome, 'demand'), `outcome ${outcome} demand`).toBe(column('africa', 'demand')[i]);
        expect(await cellText(page, outcome, 'target'), `outcome ${outcome} target`).toBe(column('africa', 'target')[i]);
      }

      // Outcome 07 in Africa has a target (3) above its demand (1): export stays blocked until justified.
      await expect.poll(() => page.locator('[data-testid=export-bundle]').isDisabled()).toBe(true);
      expect(await page.locator('[data-testid=export-blocked]').textContent()).toContain('1 target(s)');
      expect(await page.locator('[data-testid=blocking-issues]').textContent()).toContain('Outcome 07');
      await expect.poll(() => cellText(page, '07', 'status')).toBe('Justificationneeded');

      // The link in the check list goes to the justification cell, where typing starts the editor.
      await page.locator('[data-testid=blocking-issues] button').first().click();
      await page.keyboard.type('Donor funding is secured for labour migration.');
      await page.keyboard.press('Tab');
      await waitForSaves(page);
      expect(await cell(page, '07', 'justification').textContent()).toBe('Donor funding is secured for labour migration.');
      await expect.poll(() => page.locator('[data-testid=export-bundle]').isDisabled()).toBe(false);

      // Invalid entries keep the old value and show why.
      for (const input of ['abc', '-3', '1,5']) {
        await cell(page, '05', 'demand').click();
        await page.keyboard.type(input);
        await page.keyboard.press('Enter');
        await waitForSaves(page);
        expect(await cellText(page, '05', 'demand'), input).toBe('2');
        expect(await page.locator('[data-testid=cell-problem]').textContent(), input).toContain(`"${input}"`);
        await expect.poll(() => cell(page, '05', 'demand').getAttribute('class')).toContain('cell-invalid');
      }

      // Undo and redo one edit.
      await cell(page, '19', 'target').click();
      await page.keyboard.type('9');
      await page.keyboard.press('Enter');
      await waitForSaves(page);
      await expect.poll(() => cellText(page, '19', 'target')).toBe('9');
      await page.keyboard.press('Control+z');
      await waitForSaves(page);
      await expect.poll(() => cellText(page, '19', 'target')).toBe('4');
      await page.keyboard.press('Control+y');
      await waitForSaves(page);
      await expect.poll(() => cellText(page, '19', 'target')).toBe('9');
      await page.keyboard.press('Control+z');
      await waitForSaves(page);

      // Delete clears to "not entered", and undo brings the value back.
      await cell(page, '10', 'demand').click();
      await page.keyboard.press('Delete');
      await waitForSaves(page);
      await expect.poll(() => cellText(page, '10', 'demand')).toBe('');
      await page.keyboard.press('Control+z');
      await waitForSaves(page);
      await expect.poll(() => cellText(page, '10', 'demand')).toBe('26');

      // After a reload every value is still there.
      await page.reload();
      await cell(page, '01', 'demand').waitFor();
      for (const [i, outcome] of outcomes.entries()) {
        expect(await cellText(page, outcome, 'demand'), `reloaded ${outcome} demand`).toBe(column('africa', 'demand')[i]);
        expect(await cellText(page, outcome, 'target'), `reloaded ${outcome} target`).toBe(column('africa', 'target')[i]);
      }

      // Export the key and the bundle from the window; the files land in the host's save folder.
      await page.locator('[data-testid=export-key]').click();
      await expect.poll(() => page.locator('[data-testid=export-message]').textContent()).toContain('key registration was saved');
      await page.locator('[data-testid=export-bundle]').click();
      await expect.poll(() => page.locator('[data-testid=export-message]').textContent()).toContain('Revision 1 was saved');
      expect(await page.locator('[data-testid=export-history]').textContent()).toContain('Revision 1');

      // The printed summary: preview in the window, then Save as PDF through the host.
      await page.locator('[data-testid=report-summary]').click();
      await page.locator('[data-testid=report-preview] .report-summary').waitFor();
      expect(await page.locator('[data-testid=report-preview]').textContent()).toContain('Bundle revision 1 SHA-256');
      await page.locator('[data-testid=save-pdf]').click();
      await expect.poll(() => page.locator('[data-testid=report-preview] [role=status]').textContent()).toContain('.pdf');
      await page.getByRole('button', { name: 'Close' }).click();

      // Spreadsheet export from the toolbar.
      await page.locator('[data-testid=export-xlsx]').click();
      await expect.poll(() => page.locator('[data-testid=export-file-message]').textContent()).toContain('.xlsx');
    } finally {
      await close(office);
    }

    const outDir = path.join(office.dir, 'files', 'out');
    const files = fs.readdirSync(outDir);
    const keyFile = path.join(outDir, files.find((f) => f.endsWith('-key.txt')) as string);
    const bundle = path.join(outDir, files.find((f) => f.endsWith('.bundle')) as string);
    const pdf = path.join(outDir, files.find((f) => f.endsWith('.pdf')) as string);
    const info = pdfInfo(pdf);
    expect(isA4(info.width, info.height)).toBe(true);
    expect(pageText(pdf, 1)).toContain(office.fingerprint);
    expect(files.some((f) => f.endsWith('.xlsx'))).toBe(true);

    const hq = path.join(office.dir, 'hq.db');
    expect(cli('init', '--db', hq, '--role', 'hq').code).toBe(0);
    const trusted = cli('trust', 'add', '--db', hq, keyFile);
    expect(trusted.stdout).toContain(office.fingerprint);
    const imported = cli('bundle', 'import', '--db', hq, bundle);
    expect(imported.stdout).toContain('accepted');
    const table = parseTableCsv(parseCsv(cli('table', '--db', hq, '--format', 'csv').stdout));
    for (const row of paper.rows) {
      const got = table.rows.find((r) => r.outcome === row.outcome);
      expect(got?.values.africa_demand, `HQ ${row.outcome} demand`).toBe(row.values.africa_demand);
      expect(got?.values.africa_target, `HQ ${row.outcome} target`).toBe(row.values.africa_target);
    }
  });

  it('pastes a column pair from a spreadsheet', async () => {
    const office = await openOffice('ASI-BANGKOK', 'asia');
    const { page } = office;
    try {
      const demand = column('asia', 'demand');
      const target = column('asia', 'target');
      // Excel's clipboard: tab between cells, CRLF between rows and after the last one.
      const text = demand.map((d, i) => `${d}\t${target[i]}`).join('\r\n') + '\r\n';
      await pasteText(page, '01', 'demand', text);
      expect(await page.locator('[data-testid=paste-report]').textContent()).toContain('Pasted 38 value(s)');
      for (const [i, outcome] of outcomes.entries()) {
        expect(await cellText(page, outcome, 'demand'), `outcome ${outcome} demand`).toBe(demand[i]);
        expect(await cellText(page, outcome, 'target'), `outcome ${outcome} target`).toBe(target[i]);
      }

      // The paste is one undo step.
      await cell(page, '01', 'justification').click();
      await page.keyboard.press('Control+z');
      await waitForSaves(page);
      for (const outcome of outcomes) expect(await cellText(page, outcome, 'demand'), `undone ${outcome}`).toBe('');
      await page.keyboard.press('Control+y');
      await waitForSaves(page);
      await expect.poll(() => cellText(page, '19', 'target')).toBe(target[18]);

      // Blanks paste as blanks (never 0), a rejected value is reported and not written, and
      // only the pasted block changes.
      await pasteText(page, '02', 'demand', '\t5\r\n"1,5"\t\r\nabc\t7\r\n');
      await expect.poll(() => cellText(page, '02', 'demand')).toBe('');
      await expect.poll(() => cellText(page, '02', 'target')).toBe('5');
      await expect.poll(() => cellText(page, '03', 'demand')).toBe(demand[2]);
      await expect.poll(() => cellText(page, '03', 'target')).toBe('');
      await expect.poll(() => cellText(page, '04', 'demand')).toBe(demand[3]);
      await expect.poll(() => cellText(page, '04', 'target')).toBe('7');
      await expect.poll(() => cellText(page, '05', 'demand')).toBe(demand[4]);
      const report = (await page.locator('[data-testid=paste-report]').textContent()) ?? '';
      expect(report).toContain('2 pasted value(s) were not written');
      expect(report).toContain('"1,5"');
      expect(report).toContain('"abc"');

      await page.reload();
      await cell(page, '01', 'demand').waitFor();
      await expect.poll(() => cellText(page, '02', 'target')).toBe('5');
      await expect.poll(() => cellText(page, '19', 'target')).toBe(target[18]);
    } finally {
      await close(office);
    }
  });
});
