import { consolidate, type ConsolidatedTable, type Contribution } from '../../shared/domain/consolidate.js';
import { cycleOf, profileOf, type PlannerContext } from './context.js';
import { ImportRepository } from './db/import-repo.js';
import { TrustRepository } from './db/trust-repo.js';

/**
 * The consolidated table. At headquarters it sums every office's last accepted bundle by
 * region; in an office database it shows that office's own plan in its region's columns.
 */
export function consolidatedTable(context: PlannerContext): ConsolidatedTable {
  const profile = profileOf(context);
  const cycle = cycleOf(context);
  if (profile.role === 'office') {
    const office = profile.office;
    const contributions: Contribution[] = office
      ? [{ officeId: office.id, region: office.region, revision: 0, entries: context.entries.list() }]
      : [];
    return consolidate(cycle, contributions);
  }

  const imports = new ImportRepository(context.db);
  const trust = new TrustRepository(context.db);
  const contributions: Contribution[] = imports.contributions().map((record) => {
    const office = trust.find(record.officeId);
    return {
      officeId: record.officeId,
      region: office?.region ?? '',
      revision: record.revision,
      entries: imports.entries(record.officeId),
    };
  });
  return consolidate(cycle, contributions);
}
