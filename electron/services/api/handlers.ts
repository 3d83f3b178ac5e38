import { PlannerError } from '../../../shared/api/errors.js';
import { apiSchemas, describeInputError, isApiMethod, type ApiMethod, type ApiOutput, type ApiParsedInput } from '../../../shared/api/contract.js';
import { checkPlan } from '../../../shared/domain/rules.js';
import { cycleOf, profileOf, type PlannerContext } from '../context.js';
import { ImportRepository } from '../db/import-repo.js';
import { listEntries, setEntryCell } from '../entries.js';
import { exportBundle, exportRegistration, listExports } from '../exchange/bundle-export.js';
import { importBundleFile } from '../exchange/bundle-import.js';
import { addTrust, listTrust, revokeTrust } from '../exchange/trust.js';
import type { TrustedOffice } from '../db/trust-repo.js';
import { requireRole } from '../context.js';
import { consolidatedTable } from '../table.js';

type Handlers = { [M in ApiMethod]: (context: PlannerContext, input: ApiParsedInput<M>) => ApiOutput<M> };

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

/** The service call behind each API method. Every transport goes through `invoke`, never here directly. */
export const handlers: Handlers = {
  'profile.get': (context) => {
    const profile = profileOf(context);
    return { role: profile.role, cycle: profile.cycle, office: profile.office, keyFingerprint: profile.keyFingerprint };
  },
  'cycle.get': (context) => cycleOf(context),
  'entries.list': (context) => listEntries(context),
  'entries.setCell': (context, input) => setEntryCell(context, input),
  'entries.check': (context) => checkPlan(cycleOf(context), listEntries(context)),
  'key.export': (context, input) => exportRegistration(context, input.path),
  'bundle.export': (context, input) => {
    const result = exportBundle(context, input.path);
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
  'trust.add': (context, input) => addTrust(context, Buffer.from(input.text, 'utf8')),
  'trust.list': (context) => listTrust(context).map(trustedView),
  'trust.revoke': (context, input) => trustedView(revokeTrust(context, input.officeId)),
  'bundle.import': (context, input) => input.paths.map((path) => importBundleFile(context, path)),
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
  'table.get': (context) => consolidatedTable(context),
};

/**
 * Validates a call that arrived over a transport and runs it. An unknown method or an input
 * that fails its schema is refused with a message naming the field and value; nothing runs.
 */
export function invoke(context: PlannerContext, method: unknown, input: unknown): unknown {
  if (!isApiMethod(method)) {
    throw new PlannerError('invalid-input', `Unknown API method ${JSON.stringify(method)?.slice(0, 80)}.`);
  }
  const parsed = apiSchemas[method].safeParse(input ?? {});
  if (!parsed.success) throw new PlannerError('invalid-input', describeInputError(method, parsed.error, input));
  const handler = handlers[method] as (context: PlannerContext, input: unknown) => unknown;
  return handler(context, parsed.data);
}
