import { z } from 'zod';
import type { ApiMethodName } from './methods.js';
import type { ConsolidatedTable } from '../domain/consolidate.js';
import type { RuleIssue } from '../domain/rules.js';
import type { Cycle, Entry, Role } from '../domain/types.js';
import type { ImportVerdict } from '../exchange/verdicts.js';
import type { BundlePreview } from '../exchange/preview.js';
import type { Completeness, DrilldownOffice, Justification } from './views.js';
import type { Report } from '../reports/models.js';

/**
 * The one API between the user interface and the services. Every transport (Electron IPC,
 * the loopback web host, tests) is derived from this map: the method names, a runtime schema
 * for each input, and the TypeScript type of each result.
 */

const outcomeCode = z.string().regex(/^\d{2}$/, 'an outcome code is two digits such as 01');
const countryCode = z.string().regex(/^[A-Z]{3}$/, 'a country is an ISO 3166 alpha-3 code such as SEN');
const officeId = z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/, 'an office id is 2 to 32 upper-case letters, digits and hyphens');
const none = z.object({}).strict();

const amount = z.number().int('a whole number is required').min(0, 'the number must be 0 or more').max(1_000_000_000).nullable();

const cellEdit = z.discriminatedUnion('field', [
  z.object({ outcome: outcomeCode, country: countryCode.nullable(), field: z.literal('demand'), value: amount }).strict(),
  z.object({ outcome: outcomeCode, country: countryCode.nullable(), field: z.literal('target'), value: amount }).strict(),
  z.object({ outcome: outcomeCode, country: countryCode.nullable(), field: z.literal('justification'), value: z.string().max(4000) }).strict(),
]);

export const apiSchemas = {
  'session.status': none,
  'setup.init': z
    .object({
      role: z.enum(['office', 'hq']),
      cycle: z.string().regex(/^\d{4}-\d{2}$/, 'a cycle is written like 2012-13'),
      office: z.object({ id: officeId, name: z.string().trim().min(1, 'the office name is required').max(200), region: z.string().min(1).max(64) }).strict().nullable(),
      /** Required where the operating system offers no protected key store. */
      passphrase: z.string().min(10, 'the passphrase needs at least 10 characters').max(1024).nullable(),
    })
    .strict(),
  'key.unlock': z.object({ passphrase: z.string().min(1).max(1024) }).strict(),
  'profile.get': none,
  'cycle.get': none,
  'entries.list': none,
  'entries.setCell': cellEdit,
  /** Several cells in one transaction, as one undo step: a paste, or an undo of one. */
  'entries.setCells': z.object({ edits: z.array(cellEdit).min(1).max(5000) }).strict(),
  'entries.check': none,
  /** The host chooses where to save (a native dialog in the app), so the renderer never names a path. */
  'key.export': none,
  'bundle.export': none,
  'bundle.history': none,
  'trust.preview': z.object({ text: z.string().min(1).max(64 * 1024) }).strict(),
  'trust.add': z.object({ text: z.string().min(1).max(64 * 1024) }).strict(),
  /** Replaces an office's key; `confirmOfficeId` must repeat the office id as confirmation. */
  'trust.replace': z.object({ text: z.string().min(1).max(64 * 1024), confirmOfficeId: officeId }).strict(),
  'trust.events': none,
  'trust.list': none,
  'trust.revoke': z.object({ officeId }).strict(),
  /** The host lets the user choose which files to import. */
  'bundle.import': none,
  /** A file dropped or chosen in the window; `data` is its bytes in base64, null when too large to send. */
  'bundle.preview': z
    .object({
      fileName: z.string().min(1).max(255),
      size: z.number().int().min(0),
      data: z.string().max(8 * 1024 * 1024).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'the file content must be base64').nullable(),
    })
    .strict(),
  'bundle.commit': z.object({ previewId: z.uuid() }).strict(),
  'bundle.discard': z.object({ previewId: z.uuid() }).strict(),
  'inbox.get': none,
  'inbox.choose': none,
  'inbox.scan': none,
  'table.drilldown': z.object({ outcome: outcomeCode, region: z.string().regex(/^[a-z][a-z0-9_]*$/).max(64) }).strict(),
  'table.justifications': none,
  'hq.completeness': none,
  'imports.list': none,
  'table.get': none,
  'report.get': z.object({ kind: z.enum(['summary', 'table', 'status']) }).strict(),
  /** The host lets the user choose where to save, then prints the report there with its browser engine. */
  'report.savePdf': z.object({ kind: z.enum(['summary', 'table', 'status']) }).strict(),
  /** The host asks where to save; the office's entries or, at headquarters, the consolidated table. */
  'export.file': z.object({ format: z.enum(['csv', 'xlsx', 'json']) }).strict(),
} as const;

export type ApiMethod = keyof typeof apiSchemas;
export const API_METHODS = Object.keys(apiSchemas) as ApiMethod[];

// The name list and the schema map must name the same methods; a mismatch fails to compile.
type SameNames<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesAgree: SameNames<ApiMethod, ApiMethodName> = true;
void namesAgree;

export type ApiInput<M extends ApiMethod> = z.input<(typeof apiSchemas)[M]>;
export type ApiParsedInput<M extends ApiMethod> = z.output<(typeof apiSchemas)[M]>;

export interface ProfileView {
  role: Role;
  cycle: string;
  office: { id: string; name: string; region: string } | null;
  keyFingerprint: string | null;
}

export interface ExportView {
  revision: number;
  exportedAt: string;
  fileName: string;
  fileSha256: string;
}

export interface TrustedOfficeView {
  officeId: string;
  name: string;
  region: string;
  keyFingerprint: string | null;
  addedAt: string;
  revokedAt: string | null;
}

export interface ReceivedFileView {
  id: number;
  fileName: string;
  receivedAt: string;
  size: number;
  officeId: string | null;
  revision: number | null;
  verdict: string;
  reason: string;
  flagged: boolean;
}

export interface CycleChoice {
  code: string;
  label: string;
  regions: { code: string; name: string }[];
}

export interface RegistrationPreviewView {
  officeId: string;
  officeName: string;
  region: string;
  keyFingerprint: string;
  status: 'new' | 'already-trusted' | 'key-change' | 'revoked' | 'key-of-other-office';
  currentFingerprint: string | null;
  otherOffice: string | null;
}

export interface TrustEventView {
  id: number;
  at: string;
  actor: string;
  officeId: string;
  action: 'added' | 'revoked' | 'key-replaced';
  oldFingerprint: string | null;
  newFingerprint: string | null;
}

/** A previewed file, kept by the host until it is committed or discarded. */
export interface PreviewHandle {
  previewId: string;
  preview: BundlePreview;
}

/** Protection of the office's private key on this installation. */
export type KeyProtection = 'os' | 'passphrase' | 'file';

export interface SessionStatus {
  /** `setup` until the installation has a database. */
  state: 'setup' | 'ready';
  profile: ProfileView | null;
  cycles: CycleChoice[];
  keyProtection: KeyProtection;
  /** False while a passphrase-protected key has not been unlocked in this session. */
  keyUnlocked: boolean;
}

/** Returned instead of a result when the user closes a file dialog without choosing. */
export interface Cancelled {
  cancelled: true;
}

/** Result type of each method. */
export interface ApiOutputs {
  'session.status': SessionStatus;
  'setup.init': ProfileView;
  'key.unlock': { unlocked: true };
  'profile.get': ProfileView;
  'cycle.get': Cycle;
  'entries.list': Entry[];
  'entries.setCell': Entry;
  'entries.setCells': Entry[];
  'entries.check': RuleIssue[];
  'key.export': { officeId: string; region: string; keyFingerprint: string; fileName: string } | Cancelled;
  'bundle.export': (ExportView & { officeId: string; keyFingerprint: string }) | Cancelled;
  'bundle.history': ExportView[];
  'trust.preview': RegistrationPreviewView;
  'trust.add': { officeId: string; officeName: string; region: string; keyFingerprint: string; added: boolean };
  'trust.replace': { officeId: string; officeName: string; region: string; keyFingerprint: string; added: boolean };
  'trust.events': TrustEventView[];
  'trust.list': TrustedOfficeView[];
  'trust.revoke': TrustedOfficeView;
  'bundle.import': ImportVerdict[] | Cancelled;
  'bundle.preview': PreviewHandle;
  'bundle.commit': ImportVerdict;
  'bundle.discard': ImportVerdict;
  'inbox.get': { folder: string | null };
  'inbox.choose': { folder: string } | Cancelled;
  'inbox.scan': PreviewHandle[];
  'table.drilldown': DrilldownOffice[];
  'table.justifications': Justification[];
  'hq.completeness': Completeness;
  'imports.list': ReceivedFileView[];
  'table.get': ConsolidatedTable;
  'report.get': Report;
  'report.savePdf': { fileName: string; pages: number } | Cancelled;
  'export.file': { format: 'csv' | 'xlsx' | 'json'; rows: number; fileName: string } | Cancelled;
}

export type ApiOutput<M extends ApiMethod> = ApiOutputs[M];

/** A typed client: one async function per method, whatever carries the call. */
export type ApiClient = { [M in ApiMethod]: (input: ApiInput<M>) => Promise<ApiOutput<M>> };

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(apiSchemas, name);
}

/** Describes the first schema problem as "field: message (got VALUE)", for refusals. */
export function describeInputError(method: string, error: z.ZodError, input: unknown): string {
  const issue = error.issues[0];
  if (!issue) return `Invalid input for ${method}.`;
  const field = issue.path.length > 0 ? issue.path.join('.') : 'input';
  let value: unknown = input;
  for (const key of issue.path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key as PropertyKey] : undefined;
  // Secrets are never echoed, because refusals end up in logs and on screen.
  const secret = issue.path.some((key) => key === 'passphrase');
  let shown = JSON.stringify(value)?.slice(0, 80);
  if (value === undefined) shown = 'nothing';
  if (secret) shown = 'a hidden value';
  return `Invalid input for ${method}: ${field}: ${issue.message} (got ${shown}).`;
}

/**
 * Builds a client from a transport function. The transport sends the method name and input
 * and resolves with the result, or rejects with an error carrying `code` and `message`.
 */
export function createApiClient(transport: (method: ApiMethod, input: unknown) => Promise<unknown>): ApiClient {
  const client = {} as Record<ApiMethod, (input: unknown) => Promise<unknown>>;
  for (const method of API_METHODS) client[method] = (input: unknown) => transport(method, input);
  return client as unknown as ApiClient;
}
