import type { Cycle } from '../../../shared/domain/types.js';
import { PlannerError } from '../../../shared/api/errors.js';
import type { Db } from './database.js';

/** The cycle's reference data: regions, objectives, outcomes and their comparability rules. */
export class CycleRepository {
  constructor(private readonly db: Db) {}

  insert(cycle: Cycle, source: string): void {
    const db = this.db;
    db.prepare('INSERT INTO cycle (code, label, source) VALUES (?, ?, ?)').run(cycle.code, cycle.label, source);
    const region = db.prepare('INSERT INTO region (code, name, position) VALUES (?, ?, ?)');
    for (const r of cycle.regions) region.run(r.code, r.name, r.position);
    const objective = db.prepare('INSERT INTO objective (code, name, position) VALUES (?, ?, ?)');
    for (const o of cycle.objectives) objective.run(o.code, o.name, o.position);
    const outcome = db.prepare(
      'INSERT INTO outcome (code, title, objective_code, position, comparable, comparability_note) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const o of cycle.outcomes) outcome.run(o.code, o.title, o.objectiveCode, o.position, o.comparable ? 1 : 0, o.comparabilityNote);
  }

  read(): Cycle {
    const db = this.db;
    const cycle = db.prepare<[], { code: string; label: string }>('SELECT code, label FROM cycle').get();
    if (!cycle) throw new PlannerError('storage', 'The database holds no cycle; it was not set up completely. Create a new one with `init`.');
    const regions = db.prepare<[], { code: string; name: string; position: number }>('SELECT code, name, position FROM region ORDER BY position').all();
    const objectives = db
      .prepare<[], { code: string; name: string; position: number }>('SELECT code, name, position FROM objective ORDER BY position')
      .all();
    const outcomes = db
      .prepare<
        [],
        { code: string; title: string; objective_code: string; position: number; comparable: number; comparability_note: string | null }
      >('SELECT code, title, objective_code, position, comparable, comparability_note FROM outcome ORDER BY position')
      .all();
    return {
      code: cycle.code,
      label: cycle.label,
      regions,
      objectives,
      outcomes: outcomes.map((o) => ({
        code: o.code,
        title: o.title,
        objectiveCode: o.objective_code,
        position: o.position,
        comparable: o.comparable === 1,
        comparabilityNote: o.comparability_note,
      })),
    };
  }
}
