import { PlannerError } from '../../shared/api/errors.js';
import { buildStatusReport, buildSummaryReport, buildTableReport, type Report } from '../../shared/reports/models.js';
import { cycleOf, profileOf, requireRole, type PlannerContext } from './context.js';
import { ExportRepository } from './db/export-repo.js';
import { entriesDigest } from './exchange/bundle-export.js';
import { completeness, officeContributions } from './hq-views.js';
import { consolidatedTable } from './table.js';

export type { ReportKind } from '../../shared/api/views.js';
import type { ReportKind } from '../../shared/api/views.js';

/** Builds the data of a printed report from the database; the layout is the renderer's. */
export function buildReport(context: PlannerContext, kind: ReportKind): Report {
  const generatedAt = context.now().toISOString();
  const cycle = cycleOf(context);
  if (kind === 'summary') {
    const profile = requireRole(context, 'office', 'the office summary');
    if (!profile.office || !profile.keyFingerprint) throw new PlannerError('storage', 'The office identity is missing from this database; create it again with `init`.');
    const last = new ExportRepository(context.db).list().at(-1);
    const entries = context.entries.list();
    return buildSummaryReport({
      cycle,
      office: profile.office,
      keyFingerprint: profile.keyFingerprint,
      entries,
      lastExport: last
        ? { revision: last.revision, exportedAt: last.exportedAt, fileSha256: last.fileSha256, matchesPlan: last.entriesSha256 === entriesDigest(entries) }
        : null,
      generatedAt,
    });
  }
  if (profileOf(context).role !== 'hq') {
    throw new PlannerError('wrong-role', `${context.path} is an office database; the ${kind} report needs a headquarters database (an office prints its summary).`);
  }
  if (kind === 'table') return buildTableReport(cycle, consolidatedTable(context), officeContributions(context), generatedAt);
  return buildStatusReport(cycle, completeness(context), generatedAt);
}
