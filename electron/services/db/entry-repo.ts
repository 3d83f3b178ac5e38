import type { Amount, Entry } from '../../../shared/domain/types.js';
import type { Db } from './database.js';

interface EntryRow {
  outcome_code: string;
  country: string;
  demand: number | null;
  target: number | null;
  justification: string;
}

export type EntryField = 'demand' | 'target' | 'justification';
const FIELDS: readonly EntryField[] = ['demand', 'target', 'justification'];

function toEntry(row: EntryRow): Entry {
  return {
    outcome: row.outcome_code,
    country: row.country === '' ? null : row.country,
    demand: row.demand,
    target: row.target,
    justification: row.justification,
  };
}

function auditText(value: Amount | string): string | null {
  return value === null ? null : String(value);
}

export interface AuditContext {
  actor: string;
  at: string;
  action: 'edit' | 'import';
}

/** The office's own entries, with an audit row for every changed value. */
export class EntryRepository {
  private readonly listStatement;
  private readonly byOutcomeStatement;
  private readonly upsertStatement;
  private readonly deleteStatement;
  private readonly auditStatement;

  constructor(private readonly db: Db) {
    this.listStatement = db.prepare<[], EntryRow>(
      `SELECT e.outcome_code, e.country, e.demand, e.target, e.justification
         FROM entry e JOIN outcome o ON o.code = e.outcome_code
        ORDER BY o.position, e.country`,
    );
    this.byOutcomeStatement = db.prepare<[string], EntryRow>(
      'SELECT outcome_code, country, demand, target, justification FROM entry WHERE outcome_code = ? ORDER BY country',
    );
    this.upsertStatement = db.prepare(
      `INSERT INTO entry (outcome_code, country, demand, target, justification, updated_at)
       VALUES (@outcome, @country, @demand, @target, @justification, @at)
       ON CONFLICT (outcome_code, country) DO UPDATE SET
         demand = excluded.demand, target = excluded.target,
         justification = excluded.justification, updated_at = excluded.updated_at`,
    );
    this.deleteStatement = db.prepare('DELETE FROM entry WHERE outcome_code = ? AND country = ?');
    this.auditStatement = db.prepare(
      `INSERT INTO audit_log (at, actor, action, outcome, country, field, old_value, new_value)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  list(): Entry[] {
    return this.listStatement.all().map(toEntry);
  }

  listOutcome(outcome: string): Entry[] {
    return this.byOutcomeStatement.all(outcome).map(toEntry);
  }

  /**
   * Writes one entry (insert or update) and audits each field that changed. Must run inside
   * the caller's transaction so the entry and its audit rows land together.
   */
  write(entry: Entry, previous: Entry | null, context: AuditContext): void {
    const country = entry.country ?? '';
    this.upsertStatement.run({ outcome: entry.outcome, country, demand: entry.demand, target: entry.target, justification: entry.justification, at: context.at });
    for (const field of FIELDS) {
      const before = previous ? previous[field] : null;
      const after = entry[field];
      const unchanged = before === after || (field === 'justification' && previous === null && after === '');
      if (!unchanged) {
        this.auditStatement.run(context.at, context.actor, context.action, entry.outcome, country, field, auditText(before), auditText(after));
      }
    }
  }

  /** Removes one entry and audits the values it held. Must run inside the caller's transaction. */
  remove(previous: Entry, context: AuditContext): void {
    const country = previous.country ?? '';
    this.deleteStatement.run(previous.outcome, country);
    for (const field of FIELDS) {
      this.auditStatement.run(context.at, context.actor, 'delete', previous.outcome, country, field, auditText(previous[field]), null);
    }
  }

  countAuditRows(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
  }
}
