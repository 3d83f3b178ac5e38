/**
 * The API's method names, apart from their schemas, so the preload script can check a name
 * without bundling the schema library. `contract.ts` asserts that both lists agree.
 */
export const API_METHOD_NAMES = [
  'session.status',
  'setup.init',
  'key.unlock',
  'profile.get',
  'cycle.get',
  'entries.list',
  'entries.setCell',
  'entries.setCells',
  'entries.check',
  'key.export',
  'bundle.export',
  'bundle.history',
  'trust.preview',
  'trust.add',
  'trust.replace',
  'trust.events',
  'trust.list',
  'trust.revoke',
  'bundle.import',
  'bundle.preview',
  'bundle.commit',
  'bundle.discard',
  'inbox.get',
  'inbox.choose',
  'inbox.scan',
  'imports.list',
  'table.get',
  'table.drilldown',
  'table.justifications',
  'hq.completeness',
  'report.get',
  'report.savePdf',
  'export.file',
] as const;

export type ApiMethodName = (typeof API_METHOD_NAMES)[number];

export function isApiMethodName(name: unknown): name is ApiMethodName {
  return typeof name === 'string' && (API_METHOD_NAMES as readonly string[]).includes(name);
}
