import type { Browser, Locator, Page } from 'playwright-core';

export type HqTabName = 'table' | 'charts' | 'completeness' | 'import' | 'trust' | 'reconcile';

/** Opens the headquarters window of a running web host in a browser context of its own. */
export async function openHqPage(browser: Browser, url: string, viewport = { width: 1400, height: 1100 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(url);
  await page.locator('[data-testid=tab-table]').waitFor();
  return page;
}

export async function openTab(page: Page, tab: HqTabName): Promise<void> {
  await page.locator(`[data-testid=tab-${tab}]`).click();
  await page.locator(`[data-testid=tab-${tab}][aria-selected=true]`).waitFor();
}

/** Returns the preview card of one bundle file in the Import tab, waiting or decided. */
export function previewCard(page: Page, fileName: string): Locator {
  return page.locator(`[data-testid=preview-card][data-file-name="${fileName}"]`);
}

/** Returns the row of one file in the import history table, the newest one when a name repeats. */
export function historyRow(page: Page, fileName: string): Locator {
  return page.locator(`[data-testid=import-history] tr[data-file-name="${fileName}"]`).first();
}

export function trustedOfficeRow(page: Page, officeId: string): Locator {
  return page.locator(`[data-testid=trusted-offices] tr[data-office-id="${officeId}"]`);
}

/**
 * The few browser globals the drop script below uses. It runs in the page, but this file is
 * compiled without DOM types, and the page's CSP forbids evaluating strings.
 */
interface DropGlobals {
  document: { querySelector(selector: string): { dispatchEvent(event: unknown): boolean } | null };
  DataTransfer: new () => { items: { add(file: unknown): unknown } };
  File: new (parts: string[], name: string, options: { type: string }) => unknown;
  DragEvent: new (type: string, init: { dataTransfer: unknown; bubbles: boolean; cancelable: boolean }) => unknown;
}

/**
 * Drops text files onto the element matching `selector` with the events a real drag sends:
 * dragenter, dragover, then drop, all carrying the same DataTransfer.
 */
export async function dropFiles(page: Page, selector: string, files: readonly { name: string; text: string }[]): Promise<void> {
  await page.locator(selector).waitFor();
  await page.evaluate(
    ({ target, dropped }) => {
      const browser = globalThis as unknown as DropGlobals;
      const element = browser.document.querySelector(target);
      if (!element) throw new Error(`no element matches ${target}`);
      const transfer = new browser.DataTransfer();
      for (const file of dropped) transfer.items.add(new browser.File([file.text], file.name, { type: 'text/plain' }));
      for (const type of ['dragenter', 'dragover', 'drop']) {
        element.dispatchEvent(new browser.DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }
    },
    { target: selector, dropped: [...files] },
  );
}
