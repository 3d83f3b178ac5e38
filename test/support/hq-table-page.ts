import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { importEntriesCsv } from '../../electron/services/entries.js';
import { exportBundle, exportRegistration } from '../../electron/services/exchange/bundle-export.js';
import { importBundleFile } from '../../electron/services/exchange/bundle-import.js';
import { addTrust, revokeTrust } from '../../electron/services/exchange/trust.js';
import { createHq, createOffice, regionEntriesCsv, REGION_OFFICES, withContext } from './scenario.js';

export interface OfficeSpec {
  id: string;
  name: string;
  region: string;
}

/** An office that registered with headquarters but has not sent a bundle. */
export const SILENT_OFFICE: OfficeSpec = { id: 'AFR-DAKAR', name: 'Country Office for Senegal', region: 'africa' };
/** An office whose key headquarters revoked before it sent anything. */
export const REVOKED_OFFICE: OfficeSpec = { id: 'ARB-CAIRO', name: 'Country Office for Egypt', region: 'arab_states' };

export interface HqScenario {
  hq: string;
  /** Office database by office id. */
  officeDbs: Map<string, string>;
}

function registerOffice(dir: string, hq: string, office: OfficeSpec, at: Date): string {
  const db = createOffice(dir, office);
  const registration = path.join(dir, `${office.id}-key.txt`);
  withContext(db, (context) => exportRegistration(context, registration), () => at);
  withContext(hq, (context) => addTrust(context, fs.readFileSync(registration)), () => at);
  return db;
}

/**
 * Signs the office's current plan as its next revision at `signedAt` and imports it at
 * headquarters at `importedAt`. Fails unless headquarters accepts it.
 */
export function sendPlan(dir: string, officeDb: string, hq: string, officeId: string, signedAt: Date, importedAt: Date): void {
  const bundle = path.join(dir, `${officeId}-${signedAt.getTime()}.bundle`);
  withContext(officeDb, (context) => exportBundle(context, bundle), () => signedAt);
  const verdict = withContext(hq, (context) => importBundleFile(context, bundle), () => importedAt);
  if (verdict.verdict !== 'accepted') throw new Error(`The bundle of ${officeId} was not accepted: ${verdict.verdict}: ${verdict.reason}`);
}

/**
 * Builds the headquarters database of the published table's scenario with the services. The
 * five regional offices send their region's published column, one more office registers and
 * sends nothing, and one registers and is then revoked.
 */
export function prepareHqScenario(dir: string, signedAt: Date, importedAt: Date): HqScenario {
  const hq = createHq(dir);
  const officeDbs = new Map<string, string>();
  for (const office of REGION_OFFICES) {
    const db = registerOffice(dir, hq, office, signedAt);
    withContext(db, (context) => importEntriesCsv(context, regionEntriesCsv(office.region)));
    sendPlan(dir, db, hq, office.id, signedAt, importedAt);
    officeDbs.set(office.id, db);
  }
  officeDbs.set(SILENT_OFFICE.id, registerOffice(dir, hq, SILENT_OFFICE, signedAt));
  officeDbs.set(REVOKED_OFFICE.id, registerOffice(dir, hq, REVOKED_OFFICE, signedAt));
  withContext(hq, (context) => revokeTrust(context, REVOKED_OFFICE.id), () => importedAt);
  return { hq, officeDbs };
}

/** A grid cell as the page shows it. */
export interface ShownCell {
  rowId: string;
  colId: string;
  text: string;
  classes: string[];
}

/**
 * The few browser globals the page scripts below use. The scripts run in the page, but this file
 * is compiled without DOM types, and the page's CSP forbids evaluating strings.
 */
interface PageElement {
  getAttribute(name: string): string | null;
  textContent: string | null;
  className: string;
  closest(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  dispatchEvent(event: unknown): boolean;
}

interface PageGlobals {
  document: { querySelector(selector: string): PageElement | null; querySelectorAll(selector: string): ArrayLike<PageElement> };
  DataTransfer: new () => { items: { add(file: unknown): void } };
  File: new (parts: string[], name: string, options: { type: string }) => unknown;
  DragEvent: new (type: string, init: { dataTransfer: unknown; bubbles: boolean; cancelable: boolean }) => unknown;
}

/** Reads every value cell of the consolidated grid (outcome rows and the totals row) with its classes. */
export async function shownValueCells(page: Page): Promise<ShownCell[]> {
  return page.evaluate(() => {
    const browser = globalThis as unknown as PageGlobals;
    const grid = browser.document.querySelector('[data-testid=consolidated-grid]');
    if (!grid) return [];
    return Array.from(grid.querySelectorAll('.ag-row[row-id] .ag-cell[col-id]'))
      .map((cell) => ({
        rowId: cell.closest('.ag-row')?.getAttribute('row-id') ?? '',
        colId: cell.getAttribute('col-id') ?? '',
        text: (cell.textContent ?? '').replace(/[\s\u00a0\u202f,]/g, ''),
        classes: cell.className.split(/\s+/),
      }))
      .filter((cell) => /_(demand|target)$/.test(cell.colId));
  });
}

/** Hovers over a cell of the consolidated grid and returns its tooltip text, or null when it has none. */
export async function tooltipOf(page: Page, rowId: string, colId: string): Promise<string | null> {
  const tooltip = page.locator('.ag-tooltip');
  await page.mouse.move(0, 0);
  await tooltip.waitFor({ state: 'detached', timeout: 5000 }).catch(() => undefined);
  await page.locator(`[data-testid=consolidated-grid] .ag-row[row-id="${rowId}"] [col-id="${colId}"]`).hover();
  try {
    await tooltip.waitFor({ state: 'visible', timeout: 2000 });
  } catch {
    return null;
  }
  return tooltip.textContent();
}

/** Drops a file on an element as the browser does when a user drags one in from the desktop. */
export async function dropFile(page: Page, selector: string, fileName: string, text: string): Promise<void> {
  await page.evaluate(
    ({ selector, fileName, text }) => {
      const browser = globalThis as unknown as PageGlobals;
      const target = browser.document.querySelector(selector);
      if (!target) throw new Error(`No element matches ${selector}.`);
      const data = new browser.DataTransfer();
      data.items.add(new browser.File([text], fileName, { type: 'text/csv' }));
      for (const type of ['dragenter', 'dragover', 'drop']) {
        target.dispatchEvent(new browser.DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
      }
    },
    { selector, fileName, text },
  );
}

/** Opens one of the headquarters tabs (`table`, `completeness`, `reconcile`, …). */
export async function openTab(page: Page, name: string): Promise<void> {
  await page.locator(`[data-testid=tab-${name}]`).click();
}
