import path from 'node:path';
import zlib from 'node:zlib';
import { parseStrictJson } from '../../../shared/strict-json.js';
import { bundlePayloadSchema, describeSchemaError, EXCHANGE_FORMAT, type BundlePayload } from '../../../shared/exchange/payloads.js';
import type { ImportVerdict, VerdictKind } from '../../../shared/exchange/verdicts.js';
import { findMixedBreakdown, validateEntry } from '../../../shared/domain/entry-rules.js';
import type { Cycle, Entry } from '../../../shared/domain/types.js';
import { cycleOf, requireRole, type PlannerContext } from '../context.js';
import { ImportRepository, type ReceivedFile } from '../db/import-repo.js';
import { TrustRepository } from '../db/trust-repo.js';
import { readFileCapped } from '../files.js';
import { formatFingerprint, sha256Hex, verify } from '../keys.js';
import { decodeArmor } from './armor.js';
import { BUNDLE_HEADERS, BUNDLE_LABEL, MAX_BUNDLE_FILE_BYTES, MAX_DECOMPRESSED_BYTES, MAX_PAYLOAD_BYTES } from './formats.js';

/** The outcome of checking one bundle against headquarters' state, before anything is written. */
export interface Examination {
  verdict: VerdictKind;
  reason: string;
  officeId: string | null;
  revision: number | null;
  signedAt: string | null;
  payloadSha256: string | null;
  /** The trusted key that verified the signature; null when verification was not reached. */
  keyFingerprint: string | null;
  flagged: boolean;
  /** Set when the signed content was read, whatever the verdict. */
  payload: BundlePayload | null;
}

function reject(verdict: VerdictKind, reason: string, known: Partial<Examination> = {}): Examination {
  return {
    verdict,
    reason,
    officeId: known.officeId ?? null,
    revision: known.revision ?? null,
    signedAt: known.signedAt ?? null,
    payloadSha256: known.payloadSha256 ?? null,
    keyFingerprint: known.keyFingerprint ?? null,
    flagged: known.flagged ?? false,
    payload: known.payload ?? null,
  };
}

/**
 * Checks a bundle in the order that keeps hostile input cheap: envelope, trusted key, signature,
 * and only then decompression (capped) and strict parsing, then the exchange rules. Writes nothing.
 */
export function examineBundle(context: PlannerContext, cycle: Cycle, bytes: Buffer): Examination {
  const decoded = decodeArmor(bytes, { label: BUNDLE_LABEL, headers: BUNDLE_HEADERS, maxPayloadBytes: MAX_PAYLOAD_BYTES });
  if (!decoded.ok) return reject('malformed', decoded.reason);
  const { headers, payload: payloadBytes } = decoded.message;
  const officeId = headers.Office ?? '';
  const payloadSha256 = sha256Hex(payloadBytes);

  if (headers.Format !== String(EXCHANGE_FORMAT)) {
    return reject('malformed', `bundle format ${headers.Format} is not supported; this program reads format ${EXCHANGE_FORMAT}. Update Outcome Planner.`);
  }
  const headerProblem = checkHeaderSyntax(headers);
  if (headerProblem) return reject('malformed', headerProblem);

  const trust = new TrustRepository(context.db);
  const office = trust.find(officeId);
  if (!office || !office.publicKey || !office.fingerprint) {
    return reject('unknown-key', `office ${officeId} is not in the trust store; add its key registration file with \`trust add\` after confirming its fingerprint.`);
  }
  if (office.revokedAt !== null) {
    return reject('revoked-key', `the key of office ${officeId} was revoked on ${office.revokedAt}; bundles from it are no longer accepted.`, { officeId });
  }
  if (headers.Key !== office.fingerprint) {
    return reject(
      'unknown-key',
      `the bundle is signed with key ${formatFingerprint(headers.Key ?? '')}, but office ${officeId} is trusted with key ${formatFingerprint(office.fingerprint)}; confirm with the office whether it made a new key.`,
      { officeId },
    );
  }
  const signature = Buffer.from(headers.Signature ?? '', 'base64');
  if (!verify('bundle', payloadBytes, signature, office.publicKey)) {
    return reject('bad-signature', 'the signature does not match the content, so the file was changed after the office signed it; ask the office to send it again.', {
      officeId,
    });
  }

  let json: string;
  try {
    const inflated = zlib.gunzipSync(payloadBytes, { maxOutputLength: MAX_DECOMPRESSED_BYTES });
    json = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      return reject('too-large', `the signed content expands to more than ${MAX_DECOMPRESSED_BYTES} bytes, far beyond any plan; the file is not accepted.`, { officeId });
    }
    return reject('malformed', `the signed content cannot be decompressed (${(error as Error).message}).`, { officeId });
  }

  let raw: unknown;
  try {
    raw = parseStrictJson(json);
  } catch (error) {
    return reject('malformed', `the signed content is not valid: ${(error as Error).message}`, { officeId });
  }
  const parsed = bundlePayloadSchema.safeParse(raw);
  if (!parsed.success) return reject('malformed', `the signed content is not valid: ${describeSchemaError(parsed.error)}`, { officeId });
  const payload = parsed.data;
  const keyFingerprint = office.fingerprint;
  const known = { officeId, revision: payload.revision, signedAt: payload.signedAt, payloadSha256, keyFingerprint, payload };

  if (payload.officeId !== officeId || String(payload.revision) !== headers.Revision || payload.keyFingerprint !== headers.Key) {
    return reject(
      'mismatch',
      `the header lines (office ${officeId}, revision ${headers.Revision ?? ''}) do not match the signed content (office ${payload.officeId}, revision ${payload.revision}).`,
      known,
    );
  }
  if (payload.region !== office.region) {
    return reject('mismatch', `the bundle is for region ${payload.region}, but office ${officeId} is registered for region ${office.region}.`, known);
  }
  if (payload.cycle !== cycle.code) {
    return reject('mismatch', `the bundle is for cycle ${payload.cycle}, but this database consolidates cycle ${cycle.code}.`, known);
  }
  const entryProblem = checkEntries(cycle, payload.entries);
  if (entryProblem) return reject('malformed', `the signed content is not valid: ${entryProblem}`, known);

  // Conflict first: two different signed plans under one revision need a person to look, even
  // when a later revision has since superseded both.
  const imports = new ImportRepository(context.db);
  const acceptedHash = imports.acceptedPayloadHash(officeId, payload.revision, keyFingerprint);
  if (acceptedHash !== null && acceptedHash !== payloadSha256) {
    return reject(
      'conflict',
      `revision ${payload.revision} of office ${officeId} was already accepted with different content; ask the office why two different files carry the same revision.`,
      { ...known, flagged: true },
    );
  }
  // Revisions count per key: after a key replacement the office's new key starts again at 1,
  // and bundles from the retired key no longer reach this point.
  const current = imports.contribution(officeId);
  const sameKey = current !== null && (current.keyFingerprint === null || current.keyFingerprint === keyFingerprint);
  if (current && sameKey && payload.revision < current.revision) {
    return reject('stale', `revision ${payload.revision} is older than revision ${current.revision}, the last accepted from office ${officeId}.`, known);
  }
  if (acceptedHash === payloadSha256) {
    return reject('already-imported', `revision ${payload.revision} of office ${officeId} was imported before; nothing changed.`, known);
  }
  return { ...reject('accepted', `revision ${payload.revision} of office ${officeId} replaces ${current ? 'revision ' + current.revision : 'nothing (first bundle)'}.`, known) };
}

/**
 * Checks the unsigned header lines strictly, so that a character changed in transit can never
 * decode to the same value: Node's base64 decoder skips characters outside the alphabet.
 */
export function checkHeaderSyntax(headers: Record<string, string>): string | null {
  const office = headers.Office ?? '';
  if (!/^[A-Z0-9][A-Z0-9-]{1,31}$/.test(office)) return `header Office "${office.slice(0, 40)}" is not a valid office id.`;
  const revision = headers.Revision;
  if (revision !== undefined && !/^[1-9][0-9]{0,15}$/.test(revision)) return `header Revision "${revision.slice(0, 40)}" is not a revision number.`;
  if (!/^[0-9a-f]{64}$/.test(headers.Key ?? '')) return 'header Key is not a key fingerprint (64 lower-case hexadecimal characters).';
  const signature = headers.Signature ?? '';
  if (!/^[A-Za-z0-9+/]{86}==$/.test(signature) || Buffer.from(signature, 'base64').toString('base64') !== signature) {
    return 'header Signature is not a base64 Ed25519 signature.';
  }
  return null;
}

function checkEntries(cycle: Cycle, entries: readonly Entry[]): string | null {
  const seen = new Set<string>();
  for (const entry of entries) {
    const problem = validateEntry(cycle, entry);
    if (problem) return problem;
    const key = `${entry.outcome}:${entry.country ?? ''}`;
    if (seen.has(key)) return `outcome ${entry.outcome}${entry.country ? ' for ' + entry.country : ''} appears twice.`;
    seen.add(key);
  }
  const mixed = findMixedBreakdown(entries);
  return mixed === null ? null : `outcome ${mixed} has both a total row and rows per member State.`;
}

/**
 * Imports one bundle file: the verdict and the file are recorded in the import history, and an
 * accepted bundle replaces the office's contribution, all in one transaction.
 */
export function importBundleFile(context: PlannerContext, file: string): ImportVerdict {
  requireRole(context, 'hq', 'bundle import');
  const fileName = path.basename(file);

  let read;
  try {
    read = readFileCapped(file, MAX_BUNDLE_FILE_BYTES);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? `file ${file} not found; check the path.` : `file ${file} cannot be read: ${(error as Error).message}`;
    // A file that cannot be opened was never received, so the history stays as it is.
    return { fileName, verdict: 'unreadable', reason, officeId: null, revision: null };
  }
  if (!read.ok) {
    if (read.reason === 'not-a-file') return { fileName, verdict: 'malformed', reason: `${file} is not a file.`, officeId: null, revision: null };
    return recordOversized(context, fileName, read.size);
  }
  return importBundleBytes(context, fileName, read.bytes);
}

/** Records a file that was too large to read, without its bytes. */
export function recordOversized(context: PlannerContext, fileName: string, size: number): ImportVerdict {
  requireRole(context, 'hq', 'bundle import');
  const reason = `the file has ${size} bytes, more than the limit of ${MAX_BUNDLE_FILE_BYTES} for a bundle, so it was not read.`;
  const imports = new ImportRepository(context.db);
  context.db.transaction(() => {
    imports.recordFile({
      fileName,
      receivedAt: context.now().toISOString(),
      size,
      fileSha256: null,
      payloadSha256: null,
      keyFingerprint: null,
      raw: null,
      officeId: null,
      revision: null,
      signedAt: null,
      verdict: 'too-large',
      reason,
      flagged: false,
    });
  })();
  context.logger.warn('bundle rejected', { file: fileName, verdict: 'too-large' });
  return { fileName, verdict: 'too-large', reason, officeId: null, revision: null };
}

/** The import history row of a file that was read and examined. */
function receivedFile(fileName: string, receivedAt: string, bytes: Buffer, examination: Examination): ReceivedFile {
  return {
    fileName,
    receivedAt,
    size: bytes.length,
    fileSha256: sha256Hex(bytes),
    payloadSha256: examination.payloadSha256,
    keyFingerprint: examination.keyFingerprint,
    raw: bytes,
    officeId: examination.officeId,
    revision: examination.revision,
    signedAt: examination.signedAt,
    verdict: examination.verdict,
    reason: examination.reason,
    flagged: examination.flagged,
  };
}

/**
 * Imports a bundle already in memory (dropped on the window or read from the inbox). The file
 * is examined again inside the transaction, so the verdict holds for the state it changes.
 */
export function importBundleBytes(context: PlannerContext, fileName: string, bytes: Buffer): ImportVerdict {
  requireRole(context, 'hq', 'bundle import');
  if (bytes.length > MAX_BUNDLE_FILE_BYTES) return recordOversized(context, fileName, bytes.length);
  const receivedAt = context.now().toISOString();
  const imports = new ImportRepository(context.db);
  const cycle = cycleOf(context);
  const result = context.db
    .transaction(() => {
      const examination = examineBundle(context, cycle, bytes);
      const fileId = imports.recordFile(receivedFile(fileName, receivedAt, bytes, examination));
      if (examination.verdict === 'accepted' && examination.payload && examination.payloadSha256) {
        imports.replaceContribution(
          {
            officeId: examination.payload.officeId,
            revision: examination.payload.revision,
            keyFingerprint: examination.keyFingerprint,
            receivedFileId: fileId,
            payloadSha256: examination.payloadSha256,
            signedAt: examination.payload.signedAt,
            importedAt: receivedAt,
          },
          examination.payload.entries,
        );
      }
      return examination;
    })
    .immediate();

  const log = result.verdict === 'accepted' || result.verdict === 'already-imported' ? context.logger.info : context.logger.warn;
  log('bundle examined', { file: fileName, verdict: result.verdict, office: result.officeId, revision: result.revision });
  return { fileName, verdict: result.verdict, reason: result.reason, officeId: result.officeId, revision: result.revision };
}

/** Records that the user looked at a bundle's preview and chose not to import it. */
export function recordDiscarded(context: PlannerContext, fileName: string, bytes: Buffer): ImportVerdict {
  requireRole(context, 'hq', 'bundle import');
  const examination = examineBundle(context, cycleOf(context), bytes);
  const reason = `discarded after preview (the file would have been: ${examination.verdict}).`;
  const imports = new ImportRepository(context.db);
  context.db.transaction(() => {
    imports.recordFile({ ...receivedFile(fileName, context.now().toISOString(), bytes, examination), verdict: 'discarded', reason, flagged: false });
  })();
  context.logger.info('bundle discarded', { file: fileName, office: examination.officeId, revision: examination.revision });
  return { fileName, verdict: 'discarded', reason, officeId: examination.officeId, revision: examination.revision };
}
