import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { cycleOf } from '../../electron/services/context.js';
import { importEntriesCsv } from '../../electron/services/entries.js';
import { exportBundle, exportRegistration } from '../../electron/services/exchange/bundle-export.js';
import { importBundleFile } from '../../electron/services/exchange/bundle-import.js';
import { addTrust } from '../../electron/services/exchange/trust.js';
import { consolidatedTable } from '../../electron/services/table.js';
import type { Cycle } from '../../shared/domain/types.js';
import { launchChromium } from '../support/browser.js';
import { ROOT } from '../support/cli.js';
import { createHq, createOffice, publishedTable, regionEntriesCsv, REGION_OFFICES, withContext } from '../support/scenario.js';
import { tempDir } from '../support/temp.js';
import { startWebHost, type RunningHost } from '../support/web-host.js';
import { saveScreenshot } from '../support/screenshots.js';

const paper = publishedTable();
/** Upper bound on the bars of one series, above the 19 outcomes of the largest chart here. */
const MAX_BARS_PER_SERIES = 30;

type Office = (typeof REGION_OFFICES)[number];

/** Sum of one region column of the published table, added up from its outcome rows. */
function columnSum(region: string, side: 'demand' | 'target'): number {
  return paper.rows.reduce((sum, row) => sum + (row.values[`${region}_${side}`] ?? 0), 0);
}

/**
 * Creates a headquarters database with the plans of `offices` imported the way they travel:
 * each office imports its entries file and exports its key registration and a signed bundle,
 * and headquarters trusts the key and imports the bundle.
 */
function hqWithOffices(dir: string, offices: readonly { office: Office; entriesCsv: string }[]): string {
  const hq = createHq(dir);
  for (const { office, entriesCsv } of offices) {
    const officeDb = createOffice(dir, office);
    const registration = path.join(dir, `${office.id}-key.txt`);
    const bundle = path.join(dir, `${office.id}.bundle`);
    withContext(officeDb, (context) => {
      importEntriesCsv(context, entriesCsv);
      exportRegistration(context, registration);
      exportBundle(context, bundle);
    });
    withContext(hq, (context) => {
      addTrust(context, fs.readFileSync(registration));
      const verdict = importBundleFile(context, bundle);
      expect(verdict.verdict, `${office.id}: ${verdict.reason}`).toBe('accepted');
    });
  }
  return hq;
}

interface OpenedHq {
  host: RunningHost;
  page: Page;
  /** Console errors and warnings, CSP violations included, and uncaught page errors. */
  problems: string[];
  /** Requests that went anywhere but the web host. */
  foreignRequests: string[];
}

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

/** Starts the web host on `hq` and opens it in a fresh browser context. `prepare` runs before the page loads. */
async function openHq(dir: string, hq: string, prepare?: (page: Page) => Promise<unknown>): Promise<OpenedHq> {
  const host = await startWebHost(hq, path.join(dir, 'files'));
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const problems: string[] = [];
  const foreignRequests: string[] = [];
  const origin = new URL(host.url).origin;
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    if (new URL(request.url()).origin !== origin) foreignRequests.push(request.url());
  });
  await prepare?.(page);
  await page.goto(host.url);
  return { host, page, problems, foreignRequests };
}

async function close(opened: OpenedHq): Promise<void> {
  await opened.page.context().close();
  expect(await opened.host.stop()).toBe(0);
}

/** Waits until the chart has drawn its current data. */
async function chartDrawn(page: Page): Promise<void> {
  await page.locator('[data-testid=charts-canvas][aria-busy=false] canvas').first().waitFor();
}

async function openChartsTab(page: Page): Promise<void> {
  await page.locator('[data-testid=tab-charts]').click();
  await chartDrawn(page);
}

async function summaryLines(page: Page): Promise<string[]> {
  return page.locator('[data-testid=charts-summary] li').allTextContents();
}

async function showByOutcome(page: Page, region: string): Promise<void> {
  await page.locator('[data-testid=charts-mode-outcome]').check();
  await page.locator('[data-testid=charts-region]').selectOption(region);
  await chartDrawn(page);
}

/** Returns the tooltip's text as lines: the category, the series, then label and figure for each side. */
async function tooltipLines(page: Page): Promise<string[]> {
  const tooltip = page.locator('.ag-charts-tooltip');
  if (!(await tooltip.isVisible())) return [];
  return (await tooltip.innerText()).split('\n').map((line) => line.trim());
}

/** Waits until the tooltip stops moving, because it slides from one bar to the next. */
async function tooltipSettled(page: Page): Promise<void> {
  const tooltip = page.locator('.ag-charts-tooltip');
  let previous = JSON.stringify(await tooltip.boundingBox());
  await expect
    .poll(async () => {
      const current = JSON.stringify(await tooltip.boundingBox());
      const settled = current === previous;
      previous = current;
      return settled;
    })
    .toBe(true);
}

/**
 * Walks the bars of one series with the keyboard, as a screen-reader user would, and returns
 * the tooltip of each bar in order. A category without a bar in that series is not met.
 */
async function tooltipsOfSeries(page: Page, seriesName: string): Promise<string[][]> {
  // Tab from the last control above the chart, which moves focus into the chart.
  const region = page.locator('[data-testid=charts-region]');
  await ((await region.count()) > 0 ? region : page.locator('[data-testid=charts-mode-region]')).focus();
  await page.keyboard.press('Tab');
  // The chart keeps the series focused last, and up and down move between the two series.
  for (const key of ['ArrowUp', 'ArrowDown']) {
    if ((await tooltipLines(page))[1] !== seriesName) await page.keyboard.press(key);
  }
  await page.keyboard.press('Home');
  expect((await tooltipLines(page))[1], 'series of the focused bar').toBe(seriesName);

  // ArrowRight on the last bar keeps the focus there, so a repeated tooltip ends the walk.
  const tooltips: string[][] = [];
  for (let step = 0; step < MAX_BARS_PER_SERIES; step++) {
    const lines = await tooltipLines(page);
    if (tooltips.length > 0 && lines.join('\n') === tooltips[tooltips.length - 1]?.join('\n')) return tooltips;
    tooltips.push(lines);
    await page.keyboard.press('ArrowRight');
  }
  throw new Error(`The keyboard walk of "${seriesName}" did not reach a last bar within ${MAX_BARS_PER_SERIES} steps.`);
}

describe('hq charts tab', () => {
  it('shows the consolidated totals of five offices', async () => {
    const dir = tempDir('planner-charts-');
    const hq = hqWithOffices(
      dir,
      REGION_OFFICES.map((office) => ({ office, entriesCsv: regionEntriesCsv(office.region) })),
    );
    const cycle: Cycle = withContext(hq, cycleOf);
    const opened = await openHq(dir, hq);
    const { page } = opened;
    try {
      await openChartsTab(page);
      const canvas = await page.locator('[data-testid=charts-canvas] canvas').first().boundingBox();
      expect(canvas?.width).toBeGreaterThan(600);
      expect(canvas?.height).toBeGreaterThan(300);

      // By region: one line per region of the cycle, in its order, with the column sums.
      const byRegion = cycle.regions.map((r) => `${r.name}: demand ${columnSum(r.code, 'demand')}, target ${columnSum(r.code, 'target')}`);
      expect(await summaryLines(page)).toEqual(byRegion);
      expect(byRegion[0]).toBe('Africa: demand 312, target 183');
      // The same figures as the totals row of headquarters' consolidated table.
      const totals = withContext(hq, consolidatedTable).totals.regions;
      for (const r of cycle.regions) {
        expect(totals[r.code]?.demand, `${r.code} demand`).toEqual({ value: columnSum(r.code, 'demand'), entered: 19, missing: 0 });
        expect(totals[r.code]?.target, `${r.code} target`).toEqual({ value: columnSum(r.code, 'target'), entered: 19, missing: 0 });
      }
      expect(await page.locator('[data-testid=charts-blank]').count()).toBe(0);
      expect(await page.locator('[data-testid=charts-partial]').count()).toBe(0);
      await saveScreenshot(page, 'hq-charts-region.png');

      // By outcome for Asia: the 19 outcomes with Asia's column of the published table.
      await showByOutcome(page, 'asia');
      expect(await page.locator('h2').textContent()).toContain('Asia');
      const asia = await summaryLines(page);
      expect(asia).toHaveLength(19);
      expect(asia).toEqual(paper.rows.map((row) => `${row.outcome} ${row.title}: demand ${row.values.asia_demand}, target ${row.values.asia_target}`));
      const asiaTooltips = await tooltipsOfSeries(page, 'Proposed target');
      expect(asiaTooltips.map((lines) => [lines[0], lines[3], lines[5]])).toEqual(
        paper.rows.map((row) => [`${row.outcome} ${row.title}`, String(row.values.asia_demand), String(row.values.asia_target)]),
      );
      // The screenshot shows the tooltip of outcome 07, where Asia's target is far below its demand.
      await page.keyboard.press('Home');
      for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
      expect((await tooltipLines(page))[0]).toBe('07 Labour migration');
      await tooltipSettled(page);
      await saveScreenshot(page, 'hq-charts-outcome.png');

      // All regions: each outcome's figures added up over the regions.
      await page.locator('[data-testid=charts-region]').selectOption({ label: 'All regions' });
      await chartDrawn(page);
      const regionSum = (row: (typeof paper.rows)[number], side: string) => cycle.regions.reduce((sum, r) => sum + (row.values[`${r.code}_${side}`] ?? 0), 0);
      expect(await summaryLines(page)).toEqual(paper.rows.map((row) => `${row.outcome} ${row.title}: demand ${regionSum(row, 'demand')}, target ${regionSum(row, 'target')}`));

      // Each outcome has a bar, and its tooltip names the outcome with its title and gives both figures.
      const tooltips = await tooltipsOfSeries(page, 'Prioritized demand');
      expect(tooltips.map((lines) => lines[0])).toEqual(paper.rows.map((row) => `${row.outcome} ${row.title}`));
      const childLabour = paper.rows.find((row) => row.outcome === '16');
      expect(tooltips[15]?.slice(2)).toEqual(['Prioritized demand', String(regionSum(childLabour!, 'demand')), 'Proposed target', String(regionSum(childLabour!, 'target'))]);

      expect(opened.problems.filter((p) => p.includes('Content Security Policy'))).toEqual([]);
      expect(opened.problems).toEqual([]);
      expect(opened.foreignRequests).toEqual([]);
    } finally {
      await close(opened);
    }
  });

  it('leaves blank figures out and marks partial sums', async () => {
    const dir = tempDir('planner-charts-');
    // Europe sends nothing, and Africa leaves the demand of outcome 05 (2 in the published table) blank.
    const africa = regionEntriesCsv('africa').replace(/^05,2,1,/m, '05,,1,');
    expect(africa).toContain('\n05,,1,');
    const offices = REGION_OFFICES.filter((office) => office.region !== 'europe').map((office) => ({
      office,
      entriesCsv: office.region === 'africa' ? africa : regionEntriesCsv(office.region),
    }));
    const hq = hqWithOffices(dir, offices);
    const opened = await openHq(dir, hq);
    const { page } = opened;
    try {
      await openChartsTab(page);
      const lines = await summaryLines(page);
      expect(lines).toContain('Africa: demand 310 (partial: 1 of 19 figures not entered), target 183');
      expect(lines).toContain('Europe: demand not entered, target not entered');
      expect(lines).toContain(`Asia: demand ${columnSum('asia', 'demand')}, target ${columnSum('asia', 'target')}`);
      expect(await page.locator('[data-testid=charts-blank]').textContent()).toContain('Europe (demand and target)');
      expect(await page.locator('[data-testid=charts-partial]').isVisible()).toBe(true);

      // Europe has no bars at all, not bars of height 0: the keyboard walk passes it by.
      const demandBars = await tooltipsOfSeries(page, 'Prioritized demand');
      expect(demandBars.map((lines) => lines[0])).toEqual(['Africa', 'Arab States', 'Asia', 'Americas']);
      expect(demandBars[0]).toEqual(['Africa', 'Prioritized demand', 'Prioritized demand', '310 (partial: 1 of 19 figures not entered)', 'Proposed target', '183']);

      // Sums over all regions leave Europe out, and the tab states it.
      await showByOutcome(page, '');
      expect(await page.locator('[data-testid=charts-regions-without-plan]').textContent()).toBe(
        'No plan has been imported for Europe, so these sums leave that region out.',
      );

      await showByOutcome(page, 'africa');
      expect(await page.locator('[data-testid=charts-regions-without-plan]').count()).toBe(0);
      expect(await summaryLines(page)).toContain('05 Working conditions: demand not entered, target 1');
      expect(await page.locator('[data-testid=charts-blank]').textContent()).toContain('05 (demand)');
      expect(await page.locator('[data-testid=charts-partial]').count()).toBe(0);
      // Outcome 05 has a target bar and no demand bar, and the target's tooltip explains why.
      const demandOutcomes = (await tooltipsOfSeries(page, 'Prioritized demand')).map((lines) => lines[0]);
      expect(demandOutcomes).toHaveLength(18);
      expect(demandOutcomes).not.toContain('05 Working conditions');
      const targetBars = await tooltipsOfSeries(page, 'Proposed target');
      expect(targetBars).toHaveLength(19);
      expect(targetBars[4]).toEqual(['05 Working conditions', 'Proposed target', 'Prioritized demand', 'not entered', 'Proposed target', '1']);

      expect(opened.problems).toEqual([]);
      expect(opened.foreignRequests).toEqual([]);
    } finally {
      await close(opened);
    }
  });

  it('keeps the text figures when the chart fails to load', async () => {
    const dir = tempDir('planner-charts-');
    const hq = hqWithOffices(dir, [{ office: REGION_OFFICES[0], entriesCsv: regionEntriesCsv('africa') }]);
    // The chart's script is loaded when the tab first opens; this request fails as on a broken install.
    const opened = await openHq(dir, hq, (page) => page.route(/\/assets\/DemandTargetChart-[^/]*\.js$/, (route) => route.abort()));
    const { page } = opened;
    try {
      await page.locator('[data-testid=tab-charts]').click();
      await page.getByText('The chart cannot be shown').waitFor();
      expect(await page.locator('canvas').count()).toBe(0);
      expect(await summaryLines(page)).toContain(`Africa: demand ${columnSum('africa', 'demand')}, target ${columnSum('africa', 'target')}`);
      expect(await page.locator('[data-testid=tab-table]').isVisible()).toBe(true);
    } finally {
      await close(opened);
    }
  });

  it('shows an empty state before any import', async () => {
    const dir = tempDir('planner-charts-');
    const opened = await openHq(dir, createHq(dir));
    const { page } = opened;
    try {
      await page.locator('[data-testid=tab-charts]').click();
      expect(await page.locator('[data-testid=charts-empty]').textContent()).toContain('No plans have been imported yet');
      expect(await page.locator('canvas').count()).toBe(0);
      expect(opened.problems).toEqual([]);
    } finally {
      await close(opened);
    }
  });
});
