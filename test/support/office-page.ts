import type { Page } from 'playwright-core';

export function cell(page: Page, rowId: string, colId: string) {
  return page.locator(`.ag-row[row-id="${rowId}"] [col-id="${colId}"]`);
}

/** Reads a grid cell's displayed text, without the grouping spaces of formatted numbers. */
export async function cellText(page: Page, rowId: string, colId: string): Promise<string> {
  return ((await cell(page, rowId, colId).textContent()) ?? '').replace(/[\s\u00a0\u202f,]/g, '');
}

/** Fills the set-up form for an office and goes on to the grid. */
export async function setUpOffice(page: Page, office: { id: string; name: string; region: string }): Promise<string> {
  await page.fill('input[name=officeId]', office.id);
  await page.fill('input[name=officeName]', office.name);
  await page.selectOption('select[name=region]', office.region);
  await page.click('button[type=submit]');
  const fingerprint = (await page.locator('[data-testid=new-fingerprint]').textContent()) ?? '';
  await page.getByRole('button', { name: 'Start entering the plan' }).click();
  await cell(page, '01', 'demand').waitFor();
  return fingerprint;
}

/**
 * The few browser globals the page scripts below use. The scripts run in the page, but this file
 * is compiled without DOM types, and the page's CSP forbids evaluating strings.
 */
interface PageGlobals {
  document: {
    querySelectorAll(selector: string): { length: number };
    activeElement: { dispatchEvent(event: unknown): boolean } | null;
    body: { dispatchEvent(event: unknown): boolean };
  };
  DataTransfer: new () => { setData(format: string, data: string): void };
  ClipboardEvent: new (type: string, init: { clipboardData: unknown; bubbles: boolean; cancelable: boolean }) => unknown;
  requestAnimationFrame(callback: () => void): number;
}

/** Waits until no cell is still saving. */
export async function waitForSaves(page: Page): Promise<void> {
  // Two animation frames let React render the "saving" state of an edit just made.
  await page.evaluate(() => {
    const browser = globalThis as unknown as PageGlobals;
    return new Promise((resolve) => browser.requestAnimationFrame(() => browser.requestAnimationFrame(() => resolve(undefined))));
  });
  await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.querySelectorAll('.cell-saving').length === 0);
}

/** Types a column of values from the first row down, as a user would: digits then Enter. */
export async function typeColumn(page: Page, firstRowId: string, colId: string, values: readonly string[]): Promise<void> {
  await cell(page, firstRowId, colId).click();
  for (const value of values) {
    await page.keyboard.type(value);
    await page.keyboard.press('Enter');
  }
  await waitForSaves(page);
}

/** Pastes text into a grid cell through a real paste event, as the clipboard would deliver it. */
export async function pasteText(page: Page, rowId: string, colId: string, text: string): Promise<void> {
  await cell(page, rowId, colId).click();
  await page.evaluate((clipboardText) => {
    const browser = globalThis as unknown as PageGlobals;
    const data = new browser.DataTransfer();
    data.setData('text/plain', clipboardText);
    const target = browser.document.activeElement ?? browser.document.body;
    target.dispatchEvent(new browser.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  await waitForSaves(page);
}
