import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cycleFromSeed } from '../../shared/domain/cycle-schema.js';
import type { Entry } from '../../shared/domain/types.js';
import { buildPlanRows, parseRowId, rowIdOf, totalsOf } from '../../renderer/grid/plan-rows.js';
import { SEEDS } from '../support/cli.js';

const cycle = cycleFromSeed(JSON.parse(fs.readFileSync(path.join(SEEDS, '2012-13', 'cycle.json'), 'utf8')));
const entry = (outcome: string, demand: number | null, target: number | null, justification = '', country: string | null = null): Entry => ({
  outcome,
  country,
  demand,
  target,
  justification,
});

describe('buildPlanRows', () => {
  it('gives one row per outcome', () => {
    const rows = buildPlanRows(cycle, []);
    expect(rows.map((r) => r.id)).toEqual(cycle.outcomes.map((o) => o.code));
    expect(rows.every((r) => r.status === 'not-entered')).toBe(true);
  });

  it('spans objectives over their rows', () => {
    const rows = buildPlanRows(cycle, []);
    expect(rows.filter((r) => r.objectiveSpan > 0).map((r) => [r.id, r.objectiveSpan])).toEqual([
      ['01', 3],
      ['04', 5],
      ['09', 5],
      ['14', 5],
      ['19', 1],
    ]);
  });

  it('states the rule status', () => {
    const rows = buildPlanRows(cycle, [entry('01', 5, 3), entry('02', 1, 3), entry('03', 1, 3, 'Donor funds'), entry('14', 1, 3), entry('05', 4, null)]);
    const status = (id: string) => rows.find((r) => r.id === id)?.status;
    expect(status('01')).toBe('ok');
    expect(status('02')).toBe('justification-missing');
    expect(status('03')).toBe('justified');
    expect(status('14')).toBe('not-comparable');
    expect(status('05')).toBe('not-entered');
  });

  it('sums member States into the outcome', () => {
    const rows = buildPlanRows(cycle, [entry('08', 2, 1, '', 'SEN'), entry('08', 3, 5, '', 'MLI')]);
    const outcome = rows.find((r) => r.id === '08');
    expect(outcome?.kind).toBe('outcome-total');
    expect(outcome?.editable).toBe(false);
    expect(outcome?.demand).toBe(5);
    expect(outcome?.target).toBe(6);
    expect(outcome?.status).toBe('justification-missing');
    expect(rows.filter((r) => r.outcome === '08').map((r) => r.id)).toEqual(['08', '08:MLI', '08:SEN']);
  });

  it('leaves a partly entered State sum blank', () => {
    const rows = buildPlanRows(cycle, [entry('08', 2, 1, '', 'SEN'), entry('08', null, 5, '', 'MLI')]);
    expect(rows.find((r) => r.id === '08')?.demand).toBeNull();
    expect(rows.find((r) => r.id === '08')?.target).toBe(6);
  });
});

describe('totalsOf', () => {
  it('counts blanks as missing, not zero', () => {
    const totals = totalsOf(buildPlanRows(cycle, [entry('01', 5, 3), entry('02', 0, null)]));
    expect(totals.demand.value).toBe(5);
    expect(totals.demand.missing).toBe(17);
    expect(totals.target.value).toBe(3);
    expect(totals.target.missing).toBe(18);
  });

  it('counts each State once', () => {
    const totals = totalsOf(buildPlanRows(cycle, [entry('08', 2, 1, '', 'SEN'), entry('08', 3, 5, '', 'MLI')]));
    expect(totals.demand.value).toBe(5);
  });
});

describe('row ids', () => {
  it('round-trips outcome and State', () => {
    expect(parseRowId(rowIdOf('01', 'SEN'))).toEqual({ outcome: '01', country: 'SEN' });
    expect(parseRowId(rowIdOf('01', null))).toEqual({ outcome: '01', country: null });
  });
});
