import fs from 'node:fs';
import path from 'node:path';
import { PlannerError } from '../../shared/api/errors.js';
import type { Completeness, CompletenessCell, DrilldownOffice, Justification, OfficeContribution } from '../../shared/api/views.js';
import type { BundlePreview } from '../../shared/exchange/preview.js';
import { cycleOf, requireRole, type PlannerContext } from './context.js';
import { ImportRepository } from './db/import-repo.js';
import { TrustRepository } from './db/trust-repo.js';
import { previewBundle } from './exchange/bundle-preview.js';
import { MAX_BUNDLE_FILE_BYTES } from './exchange/formats.js';
import { readFileCapped } from './files.js';
import { sha256Hex } from './keys.js';
import type { PreviewStore } from './host/previews.js';

/** Lists every trusted office with its last accepted revision, in region then id order. */
export function officeContributions(context: PlannerContext): OfficeContribution[] {
  requireRole(context, 'hq', 'the list of contributions');
  const imports = new ImportRepository(context.db);
  return new TrustRepository(context.db).list().map((office) => {
    const contribution = imports.contribution(office.id);
    return {
      officeId: office.id,
      name: office.name,
      region: office.region,
      revokedAt: office.revokedAt,
      revision: contribution?.revision ?? null,
      signedAt: contribution?.signedAt ?? null,
      importedAt: contribution?.importedAt ?? null,
    };
  });
}

/** Lists the offices behind one region cell of the consolidated table, with their figures for that outcome. */
export function drilldown(context: PlannerContext, outcome: string, region: string): DrilldownOffice[] {
  const cycle = cycleOf(context);
  if (!cycle.outcomes.some((o) => o.code === outcome)) throw new PlannerError('invalid-input', `Outcome "${outcome}" is not an outcome of cycle ${cycle.code}.`);
  if (!cycle.regions.some((r) => r.code === region)) throw new PlannerError('invalid-input', `Region "${region}" is not a region of cycle ${cycle.code}.`);
  const imports = new ImportRepository(context.db);
  return officeContributions(context)
    .filter((office) => office.region === region)
    .map((office) => ({ ...office, entries: office.revision === null ? [] : imports.entries(office.officeId).filter((e) => e.outcome === outcome) }));
}

/** Collects every justification in the accepted plans, for the table's flagged cells. */
export function justifications(context: PlannerContext): Justification[] {
  const imports = new ImportRepository(context.db);
  return officeContributions(context).flatMap((office) =>
    office.revision === null
      ? []
      : imports
          .entries(office.officeId)
          .filter((e) => e.justification !== '')
          .map((e) => ({ outcome: e.outcome, region: office.region, officeId: office.officeId, country: e.country, demand: e.demand, target: e.target, justification: e.justification })),
  );
}

/** Reports what each office has sent and which of its figures are not entered, outcome by outcome. */
export function completeness(context: PlannerContext): Completeness {
  const cycle = cycleOf(context);
  const offices = officeContributions(context);
  const imports = new ImportRepository(context.db);
  const matrix: Record<string, Record<string, CompletenessCell>> = {};
  for (const outcome of cycle.outcomes) matrix[outcome.code] = {};
  for (const office of offices) {
    if (office.revision === null) continue;
    const entries = imports.entries(office.officeId);
    for (const outcome of cycle.outcomes) {
      const rows = entries.filter((e) => e.outcome === outcome.code);
      (matrix[outcome.code] as Record<string, CompletenessCell>)[office.officeId] = {
        rows: rows.length,
        demandMissing: rows.length === 0 ? 1 : rows.filter((e) => e.demand === null).length,
        targetMissing: rows.length === 0 ? 1 : rows.filter((e) => e.target === null).length,
      };
    }
  }
  return { offices, matrix };
}

export const INBOX_SETTING = 'inbox_folder';

export function inboxFolder(context: PlannerContext): string | null {
  requireRole(context, 'hq', 'the inbox folder');
  return context.meta.get(INBOX_SETTING);
}

export function setInboxFolder(context: PlannerContext, folder: string): void {
  requireRole(context, 'hq', 'the inbox folder');
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
    throw new PlannerError('not-found', `Folder ${folder} not found; choose an existing folder for incoming bundles.`);
  }
  context.db.transaction(() => context.meta.set(INBOX_SETTING, path.resolve(folder)))();
  context.logger.info('inbox folder set', { folder });
}

/**
 * Picks up files that arrived in the inbox folder since the last look: each file not received
 * before (by content) becomes a preview. Inbox files still waiting for a decision are returned
 * again, so a window that was reloaded meanwhile shows them too.
 */
export function scanInbox(context: PlannerContext, previews: PreviewStore): { previewId: string; preview: BundlePreview }[] {
  const folder = inboxFolder(context);
  if (folder === null) return [];
  if (!fs.existsSync(folder)) throw new PlannerError('not-found', `The inbox folder ${folder} no longer exists; choose it again in the settings.`);
  const history = new ImportRepository(context.db).history();
  const received = new Set(history.map((h) => h.fileSha256).filter((h): h is string => h !== null));
  // Files too large to read were recorded without a hash, so they are known by name and size.
  const receivedUnread = new Set(history.filter((h) => h.fileSha256 === null).map((h) => `${h.fileName}:${h.size}`));
  const found: { previewId: string; preview: BundlePreview }[] = previews
    .list((pending) => pending.inboxPath !== null && pending.preview !== null)
    .map(({ id, file }) => ({ previewId: id, preview: file.preview as BundlePreview }));

  for (const dirent of fs.readdirSync(folder, { withFileTypes: true })) {
    if (!dirent.isFile() || dirent.name.startsWith('.')) continue;
    const file = path.join(folder, dirent.name);
    if (previews.has((pending) => pending.inboxPath === file)) continue;
    let read;
    try {
      read = readFileCapped(file, MAX_BUNDLE_FILE_BYTES);
    } catch (error) {
      context.logger.warn('inbox file unreadable', { file, error: (error as Error).message });
      continue;
    }
    if (read.ok && received.has(sha256Hex(read.bytes))) continue;
    if (!read.ok && receivedUnread.has(`${dirent.name}:${read.size}`)) continue;
    const bytes = read.ok ? read.bytes : null;
    const size = read.ok ? read.bytes.length : read.size;
    const preview = previewBundle(context, dirent.name, bytes, size);
    found.push({ previewId: previews.add({ fileName: dirent.name, size, bytes, inboxPath: file, preview }), preview });
  }
  return found;
}

/**
 * Moves a decided file from the inbox into its `processed` subfolder, so the inbox shows only
 * what still waits. A failure to move is logged: the file is recorded either way.
 */
export function moveOutOfInbox(context: PlannerContext, file: string): void {
  const done = path.join(path.dirname(file), 'processed');
  try {
    fs.mkdirSync(done, { recursive: true });
    let target = path.join(done, path.basename(file));
    for (let n = 2; fs.existsSync(target); n += 1) target = path.join(done, `${path.parse(file).name}-${n}${path.extname(file)}`);
    fs.renameSync(file, target);
  } catch (error) {
    context.logger.warn('inbox file not moved', { file, error: (error as Error).message });
  }
}
