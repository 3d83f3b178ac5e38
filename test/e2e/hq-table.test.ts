import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { consolidatedTable } from '../../electron/services/table.js';
import { importEntriesCsv } from '../../electron/services/entries.js';
import { reconcile, type Mismatch } from '../../shared/domain/reconcile.js';
import { flattenTable, valueColumns } from '../../shared/domain/table-format.js';
import { launchChromium } from '../support/browser.js';
import { PUBLISHED_TABLE, ROOT, SEEDS } from '../support/cli.js';
import { dropFile, openTab, prepareHqScenario, REVOKED_OFFICE, sendPlan, shownValueCells, SILENT_OFFICE, tooltipOf, type HqScenario } from '../support/hq-table-page.js';
import { cell, cellText } from '../support/office-page.js';
import { publishedTable, REGION_OFFICES, withContext } from '../support/scenario.js';
import { startWebHost, type RunningHost } from '../support/web-host.js';
import { saveScreenshot } from '../support/screenshots.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

interface SeedOutcome {
  code: string;
  comparable: boolean;
  comparabilityNote: string | null;
}
const seedOutcomes = (JSON.parse(fs.readFileSync(path.join(SEEDS, '2012-13', 'cycle.json'), 'utf8')) as { outcomes: SeedOutcome[] }).outcomes;
const notComparable = seedOutcomes.filter((o) => !o.comparable);

const paper = publishedTable();
const regions = paper.regionCodes;
const figure = (outcome: string, column: string): number => {
  const value = paper.rows.find((row) => row.outcome === outcome)?.values[column];
  if (value === null || value === undefined) throw new Error(`The published table has no figure for outcome ${outcome}, ${column}.`);
  return value;
};
/** Row totals as the consolidated table must compute them: the sum of the regions, whatever the published table prints. */
const rowSum = (outcome: string, side: 'demand' | 'target') => regions.reduce((sum, region) => sum + figure(outcome, `${region}_${side}`), 0);
const columnSum = (column: string) => {
  const parsed = /^(.+)_(demand|target)$/.exec(column) as RegExpExecArray;
  const side = parsed[2] as 'demand' | 'target';
  return paper.rows.reduce((sum, row) => sum + (parsed[1] === 'total' ? rowSum(row.outcome, side) : figure(row.outcome, column)), 0);
};
const key = (rowId: string, colId: string) => `${rowId}|${colId}`;

let dir: string;
let scenario: HqScenario;
let host: RunningHost;
let browser: Browser;
let page: Page;
const pageErrors: Error[] = [];

async function waitForTable(): Promise<void> {
  await cell(page, '01', 'africa_demand').waitFor();
}

/** The mismatches the window must list: the published table's own sums, then each cell against the database. */
function expectedMismatches(): Mismatch[] {
  const table = withContext(scenario.hq, (context) => consolidatedTable(context));
  return reconcile(paper, flattenTable(table));
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'renderer', 'index.html'))) {
    throw new Error('dist/renderer is missing; run `npm run build:renderer` first (npm test does).');
  }
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planner-hq-e2e-'));
  const now = Date.now();
  scenario = prepareHqScenario(dir, new Date(now - 3 * DAY_MS - 2 * HOUR_MS), new Date(now - 3 * DAY_MS));
  host = await startWebHost(scenario.hq, path.join(dir, 'files'));
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1500, height: 1000 } });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error));
  await page.goto(host.url);
  await waitForTable();
});

afterEach(() => {
  expect(pageErrors.map((e) => e.message)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  if (host) expect(await host.stop()).toBe(0);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('headquarters Table 1', () => {
  it('shows region figures and computed sums', async () => {
    const headerIds = await page.locator('[data-testid=consolidated-grid] .ag-header-row-column .ag-header-cell[col-id]').evaluateAll((cells) =>
      cells.map((c) => (c as unknown as { getAttribute(name: string): string }).getAttribute('col-id')),
    );
    expect(headerIds).toEqual(['objective', 'outcome', ...valueColumns(regions)]);

    for (const row of paper.rows) {
      for (const region of regions) {
        for (const side of ['demand', 'target'] as const) {
          const column = `${region}_${side}`;
          expect(await cellText(page, row.outcome, column), `outcome ${row.outcome} ${column}`).toBe(String(figure(row.outcome, column)));
        }
      }
      expect(await cellText(page, row.outcome, 'total_demand'), `outcome ${row.outcome} total_demand`).toBe(String(rowSum(row.outcome, 'demand')));
      expect(await cellText(page, row.outcome, 'total_target'), `outcome ${row.outcome} total_target`).toBe(String(rowSum(row.outcome, 'target')));
    }

    // The published table prints 80 as the total demand of outcome 02, but its regions add up to 81.
    expect(await cellText(page, '02', 'total_demand')).toBe('81');
    // A zero entered by an office stays 0, not a blank.
    expect(await cellText(page, '15', 'europe_demand')).toBe('0');

    for (const column of valueColumns(regions)) {
      expect(await cellText(page, 'total', column), `totals row ${column}`).toBe(String(columnSum(column)));
    }
    expect(await cellText(page, 'total', 'africa_demand')).toBe('312');

    // With every figure entered, no sum carries the mark for missing parts.
    const valueCells = await shownValueCells(page);
    expect(valueCells).toHaveLength((paper.rows.length + 1) * valueColumns(regions).length);
    expect(valueCells.filter((c) => c.classes.includes('table1-incomplete') || c.text.includes('*'))).toEqual([]);

    // Outcomes are grouped by objective: one objective cell from the first row of each group to
    // its last, so the name reads on the first row, and a separator above each group.
    const box = async (selector: string) => (await page.locator(selector).first().boundingBox()) as { y: number; height: number };
    const objectiveCells = await page.locator('[data-testid=consolidated-grid] .ag-cell[col-id="objective"]').evaluateAll((cells) =>
      cells
        .map((c) => {
          const element = c as unknown as { textContent: string; getBoundingClientRect(): { top: number; bottom: number } };
          const rect = element.getBoundingClientRect();
          return { text: element.textContent, top: rect.top, bottom: rect.bottom };
        })
        .filter((c) => c.text !== ''),
    );
    const groups = [
      { name: 'Employment', first: '01', last: '03' },
      { name: 'Social protection', first: '04', last: '08' },
      { name: 'Social dialogue', first: '09', last: '13' },
      { name: 'Standards and fundamental principles and rights at work', first: '14', last: '18' },
      { name: 'Policy coherence: mainstreaming decent work', first: '19', last: '19' },
    ];
    expect(objectiveCells.map((c) => c.text).sort()).toEqual(groups.map((g) => g.name).sort());
    for (const group of groups) {
      const shownCell = objectiveCells.find((c) => c.text === group.name) as { top: number; bottom: number };
      const first = await box(`.ag-row[row-id="${group.first}"] [col-id="outcome"]`);
      const last = await box(`.ag-row[row-id="${group.last}"] [col-id="outcome"]`);
      expect(Math.abs(shownCell.top - first.y), `${group.name} starts on outcome ${group.first}`).toBeLessThanOrEqual(2);
      expect(Math.abs(shownCell.bottom - (last.y + last.height)), `${group.name} ends on outcome ${group.last}`).toBeLessThanOrEqual(2);
    }
    // AG Grid may draw a row once per column section (pinned and scrolled), and every part carries the class.
    const rowClasses = (rowId: string) =>
      page.locator(`[data-testid=consolidated-grid] .ag-row[row-id="${rowId}"]`).evaluateAll((rows) => rows.map((r) => (r as unknown as { className: string }).className));
    for (const first of ['01', '04', '09', '14', '19']) {
      const classes = await rowClasses(first);
      expect(classes.length, `row ${first}`).toBeGreaterThan(0);
      expect(classes.every((c) => c.includes('objective-start')), `row ${first}: ${classes.join(' / ')}`).toBe(true);
    }
    expect((await rowClasses('02')).some((c) => c.includes('objective-start'))).toBe(false);
  });

  it('flags targets above demand', async () => {
    const comparable = new Set(seedOutcomes.filter((o) => o.comparable).map((o) => o.code));
    const expected: string[] = [];
    for (const row of paper.rows) {
      if (!comparable.has(row.outcome)) continue;
      for (const region of regions) {
        if (figure(row.outcome, `${region}_target`) > figure(row.outcome, `${region}_demand`)) expected.push(key(row.outcome, `${region}_target`));
      }
      if (rowSum(row.outcome, 'target') > rowSum(row.outcome, 'demand')) expected.push(key(row.outcome, 'total_target'));
    }
    expect(expected.length).toBeGreaterThan(5);

    const flagged = (await shownValueCells(page)).filter((c) => c.classes.includes('table1-over')).map((c) => key(c.rowId, c.colId));
    expect(flagged.sort()).toEqual(expected.sort());

    // Outcome 07 in Africa: target 3 against demand 1, with the office's justification in the tooltip.
    const tooltip = await tooltipOf(page, '07', 'africa_target');
    expect(tooltip).toContain('The target 3 exceeds the demand 1');
    expect(tooltip).toContain('AFR-ADDIS');
    expect(tooltip).toContain('whole office');
    expect(tooltip).toContain('Donor resources are available for this outcome.');
    await saveScreenshot(page, 'hq-table.png');

    // Outcomes whose demand and target are not comparable carry a badge with the cycle's note, and no flag.
    expect(notComparable.map((o) => o.code)).toEqual(['14', '15', '18']);
    for (const outcome of seedOutcomes) {
      const badges = page.locator(`.ag-row[row-id="${outcome.code}"] [col-id="outcome"] .table1-not-comparable`);
      expect(await badges.count(), `outcome ${outcome.code}`).toBe(outcome.comparable ? 0 : 1);
    }
    await page.mouse.move(0, 0);
    await page.locator('.ag-row[row-id="18"] [col-id="outcome"]').hover();
    await expect.poll(() => page.locator('.ag-tooltip').textContent()).toContain(notComparable[2]?.comparabilityNote as string);

    // Europe's target for outcome 14 (2) exceeds its demand (1), but the pair is not comparable.
    expect(figure('14', 'europe_target')).toBeGreaterThan(figure('14', 'europe_demand'));
    expect(await cell(page, '14', 'europe_target').getAttribute('class')).not.toContain('table1-over');
    expect(await tooltipOf(page, '14', 'europe_target')).toContain('not comparable');
  });

  it('drills down into a region cell', async () => {
    await cell(page, '07', 'africa_target').click();
    const panel = page.locator('[data-testid=drilldown]');
    await panel.locator('[data-office="AFR-ADDIS"] table').waitFor();
    expect(await panel.locator('h2').textContent()).toBe('Outcome 07 Labour migration — Africa');

    const addis = panel.locator('[data-office="AFR-ADDIS"]');
    expect(await addis.locator('h3').textContent()).toContain('Regional Office for Africa');
    expect(await addis.locator('[data-testid=drilldown-revision]').textContent()).toMatch(/^Revision 1, signed \S.+\d/);
    const entry = addis.locator('tbody tr');
    expect(await entry.count()).toBe(1);
    expect(await entry.locator('th').textContent()).toBe('whole office');
    expect(await entry.locator('td').allTextContents()).toEqual(['1', '3']);
    expect(await addis.locator('.table1-drilldown-justification').textContent()).toContain('Donor resources are available for this outcome.');

    // The office that registered but sent nothing is listed too, marked as having sent nothing.
    const dakar = panel.locator(`[data-office="${SILENT_OFFICE.id}"]`);
    expect(await dakar.getAttribute('class')).toContain('table1-drilldown-nothing');
    expect(await dakar.textContent()).toContain('Nothing received');
    expect(await panel.locator('li[data-office]').count()).toBe(2);

    // The pair the panel is about stays outlined in the grid.
    expect(await cell(page, '07', 'africa_demand').getAttribute('class')).toContain('table1-selected');
    await page.mouse.move(0, 0);
    await page.locator('.ag-tooltip').waitFor({ state: 'detached' });
    await saveScreenshot(page, 'hq-drilldown.png');

    // Another region's cell replaces the panel's content, and the close button hides it.
    await cell(page, '05', 'asia_demand').click();
    await expect.poll(() => panel.locator('h2').textContent()).toBe('Outcome 05 Working conditions — Asia');
    await panel.locator('[data-office="ASI-BANGKOK"] table').waitFor();
    expect(await panel.locator('[data-office="ASI-BANGKOK"] td').allTextContents()).toEqual(['3', '4']);
    await page.locator('[data-testid=drilldown-close]').click();
    expect(await panel.count()).toBe(0);

    // A totals cell opens nothing. From there the keyboard reaches a region cell, and Enter opens it.
    await cell(page, '10', 'total_target').click();
    expect(await panel.count()).toBe(0);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect.poll(() => panel.locator('h2').textContent()).toBe("Outcome 10 Workers' organizations — Africa");
    await page.locator('[data-testid=drilldown-close]').click();
  });

  it('reconciles the published table', async () => {
    await openTab(page, 'reconcile');

    // A value that is not a whole number stops the file, and the error names its line.
    const broken = fs.readFileSync(PUBLISHED_TABLE, 'utf8').replace('03,Enterprise development,49,', '03,Enterprise development,4x9,');
    await dropFile(page, '[data-testid=reconcile-drop]', 'broken.csv', broken);
    await expect.poll(() => page.locator('[data-testid=reconcile-error]').textContent()).toContain('broken.csv cannot be read, line 4');
    expect(await page.locator('.reconcile-item').count()).toBe(0);

    await page.locator('[data-testid=reconcile-file]').setInputFiles(PUBLISHED_TABLE);
    await page.locator('.reconcile-item').first().waitFor();
    expect(await page.locator('[data-testid=reconcile-error]').count()).toBe(0);

    const listed = await page.locator('.reconcile-item').evaluateAll((items) =>
      items.map((item) => {
        const element = item as unknown as { getAttribute(name: string): string; querySelector(s: string): { textContent: string } };
        return { kind: element.getAttribute('data-kind'), outcome: element.getAttribute('data-outcome'), column: element.getAttribute('data-column'), sentence: element.querySelector('.reconcile-sentence').textContent };
      }),
    );
    const internal = listed.filter((m) => m.kind !== 'cell');
    expect(internal).toHaveLength(19);
    expect(internal.filter((m) => m.kind === 'row-sum' && m.outcome !== 'total')).toHaveLength(11);
    expect(internal.filter((m) => m.kind === 'row-sum' && m.outcome === 'total')).toHaveLength(1);
    expect(internal.filter((m) => m.kind === 'column-sum')).toHaveLength(7);

    const expected = expectedMismatches();
    const cellMismatches = expected.filter((m) => m.kind === 'cell');
    expect(cellMismatches.length).toBeGreaterThan(0);
    expect(listed.map((m) => `${m.kind}|${m.outcome}|${m.column}`).sort()).toEqual(expected.map((m) => `${m.kind}|${m.outcome}|${m.column}`).sort());
    expect(await page.locator('[data-testid=reconcile-group-row-sum] [data-testid=reconcile-count]').textContent()).toBe('12');
    expect(await page.locator('[data-testid=reconcile-group-column-sum] [data-testid=reconcile-count]').textContent()).toBe('7');
    expect(await page.locator('[data-testid=reconcile-group-cell] [data-testid=reconcile-count]').textContent()).toBe(String(cellMismatches.length));

    const sentence = (kind: string, outcome: string, column: string) => listed.find((m) => m.kind === kind && m.outcome === outcome && m.column === column)?.sentence;
    expect(sentence('row-sum', '02', 'total_demand')).toBe('Outcome 02: total demand published 80, its regions add up to 81');
    expect(sentence('row-sum', 'total', 'total_demand')).toBe('Total row: total demand published 902, its regions add up to 901');
    expect(sentence('column-sum', 'total', 'africa_demand')).toBe('Total row, Africa demand: published 310, the outcomes add up to 312');
    expect(sentence('cell', '02', 'total_demand')).toBe('Outcome 02, total demand: published 80, consolidated 81');
    expect(sentence('cell', 'total', 'africa_demand')).toBe('Total row, Africa demand: published 310, consolidated 312');
    await saveScreenshot(page, 'hq-reconcile.png', { fullPage: true });

    // "Show in table" opens the table on the cell concerned.
    await page.locator('.reconcile-item[data-kind="row-sum"][data-outcome="02"][data-column="total_demand"] button').click();
    await waitForTable();
    await expect.poll(() => page.locator('[data-testid=consolidated-grid] .ag-cell-focus').getAttribute('col-id')).toBe('total_demand');
    expect(await page.locator('[data-testid=consolidated-grid] .ag-cell-focus').evaluate((c) => (c as unknown as { closest(s: string): { getAttribute(n: string): string } }).closest('.ag-row').getAttribute('row-id'))).toBe('02');

    // The highlighted cells are exactly the cells the mismatches name.
    const highlighted = (await shownValueCells(page)).filter((c) => c.classes.includes('table1-mismatch')).map((c) => key(c.rowId, c.colId));
    const named = [...new Set(expected.map((m) => key(m.outcome, m.column)))];
    expect(highlighted.sort()).toEqual(named.sort());
    expect(await page.locator('[data-testid=table1-reconcile-note]').textContent()).toContain('table1-published.csv');

    const tooltip = await tooltipOf(page, '02', 'total_demand');
    expect(tooltip).toContain('published 80, its regions add up to 81');
    expect(tooltip).toContain('published 80, consolidated 81');

    // A cell of the pinned totals row is found too.
    await openTab(page, 'reconcile');
    await page.locator('.reconcile-item[data-kind="column-sum"][data-outcome="total"][data-column="europe_demand"] button').click();
    await waitForTable();
    await expect.poll(() => page.locator('[data-testid=consolidated-grid] .ag-cell-focus').getAttribute('col-id')).toBe('europe_demand');
    expect(await page.locator('[data-testid=consolidated-grid] .ag-cell-focus').evaluate((c) => (c as unknown as { closest(s: string): { getAttribute(n: string): string } }).closest('.ag-row').getAttribute('row-id'))).toBe('total');

    // Clearing the published table removes the list and the highlights.
    await openTab(page, 'reconcile');
    await page.locator('[data-testid=reconcile-clear]').click();
    expect(await page.locator('.reconcile-item').count()).toBe(0);
    await openTab(page, 'table');
    await waitForTable();
    expect((await shownValueCells(page)).filter((c) => c.classes.includes('table1-mismatch'))).toEqual([]);
    expect(await page.locator('[data-testid=table1-reconcile-note]').count()).toBe(0);
  });

  it('shows completeness and blanks', async () => {
    await openTab(page, 'completeness');
    const offices = page.locator('[data-testid=completeness-offices] tbody tr');
    await offices.first().waitFor();

    // Sorted by region in the cycle's column order, then by office id.
    const order = await offices.evaluateAll((rows) => rows.map((r) => (r as unknown as { getAttribute(n: string): string }).getAttribute('data-office')));
    expect(order).toEqual(['AFR-ADDIS', SILENT_OFFICE.id, 'ARB-BEIRUT', REVOKED_OFFICE.id, 'ASI-BANGKOK', 'EUR-GENEVA', 'AME-LIMA']);

    const row = (officeId: string) => page.locator(`[data-testid=completeness-offices] tr[data-office="${officeId}"]`);
    expect(await row('AFR-ADDIS').locator('[data-field=revision]').textContent()).toBe('1');
    expect(await row('AFR-ADDIS').locator('[data-field=age]').textContent()).toBe('3 days');
    expect(await row('AFR-ADDIS').locator('[data-field=signed]').textContent()).not.toBe('');
    expect(await row('AFR-ADDIS').locator('[data-field=imported]').textContent()).not.toBe('');
    expect(await row('AFR-ADDIS').getAttribute('class')).not.toContain('completeness-nothing');

    expect(await row(SILENT_OFFICE.id).getAttribute('class')).toContain('completeness-nothing');
    expect(await row(SILENT_OFFICE.id).locator('[data-field=status]').textContent()).toBe('Nothing received');
    expect(await row(REVOKED_OFFICE.id).getAttribute('class')).toContain('completeness-revoked');
    expect(await row(REVOKED_OFFICE.id).locator('[data-field=status]').textContent()).toContain('Key revoked on');
    expect(await page.locator('[data-testid=completeness-summary]').textContent()).toContain('2 offices have sent nothing.');

    // With the published columns, every office entered everything.
    const matrix = page.locator('[data-testid=completeness-matrix]');
    const senders = REGION_OFFICES.map((o) => o.id);
    expect(await matrix.locator('thead th[data-office]').evaluateAll((cells) => cells.map((c) => (c as unknown as { getAttribute(n: string): string }).getAttribute('data-office')))).toEqual([
      'AFR-ADDIS',
      'ARB-BEIRUT',
      'ASI-BANGKOK',
      'EUR-GENEVA',
      'AME-LIMA',
    ]);
    expect(await matrix.locator('.completeness-cell.completeness-missing').count()).toBe(0);
    expect(await matrix.locator('[data-testid=completeness-count]').allTextContents()).toEqual(senders.map(() => '0 values'));
    expect(await page.locator('[data-testid=completeness-silent-note]').textContent()).toContain(SILENT_OFFICE.id);

    // Europe sends a second revision that leaves its target for outcome 13 blank.
    const europe = scenario.officeDbs.get('EUR-GENEVA') as string;
    withContext(europe, (context) => importEntriesCsv(context, 'outcome,demand,target,note\n13,2,,\n'));
    sendPlan(dir, europe, scenario.hq, 'EUR-GENEVA', new Date(), new Date());
    await page.reload();
    await waitForTable();

    // The table shows the blank as empty, never 0, and marks the sums it leaves incomplete.
    expect(await cellText(page, '13', 'europe_target')).toBe('');
    expect(await cellText(page, '13', 'europe_demand')).toBe('2');
    const target13 = rowSum('13', 'target') - figure('13', 'europe_target');
    expect(await cellText(page, '13', 'total_target')).toBe(`${target13}*`);
    expect(await cellText(page, 'total', 'europe_target')).toBe(`${columnSum('europe_target') - figure('13', 'europe_target')}*`);
    expect(await cellText(page, 'total', 'total_target')).toBe(`${columnSum('total_target') - figure('13', 'europe_target')}*`);
    expect(await cell(page, '13', 'total_target').getAttribute('class')).toContain('table1-incomplete');
    expect(await tooltipOf(page, '13', 'total_target')).toContain('1 figure is not entered');
    expect(await page.locator('[data-testid=table1-incomplete-note]').textContent()).toContain('0 demand and 1 target');

    await openTab(page, 'completeness');
    await matrix.waitFor();
    expect(await row('EUR-GENEVA').locator('[data-field=revision]').textContent()).toBe('2');
    expect(await row('EUR-GENEVA').locator('[data-field=age]').textContent()).toBe('less than a minute');
    const missing = matrix.locator('.completeness-cell.completeness-missing');
    expect(await missing.count()).toBe(1);
    expect(await missing.getAttribute('data-office')).toBe('EUR-GENEVA');
    expect(await missing.evaluate((c) => (c as unknown as { closest(s: string): { getAttribute(n: string): string } }).closest('tr').getAttribute('data-outcome'))).toBe('13');
    expect(await missing.textContent()).toBe('target not entered');
    expect(await matrix.locator('[data-testid=completeness-count]').allTextContents()).toEqual(['0 values', '0 values', '0 values', '1 value', '0 values']);
    // A taller window shows the whole matrix with its counts; the tab scrolls inside the page otherwise.
    await page.setViewportSize({ width: 1500, height: 1450 });
    await saveScreenshot(page, 'hq-completeness.png');
    await page.setViewportSize({ width: 1500, height: 1000 });
  });
});
