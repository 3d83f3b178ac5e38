import path from 'node:path';
import type { ApiOutput, ApiParsedInput } from '../../../shared/api/contract.js';
import { checkPlan } from '../../../shared/domain/rules.js';
import { cycleOf, profileOf, requireRole, type PlannerContext } from '../context.js';
import { ImportRepository } from '../db/import-repo.js';
import type { TrustedOffice } from '../db/trust-repo.js';
import { listEntries, setEntryCell, setEntryCells } from '../entries.js';
import { assertExportable, exportBundle, exportRegistration, listExports } from '../exchange/bundle-export.js';
import { importBundleFile } from '../exchange/bundle-import.js';
import { addTrust, listTrust, listTrustEvents, previewRegistration, replaceKey, revokeTrust } from '../exchange/trust.js';
import { importBundleBytes, recordDiscarded, recordOversized } from '../exchange/bundle-import.js';
import { previewBundle } from '../exchange/bundle-preview.js';
import { completeness, drilldown, inboxFolder, justifications, moveOutOfInbox, scanInbox, setInboxFolder } from '../hq-views.js';
import type { PreviewStore } from '../host/previews.js';
import type { FileDialogs } from '../host/dialogs.js';
import { consolidatedTable } from '../table.js';
import { buildReport } from '../reports.js';
import type { Report } from '../../../shared/reports/models.js';
import { PlannerError } from '../../../shared/api/errors.js';
import { exportFile } from '../exports.js';


/** Host services a handler may use besides the database: the host's file dialogs and pending previews. */
export interface HostTools {
  dialogs: FileDialogs;
  previews: PreviewStore;
  /** Prints a report to a PDF file with the host's browser engine; absent where there is none. */
  savePdf: ((report: Report, file: string) => Promise<{ pages: number }>) | null;
}

type Handler<M extends keyof ApiOutputsForDb> = (context: PlannerContext, input: ApiParsedInput<M>, host: HostTools) => ApiOutputsForDb[M] | Promise<ApiOutputsForDb[M]>;
type ApiOutputsForDb = { [M in DatabaseMethodName]: ApiOutput<M> };
export type DatabaseMethodName =
  | 'profile.get'
  | 'cycle.get'
  | 'entries.list'
  | 'entries.setCell'
  | 'entries.setCells'
  | 'entries.check'
  | 'key.export'
  | 'bundle.export'
  | 'bundle.history'
  | 'trust.preview'
  | 'trust.add'
  | 'trust.replace'
  | 'trust.events'
  | 'trust.list'
  | 'trust.revoke'
  | 'bundle.import'
  | 'bundle.preview'
  | 'bundle.commit'
  | 'bundle.discard'
  | 'inbox.get'
  | 'inbox.choose'
  | 'inbox.scan'
  | 'imports.list'
  | 'table.get'
  | 'table.drilldown'
  | 'table.justifications'
  | 'hq.completeness'
  | 'report.get'
  | 'report.savePdf'
  | 'export.file';

function trustedView(office: TrustedOffice) {
  return {
    officeId: office.id,
    name: office.name,
    region: office.region,
    keyFingerprint: office.fingerprint,
    addedAt: office.addedAt,
    revokedAt: office.revokedAt,
  };
}

/** The service call behind each API method that works on an open database. */
export const databaseHandlers: { [M in DatabaseMethodName]: Handler<M> } = {
  'profile.get': (context) => {
    const profile = profileOf(context);
    return { role: profile.role, cycle: profile.cycle, office: profile.office, keyFingerprint: profile.keyFingerprint };
  },
  'cycle.get': (context) => cycleOf(context),
  'entries.list': (context) => listEntries(context),
  'entries.setCell': (context, input) => setEntryCell(context, input),
  'entries.setCells': (context, input) => setEntryCells(context, input.edits),
  'entries.check': (context) => checkPlan(cycleOf(context), listEntries(context)),
  'key.export': async (context, _input, host) => {
    const profile = requireRole(context, 'office', 'key export');
    const target = await host.dialogs.chooseSavePath({ kind: 'key', suggestedName: `${profile.office?.id ?? 'office'}-key.txt` });
    if (target === null) return { cancelled: true };
    return { ...exportRegistration(context, target), fileName: path.basename(target) };
  },
  'bundle.export': async (context, _input, host) => {
    const profile = requireRole(context, 'office', 'bundle export');
    // Check the rules and the key before asking for a file name, so a refused export opens no dialog.
    assertExportable(context);
    context.keyStore.load();
    const target = await host.dialogs.chooseSavePath({ kind: 'bundle', suggestedName: `${profile.office?.id ?? 'office'}-${profile.cycle}.bundle` });
    if (target === null) return { cancelled: true };
    const result = exportBundle(context, target);
    return {
      revision: result.revision,
      exportedAt: result.exportedAt,
      fileName: result.fileName,
      fileSha256: result.fileSha256,
      officeId: result.officeId,
      keyFingerprint: result.keyFingerprint,
    };
  },
  'bundle.history': (context) =>
    listExports(context).map((r) => ({ revision: r.revision, exportedAt: r.exportedAt, fileName: r.fileName, fileSha256: r.fileSha256 })),
  'trust.preview': (context, input) => previewRegistration(context, Buffer.from(input.text, 'utf8')),
  'trust.add': (context, input) => addTrust(context, Buffer.from(input.text, 'utf8')),
  'trust.replace': (context, input) => replaceKey(context, Buffer.from(input.text, 'utf8'), input.confirmOfficeId),
  'trust.events': (context) => listTrustEvents(context),
  'trust.list': (context) => listTrust(context).map(trustedView),
  'trust.revoke': (context, input) => trustedView(revokeTrust(context, input.officeId)),
  'bundle.import': async (context, _input, host) => {
    requireRole(context, 'hq', 'bundle import');
    const paths = await host.dialogs.chooseOpenPaths({ kind: 'bundle', multiple: true });
    if (paths.length === 0) return { cancelled: true };
    return paths.map((file) => importBundleFile(context, file));
  },
  'imports.list': (context) => {
    requireRole(context, 'hq', 'the import history');
    return new ImportRepository(context.db).history().map((h) => ({
      id: h.id,
      fileName: h.fileName,
      receivedAt: h.receivedAt,
      size: h.size,
      officeId: h.officeId,
      revision: h.revision,
      verdict: h.verdict,
      reason: h.reason,
      flagged: h.flagged,
    }));
  },
  'bundle.preview': (context, input, host) => {
    const bytes = input.data === null ? null : Buffer.from(input.data, 'base64');
    const size = bytes?.length ?? input.size;
    const preview = previewBundle(context, input.fileName, bytes, size);
    return { previewId: host.previews.add({ fileName: input.fileName, size, bytes, inboxPath: null, preview }), preview };
  },
  'bundle.commit': (context, input, host) => {
    const file = host.previews.take(input.previewId);
    const verdict = file.bytes === null ? recordOversized(context, file.fileName, file.size) : importBundleBytes(context, file.fileName, file.bytes);
    if (file.inboxPath) moveOutOfInbox(context, file.inboxPath);
    return verdict;
  },
  'bundle.discard': (context, input, host) => {
    const file = host.previews.take(input.previewId);
    const verdict = file.bytes === null ? recordOversized(context, file.fileName, file.size) : recordDiscarded(context, file.fileName, file.bytes);
    if (file.inboxPath) moveOutOfInbox(context, file.inboxPath);
    return verdict;
  },
  'inbox.get': (context) => ({ folder: inboxFolder(context) }),
  'inbox.choose': async (context, _input, host) => {
    requireRole(context, 'hq', 'the inbox folder');
    const folder = await host.dialogs.chooseFolder();
    if (folder === null) return { cancelled: true };
    setInboxFolder(context, folder);
    return { folder: inboxFolder(context) as string };
  },
  'inbox.scan': (context, _input, host) => scanInbox(context, host.previews),
  'table.get': (context) => consolidatedTable(context),
  'table.drilldown': (context, input) => drilldown(context, input.outcome, input.region),
  'table.justifications': (context) => justifications(context),
  'hq.completeness': (context) => completeness(context),
  'report.get': (context, input) => buildReport(context, input.kind),
  'report.savePdf': async (context, input, host) => {
    if (!host.savePdf) throw new PlannerError('invalid-input', 'Saving as PDF is not available here; use Print and choose a PDF printer.');
    const report = buildReport(context, input.kind);
    const target = await host.dialogs.chooseSavePath({ kind: 'pdf', suggestedName: `${input.kind}-${profileOf(context).cycle}.pdf` });
    if (target === null) return { cancelled: true };
    const { pages } = await host.savePdf(report, target);
    return { fileName: path.basename(target), pages };
  },
  'export.file': async (context, input, host) => {
    const profile = profileOf(context);
    const base = profile.role === 'office' ? `${profile.office?.id ?? 'office'}-${profile.cycle}` : `table1-${profile.cycle}`;
    const target = await host.dialogs.chooseSavePath({ kind: 'export', suggestedName: `${base}.${input.format}` });
    if (target === null) return { cancelled: true };
    const result = await exportFile(context, target, input.format);
    return { format: result.format, rows: result.rows, fileName: path.basename(target) };
  },
};

export function isDatabaseMethod(method: string): method is DatabaseMethodName {
  return Object.prototype.hasOwnProperty.call(databaseHandlers, method);
}
