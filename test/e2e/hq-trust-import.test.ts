import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { cycleOf } from '../../electron/services/context.js';
import { importEntriesCsv } from '../../electron/services/entries.js';
import { exportBundle, exportRegistration } from '../../electron/services/exchange/bundle-export.js';
import { formatFingerprint } from '../../electron/services/keys.js';
import { VERDICT_LABELS, type VerdictKind } from '../../shared/exchange/verdicts.js';
import { launchChromium } from '../support/browser.js';
import { cli, ROOT } from '../support/cli.js';
import { dropFiles, historyRow, openHqPage, openTab, previewCard, trustedOfficeRow } from '../support/hq-page.js';
import { cell, cellText } from '../support/office-page.js';
import { createOffice, publishedTable, regionEntriesCsv, REGION_OFFICES, withContext } from '../support/scenario.js';
import { startWebHost, type RunningHost } from '../support/web-host.js';

/**
 * Headquarters in Chromium against the web host: the five regional offices of the published
 * Table 1 are trusted from their key files and their bundles imported through the window.
 * The tests share one headquarters database and run in order, each building on the last.
 * With PLANNER_SCREENSHOTS=1 the run also renews docs/screenshots/hq-trust.png and hq-import.png.
 */

const paper = publishedTable();
const SCREENSHOTS = process.env.PLANNER_SCREENSHOTS === '1' ? path.join(ROOT, 'docs', 'screenshots') : null;
const WAIT = { timeout: 15_000 };

interface OfficeFiles {
  id: string;
  name: string;
  region: string;
  db: string;
  keyFile: string;
  fingerprint: string;
  /** Bundle files by revision, from revision 1. */
  bundles: string[];
}

let workDir: string;
let filesDir: string;
let outgoing: string;
let regionNames: Map<string, string>;
let offices: OfficeFiles[];
let tampered: string;
let host: RunningHost;
let browser: Browser;
let page: Page;

function office(id: string): OfficeFiles {
  const found = offices.find((o) => o.id === id);
  if (!found) throw new Error(`no office ${id} in the scenario`);
  return found;
}

/** Returns an entries file with one outcome's demand replaced. */
function withDemand(csv: string, outcome: string, demand: number): string {
  return csv
    .split('\n')
    .map((line) => {
      const cells = line.split(',');
      if (cells[0] !== outcome) return line;
      cells[1] = String(demand);
      return cells.join(',');
    })
    .join('\n');
}

function paperValue(outcome: string, column: string): number {
  const value = paper.rows.find((row) => row.outcome === outcome)?.values[column];
  if (value === null || value === undefined) throw new Error(`the published table has no value for ${outcome} ${column}`);
  return value;
}

/** Signs the office's current plan as its next revision, into the folder of outgoing files. */
function exportNextRevision(target: OfficeFiles, folder = outgoing): string {
  const revision = target.bundles.length + 1;
  const file = path.join(folder, `${target.id}-r${revision}.bundle`);
  const exported = withContext(target.db, (context) => exportBundle(context, file));
  expect(exported.revision).toBe(revision);
  target.bundles.push(file);
  return file;
}

function loadEntries(db: string, csv: string): void {
  withContext(db, (context) => importEntriesCsv(context, csv));
}

/** Copies a bundle with one base64 character of its payload changed, as a damaged transfer would. */
function tamper(source: string, target: string): void {
  const lines = fs.readFileSync(source, 'ascii').split('\n');
  const payloadLine = lines.indexOf('') + 1;
  const line = lines[payloadLine] as string;
  const changed = line[10] === 'A' ? 'B' : 'A';
  lines[payloadLine] = line.slice(0, 10) + changed + line.slice(11);
  fs.writeFileSync(target, lines.join('\n'));
}

async function screenshot(name: string): Promise<void> {
  if (SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, name) });
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'renderer', 'index.html'))) {
    throw new Error('dist/renderer is missing; run `npm run build:renderer` first (npm test does).');
  }
  // Not tempDir(): it removes its folders after each test, and these tests share one.
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'planner-hq-e2e-'));
  filesDir = path.join(workDir, 'files');
  outgoing = path.join(workDir, 'outgoing');
  fs.mkdirSync(outgoing);

  const hqDb = path.join(workDir, 'hq.db');
  const init = cli('init', '--db', hqDb, '--role', 'hq');
  expect(init.code, init.stderr).toBe(0);
  regionNames = new Map(withContext(hqDb, (context) => cycleOf(context).regions.map((r) => [r.code, r.name] as const)));

  offices = REGION_OFFICES.map((o) => {
    const db = createOffice(workDir, o);
    const keyFile = path.join(outgoing, `${o.id}-key.txt`);
    const registration = withContext(db, (context) => exportRegistration(context, keyFile));
    return { ...o, db, keyFile, fingerprint: registration.keyFingerprint, bundles: [] };
  });
  for (const o of offices) {
    if (o.id === 'AFR-ADDIS') {
      // Revision 1 carries a wrong demand for outcome 01, corrected in revision 2, so the table
      // shows the published figure only if revision 1 is never accepted after revision 2.
      loadEntries(o.db, withDemand(regionEntriesCsv(o.region), '01', paperValue('01', 'africa_demand') + 100));
      exportNextRevision(o);
    }
    loadEntries(o.db, regionEntriesCsv(o.region));
    exportNextRevision(o);
  }
  tampered = path.join(outgoing, 'ARB-BEIRUT-r1-tampered.bundle');
  tamper(office('ARB-BEIRUT').bundles[0] as string, tampered);

  host = await startWebHost(hqDb, filesDir);
  browser = await launchChromium();
  page = await openHqPage(browser, host.url);
  page.setDefaultTimeout(15_000);
});

afterAll(async () => {
  await browser?.close();
  if (host) expect(await host.stop()).toBe(0);
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

describe('headquarters trust and import', () => {
  it('uses the CLI verdict words', () => {
    const catalogue = JSON.parse(fs.readFileSync(path.join(ROOT, 'renderer', 'i18n', 'locales', 'en-hq-import.json'), 'utf8')) as {
      hqImport: { verdict: Record<string, string> };
    };
    for (const [kind, label] of Object.entries(VERDICT_LABELS)) {
      expect(catalogue.hqImport.verdict[kind as VerdictKind], kind).toBe(label);
    }
  });

  it('trusts five offices from their files', async () => {
    await openTab(page, 'trust');
    await page.getByText('No office is trusted yet.').waitFor();

    for (const o of offices) {
      await page.setInputFiles('[data-testid=trust-file]', o.keyFile);
      const preview = page.locator('[data-testid=trust-preview]');
      await preview.waitFor();
      expect(await preview.getAttribute('data-status'), o.id).toBe('new');
      expect(await page.locator('[data-testid=preview-office-id]').textContent()).toBe(o.id);
      expect(await page.locator('[data-testid=preview-office-name]').textContent()).toBe(o.name);
      expect(await page.locator('[data-testid=preview-region]').textContent()).toBe(regionNames.get(o.region));
      // The fingerprint headquarters reads out is the one the office's key export printed.
      expect(await page.locator('[data-testid=preview-fingerprint]').textContent()).toBe(formatFingerprint(o.fingerprint));

      await page.locator('[data-testid=trust-add]').click();
      await page.locator('[data-testid=trust-message]', { hasText: `Office ${o.id} is now trusted` }).waitFor();
      await expect.poll(() => preview.count()).toBe(0);
      const row = trustedOfficeRow(page, o.id);
      await expect.poll(() => row.locator('[data-testid=office-fingerprint]').textContent(), WAIT).toBe(formatFingerprint(o.fingerprint));
      expect(await row.textContent()).toContain(regionNames.get(o.region));
      expect(await row.locator('[data-testid=office-revoked]').textContent()).toBe('no');
    }
    expect(await page.locator('[data-testid=trusted-offices] tbody tr').count()).toBe(5);
    await expect.poll(() => page.locator('[data-testid=trust-events] tr[data-action=added]').count(), WAIT).toBe(5);
  });

  it('explains a file already trusted or invalid', async () => {
    await page.setInputFiles('[data-testid=trust-file]', office('AFR-ADDIS').keyFile);
    const preview = page.locator('[data-testid=trust-preview]');
    await preview.waitFor();
    expect(await preview.getAttribute('data-status')).toBe('already-trusted');
    expect(await page.locator('[data-testid=preview-status]').textContent()).toContain('already trusted with this key');
    expect(await page.locator('[data-testid=trust-add]').count()).toBe(0);
    await page.locator('[data-testid=trust-close]').click();
    await expect.poll(() => preview.count()).toBe(0);

    // A bundle is not a registration file, and the service's reason is shown by the file input.
    await page.setInputFiles('[data-testid=trust-file]', office('ASI-BANGKOK').bundles[0] as string);
    await page.locator('[data-testid=trust-error]', { hasText: 'The key registration file is invalid' }).waitFor();
    expect(await preview.count()).toBe(0);
  });

  it('imports a batch with stale and tampered files', async () => {
    await openTab(page, 'import');
    const afr = office('AFR-ADDIS');
    const latest = offices.map((o) => o.bundles.at(-1) as string);
    const staleFile = afr.bundles[0] as string;
    // Revision 2 of AFR-ADDIS comes before its revision 1, so accepting in list order makes
    // revision 1 stale. Every preview is made before anything is accepted.
    const batch = [...latest, staleFile, tampered];
    await page.setInputFiles('[data-testid=import-files]', batch);
    await page.locator('[data-testid=import-progress] progress').waitFor({ state: 'attached' });
    await expect.poll(() => page.locator('[data-testid=preview-card]').count(), WAIT).toBe(batch.length);
    await page.locator('[data-testid=import-progress]').waitFor({ state: 'detached' });

    for (const o of offices) {
      const file = path.basename(o.bundles.at(-1) as string);
      const card = previewCard(page, file);
      expect(await card.getAttribute('data-verdict'), file).toBe('accepted');
      const verdict = (await card.locator('[data-testid=preview-verdict]').textContent()) ?? '';
      expect(verdict, file).toContain('accepted');
      expect(verdict, file).toContain(`revision ${o.bundles.length} of office ${o.id} replaces nothing (first bundle)`);
      expect(await card.locator('[data-testid=preview-office]').textContent(), file).toBe(`${o.id} — ${o.name} (${regionNames.get(o.region)})`);
      expect(await card.locator('[data-testid=preview-revision]').textContent(), file).toBe(`${o.bundles.length} (headquarters holds none from this office)`);
      expect(await card.locator('[data-testid=preview-signer]').textContent(), file).toBe(formatFingerprint(o.fingerprint));
      const demand01 = card.locator('[data-testid=cells-new] tr[data-outcome="01"][data-field=demand] [data-testid=cell-value]');
      expect(await demand01.textContent(), file).toBe(String(paperValue('01', `${o.region}_demand`)));
    }

    const staleCard = previewCard(page, path.basename(staleFile));
    expect(await staleCard.getAttribute('data-verdict')).toBe('accepted');
    expect(await staleCard.locator('[data-testid=preview-revision]').textContent()).toBe('1 (headquarters holds none from this office)');
    expect(await staleCard.locator('[data-testid=newer-waiting]').textContent()).toContain('Revision 2 from the same office is also waiting here');
    const staleDemand = staleCard.locator('[data-testid=cells-new] tr[data-outcome="01"][data-field=demand] [data-testid=cell-value]');
    expect(await staleDemand.textContent()).toBe(String(paperValue('01', 'africa_demand') + 100));

    const tamperedCard = previewCard(page, path.basename(tampered));
    expect(await tamperedCard.getAttribute('data-verdict')).toBe('bad-signature');
    const tamperedVerdict = (await tamperedCard.locator('[data-testid=preview-verdict]').textContent()) ?? '';
    expect(tamperedVerdict).toContain('rejected: bad signature');
    expect(tamperedVerdict).toContain('the signature does not match the content');
    expect(await tamperedCard.locator('[data-testid=accept]').count()).toBe(0);

    const acceptAll = page.locator('[data-testid=accept-all]');
    expect(await acceptAll.textContent()).toBe('Accept all acceptable (6)');
    await acceptAll.click();
    await expect.poll(() => page.locator('[data-testid=preview-card][data-result=""]').count(), WAIT).toBe(1);

    for (const file of latest) {
      const card = previewCard(page, path.basename(file));
      expect(await card.getAttribute('data-result'), file).toBe('accepted');
    }
    expect(await staleCard.getAttribute('data-result')).toBe('stale');
    const staleResult = (await staleCard.locator('[data-testid=result-verdict]').textContent()) ?? '';
    expect(staleResult).toContain('rejected: stale');
    expect(staleResult).toContain('revision 1 is older than revision 2, the last accepted from office AFR-ADDIS');

    await tamperedCard.locator('[data-testid=record]').click();
    await expect.poll(() => tamperedCard.getAttribute('data-result'), WAIT).toBe('bad-signature');
    expect(await acceptAll.isDisabled()).toBe(true);

    await expect.poll(() => page.locator('[data-testid=import-history] tbody tr').count(), WAIT).toBe(batch.length);
    for (const file of latest) {
      expect(await historyRow(page, path.basename(file)).locator('[data-testid=history-verdict]').textContent(), file).toBe('accepted');
    }
    expect(await historyRow(page, path.basename(staleFile)).locator('[data-testid=history-verdict]').textContent()).toBe('rejected: stale');
    const tamperedRow = historyRow(page, path.basename(tampered));
    expect(await tamperedRow.locator('[data-testid=history-verdict]').textContent()).toBe('rejected: bad signature');
    expect(await tamperedRow.textContent()).toContain('ARB-BEIRUT');

    await page.locator('[data-testid=clear-decided]').click();
    await expect.poll(() => page.locator('[data-testid=preview-card]').count()).toBe(0);
  });

  it('shows the published figures in the table', async () => {
    await openTab(page, 'table');
    await cell(page, '01', 'africa_demand').waitFor();
    const columnSums: Record<string, number> = {};
    for (const row of paper.rows) {
      for (const side of ['demand', 'target'] as const) {
        let sum = 0;
        for (const region of paper.regionCodes) {
          const column = `${region}_${side}`;
          const expected = paperValue(row.outcome, column);
          expect(await cellText(page, row.outcome, column), `outcome ${row.outcome} ${column}`).toBe(String(expected));
          sum += expected;
          columnSums[column] = (columnSums[column] ?? 0) + expected;
        }
        // The published totals do not always add up, but the consolidated ones are sums.
        expect(await cellText(page, row.outcome, `total_${side}`), `outcome ${row.outcome} total_${side}`).toBe(String(sum));
        columnSums[`total_${side}`] = (columnSums[`total_${side}`] ?? 0) + sum;
      }
    }
    for (const [column, sum] of Object.entries(columnSums)) {
      expect(await cellText(page, 'total', column), `total row ${column}`).toBe(String(sum));
    }
  });

  it('previews changed cells before accepting', async () => {
    const afr = office('AFR-ADDIS');
    const before = paperValue('03', 'africa_demand');
    const csv = withDemand(regionEntriesCsv('africa'), '03', before + 5);
    loadEntries(afr.db, csv);
    const file = exportNextRevision(afr);
    expect(path.basename(file)).toBe('AFR-ADDIS-r3.bundle');
    // Demand and target for each of the 19 outcomes, plus each justification written.
    const justified = csv.split('\n').slice(1).filter((line) => line !== '' && (line.split(',')[3] ?? '') !== '').length;
    const cellCount = paper.rows.length * 2 + justified;

    await openTab(page, 'import');
    await page.setInputFiles('[data-testid=import-files]', file);
    const card = previewCard(page, path.basename(file));
    await card.waitFor();
    expect(await card.getAttribute('data-verdict')).toBe('accepted');
    expect(await card.locator('[data-testid=preview-verdict]').textContent()).toContain('revision 3 of office AFR-ADDIS replaces revision 2');
    expect(await card.locator('[data-testid=preview-revision]').textContent()).toBe('3 (headquarters holds revision 2)');

    const changed = card.locator('[data-testid=cells-changed] tbody tr');
    expect(await changed.count()).toBe(1);
    expect(await changed.getAttribute('data-outcome')).toBe('03');
    expect(await changed.getAttribute('data-field')).toBe('demand');
    expect(await changed.locator('[data-testid=cell-value]').textContent()).toBe(`${before} → ${before + 5}`);
    expect(await card.locator('[data-testid=cells-new]').count()).toBe(0);
    expect(await card.locator('[data-testid=cells-removed]').count()).toBe(0);
    expect(await card.locator('[data-testid=cells-unchanged]').textContent()).toBe(`${cellCount - 1} cell(s) unchanged.`);
    await screenshot('hq-import.png');

    await card.locator('[data-testid=accept]').click();
    await expect.poll(() => card.getAttribute('data-result'), WAIT).toBe('accepted');

    await openTab(page, 'table');
    await cell(page, '03', 'africa_demand').waitFor();
    expect(await cellText(page, '03', 'africa_demand')).toBe(String(before + 5));
    const otherRegions = paper.regionCodes.filter((r) => r !== 'africa').reduce((sum, r) => sum + paperValue('03', `${r}_demand`), 0);
    expect(await cellText(page, '03', 'total_demand')).toBe(String(otherRegions + before + 5));
  });

  it('replaces a key only after typed confirmation', async () => {
    const afr = office('AFR-ADDIS');
    // The office set itself up again, so its id and region stay but its key is new.
    const newDir = path.join(workDir, 'afr-reinstalled');
    fs.mkdirSync(newDir);
    const newDb = createOffice(newDir, { id: afr.id, name: afr.name, region: afr.region });
    const newKeyFile = path.join(newDir, 'AFR-ADDIS-new-key.txt');
    const newFingerprint = withContext(newDb, (context) => exportRegistration(context, newKeyFile)).keyFingerprint;
    expect(newFingerprint).not.toBe(afr.fingerprint);

    await openTab(page, 'trust');
    // The drop zone takes one file at a time and reports more as an error.
    const text = fs.readFileSync(newKeyFile, 'utf8');
    await dropFiles(page, '[data-testid=trust-drop]', [
      { name: 'a.txt', text },
      { name: 'b.txt', text },
    ]);
    await page.locator('[data-testid=trust-error]', { hasText: '2 files were dropped' }).waitFor();

    await dropFiles(page, '[data-testid=trust-drop]', [{ name: 'AFR-ADDIS-new-key.txt', text }]);
    const preview = page.locator('[data-testid=trust-preview]');
    await preview.waitFor();
    expect(await preview.getAttribute('data-status')).toBe('key-change');
    expect(await page.locator('[data-testid=preview-current-fingerprint]').textContent()).toBe(formatFingerprint(afr.fingerprint));
    expect(await page.locator('[data-testid=preview-new-fingerprint]').textContent()).toBe(formatFingerprint(newFingerprint));
    expect(await page.locator('[data-testid=preview-status]').textContent()).toContain('bundles signed with the old key are rejected');

    const replace = page.locator('[data-testid=trust-replace]');
    expect(await replace.isDisabled()).toBe(true);
    await page.locator('[data-testid=confirm-office-id]').fill('AFR-ADDIX');
    expect(await replace.isDisabled()).toBe(true);
    await page.locator('[data-testid=confirm-office-id]').fill('AFR-ADDIS');
    expect(await replace.isDisabled()).toBe(false);
    await screenshot('hq-trust.png');

    await replace.click();
    await page.locator('[data-testid=trust-message]', { hasText: 'The key of office AFR-ADDIS was replaced' }).waitFor();
    const row = trustedOfficeRow(page, 'AFR-ADDIS');
    await expect.poll(() => row.locator('[data-testid=office-fingerprint]').textContent(), WAIT).toBe(formatFingerprint(newFingerprint));
    const event = page.locator('[data-testid=trust-events] tr[data-action=key-replaced]');
    await event.waitFor();
    const eventText = (await event.textContent()) ?? '';
    expect(eventText).toContain('key replaced');
    expect(eventText).toContain(formatFingerprint(afr.fingerprint));
    expect(eventText).toContain(formatFingerprint(newFingerprint));
  });

  it('picks up files from the inbox folder', async () => {
    const inbox = path.join(filesDir, 'in');
    fs.mkdirSync(inbox, { recursive: true });
    const eur = office('EUR-GENEVA');
    loadEntries(eur.db, withDemand(regionEntriesCsv('europe'), '02', paperValue('02', 'europe_demand') + 3));
    const eurFile = exportNextRevision(eur, inbox);
    // The office's old database still signs with the key headquarters no longer trusts.
    const oldKeyFile = exportNextRevision(office('AFR-ADDIS'), inbox);

    await openTab(page, 'import');
    await page.getByText('No inbox folder is chosen.').waitFor();
    await page.locator('[data-testid=inbox-choose]').click();
    await page.locator('[data-testid=inbox-folder]', { hasText: inbox }).waitFor();

    const eurCard = previewCard(page, path.basename(eurFile));
    const oldKeyCard = previewCard(page, path.basename(oldKeyFile));
    await eurCard.waitFor();
    await oldKeyCard.waitFor();
    expect(await eurCard.textContent()).toContain('from the inbox folder');
    expect(await eurCard.getAttribute('data-verdict')).toBe('accepted');
    expect(await eurCard.locator('[data-testid=preview-revision]').textContent()).toBe('2 (headquarters holds revision 1)');
    expect(await eurCard.locator('[data-testid=cells-changed] tr[data-outcome="02"] [data-testid=cell-value]').textContent()).toBe(
      `${paperValue('02', 'europe_demand')} → ${paperValue('02', 'europe_demand') + 3}`,
    );
    expect(await oldKeyCard.getAttribute('data-verdict')).toBe('unknown-key');
    const oldKeyVerdict = (await oldKeyCard.locator('[data-testid=preview-verdict]').textContent()) ?? '';
    expect(oldKeyVerdict).toContain('rejected: unknown key');
    expect(oldKeyVerdict).toContain('but office AFR-ADDIS is trusted with key');

    await eurCard.locator('[data-testid=accept]').click();
    await expect.poll(() => eurCard.getAttribute('data-result'), WAIT).toBe('accepted');
    await oldKeyCard.locator('[data-testid=record]').click();
    await expect.poll(() => oldKeyCard.getAttribute('data-result'), WAIT).toBe('unknown-key');
    for (const file of [eurFile, oldKeyFile]) {
      expect(fs.existsSync(file), `${file} left the inbox`).toBe(false);
      expect(fs.existsSync(path.join(inbox, 'processed', path.basename(file))), `${file} is in processed/`).toBe(true);
    }

    // A file that arrives while the tab is open appears at the next scan, within 5 seconds.
    const asiFile = exportNextRevision(office('ASI-BANGKOK'), inbox);
    const asiCard = previewCard(page, path.basename(asiFile));
    await asiCard.waitFor({ timeout: 12_000 });
    expect(await asiCard.getAttribute('data-verdict')).toBe('accepted');
    await asiCard.locator('[data-testid=discard]').click();
    await expect.poll(() => asiCard.getAttribute('data-result'), WAIT).toBe('discarded');
    expect(await historyRow(page, path.basename(asiFile)).locator('[data-testid=history-verdict]').textContent()).toBe('discarded');
    expect(fs.existsSync(path.join(inbox, 'processed', path.basename(asiFile)))).toBe(true);
  });

  it('revokes an office after confirmation', async () => {
    await openTab(page, 'trust');
    const row = trustedOfficeRow(page, 'AME-LIMA');
    await row.locator('[data-testid=revoke]').click();
    const confirmation = page.locator('[data-testid=revoke-confirmation]');
    expect(await confirmation.textContent()).toContain('Revoke office AME-LIMA?');
    await page.locator('[data-testid=revoke-cancel]').click();
    await expect.poll(() => confirmation.count()).toBe(0);
    expect(await row.locator('[data-testid=office-revoked]').textContent()).toBe('no');

    await row.locator('[data-testid=revoke]').click();
    await page.locator('[data-testid=revoke-confirm]').click();
    await page.locator('[data-testid=revoke-message]', { hasText: 'Office AME-LIMA was revoked.' }).waitFor();
    await expect.poll(() => row.locator('[data-testid=office-revoked]').textContent(), WAIT).not.toBe('no');
    expect(await row.locator('[data-testid=revoke]').count()).toBe(0);
    await page.locator('[data-testid=trust-events] tr[data-action=revoked][data-office-id=AME-LIMA]').waitFor();

    // The office's registration file can no longer be trusted, and its bundles are rejected.
    await page.setInputFiles('[data-testid=trust-file]', office('AME-LIMA').keyFile);
    const preview = page.locator('[data-testid=trust-preview]');
    await preview.waitFor();
    expect(await preview.getAttribute('data-status')).toBe('revoked');
    expect(await page.locator('[data-testid=preview-status]').textContent()).toContain('AME-LIMA was revoked');
    expect(await page.locator('[data-testid=trust-add]').count()).toBe(0);
    expect(await page.locator('[data-testid=trust-replace]').count()).toBe(0);

    await openTab(page, 'import');
    const bundle = office('AME-LIMA').bundles[0] as string;
    // Dropped anywhere on the tab, as from a mail client.
    await dropFiles(page, '[data-testid=import-history]', [{ name: path.basename(bundle), text: fs.readFileSync(bundle, 'ascii') }]);
    const card = previewCard(page, path.basename(bundle));
    await card.waitFor();
    expect(await card.getAttribute('data-verdict')).toBe('revoked-key');
    expect(await card.locator('[data-testid=preview-verdict]').textContent()).toContain('rejected: revoked key');
    await card.locator('[data-testid=record]').click();
    await expect.poll(() => card.getAttribute('data-result'), WAIT).toBe('revoked-key');
  });

  it('records an oversized file as too large', async () => {
    await openTab(page, 'import');
    const size = 5 * 1024 * 1024;
    await page.setInputFiles('[data-testid=import-files]', { name: 'huge.bundle', mimeType: 'application/octet-stream', buffer: Buffer.alloc(size, 0x41) });
    const card = previewCard(page, 'huge.bundle');
    await card.waitFor();
    expect(await card.getAttribute('data-verdict')).toBe('too-large');
    const verdict = (await card.locator('[data-testid=preview-verdict]').textContent()) ?? '';
    expect(verdict).toContain('rejected: too large');
    expect(verdict).toContain(`the file has ${size} bytes`);
    await card.locator('[data-testid=record]').click();
    await expect.poll(() => card.getAttribute('data-result'), WAIT).toBe('too-large');
    await expect.poll(() => historyRow(page, 'huge.bundle').locator('[data-testid=history-verdict]').textContent(), WAIT).toBe('rejected: too large');
  });
});
