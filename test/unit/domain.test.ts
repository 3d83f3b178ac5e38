import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../shared/csv.js';
import { combineSums, EMPTY_SUM, sumAmounts } from '../../shared/domain/amounts.js';
import { consolidate, type Contribution } from '../../shared/domain/consolidate.js';
import { cycleFromSeed } from '../../shared/domain/cycle-schema.js';
import { checkTableSums, compareCells, reconcile, type Mismatch } from '../../shared/domain/reconcile.js';
import { blocksExport, checkPlan, needsJustification, type RuleIssue } from '../../shared/domain/rules.js';
import { flattenTable, parseTableCsv, tableColumns, TableFormatError, type FlatRow, type FlatTable } from '../../shared/domain/table-format.js';
import type { Amount, Cycle, Entry } from '../../shared/domain/types.js';

const SEED_DIR = fileURLToPath(new URL('../../seeds/2012-13/', import.meta.url));
const REGION_CODES = ['africa', 'arab_states', 'asia', 'europe', 'americas'];
const TABLE_HEADER = tableColumns(REGION_CODES).join(',');

/** Reads a fresh copy of the seed file, which a test may alter. */
function readSeed(): { outcomes: Record<string, unknown>[]; regions: Record<string, unknown>[] } & Record<string, unknown> {
  return JSON.parse(fs.readFileSync(`${SEED_DIR}cycle.json`, 'utf8')) as ReturnType<typeof readSeed>;
}

function readPublished(): FlatTable {
  return parseTableCsv(parseCsv(fs.readFileSync(`${SEED_DIR}table1-published.csv`, 'utf8')));
}

const CYCLE: Cycle = cycleFromSeed(readSeed());
const OUTCOME_CODES = CYCLE.outcomes.map((o) => o.code);

function entry(outcome: string, demand: Amount, target: Amount, justification = '', country: string | null = null): Entry {
  return { outcome, country, demand, target, justification };
}

function contribution(officeId: string, region: string, entries: Entry[]): Contribution {
  return { officeId, region, revision: 1, entries };
}

function outcomeOf(code: string) {
  const outcome = CYCLE.outcomes.find((o) => o.code === code);
  if (!outcome) throw new Error(`outcome ${code} is missing from the seeded cycle`);
  return outcome;
}

function rowOf(table: FlatTable, outcome: string): FlatRow {
  const row = outcome === 'total' ? table.totals : table.rows.find((r) => r.outcome === outcome);
  if (!row) throw new Error(`row ${outcome} is missing from the table`);
  return row;
}

/** Builds one contribution per region from that region's column of the published table. */
function contributionsFromPublished(table: FlatTable): Contribution[] {
  return table.regionCodes.map((region) =>
    contribution(
      `OFFICE-${region}`,
      region,
      table.rows.map((row) => entry(row.outcome, row.values[`${region}_demand`] ?? null, row.values[`${region}_target`] ?? null)),
    ),
  );
}

/** Returns the error thrown by `body`, failing the test when nothing is thrown. */
function errorOf(body: () => unknown): Error {
  try {
    body();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error, but none was thrown');
}

describe('sumAmounts', () => {
  it('counts blanks as missing', () => {
    expect(sumAmounts([3, null, 0, 4])).toEqual({ value: 7, entered: 3, missing: 1 });
  });

  it('all blanks give null', () => {
    expect(sumAmounts([null, null])).toEqual({ value: null, entered: 0, missing: 2 });
  });

  it('zeros give 0, not null', () => {
    expect(sumAmounts([0, 0])).toEqual({ value: 0, entered: 2, missing: 0 });
  });

  it('no parts give an empty sum', () => {
    expect(sumAmounts([])).toEqual(EMPTY_SUM);
  });
});

describe('combineSums', () => {
  it('adds values and counts', () => {
    const combined = combineSums([sumAmounts([5, null]), sumAmounts([null, null]), sumAmounts([2])]);
    expect(combined).toEqual({ value: 7, entered: 2, missing: 3 });
  });

  it('all-blank sums give null', () => {
    expect(combineSums([sumAmounts([null]), sumAmounts([null, null])])).toEqual({ value: null, entered: 0, missing: 3 });
  });

  it('zero sum stays 0', () => {
    expect(combineSums([sumAmounts([0]), sumAmounts([null])])).toEqual({ value: 0, entered: 1, missing: 1 });
  });

  it('no sums give an empty sum', () => {
    expect(combineSums([])).toEqual(EMPTY_SUM);
  });
});

describe('needsJustification', () => {
  const comparable = { comparable: true };

  it('target above demand needs one', () => {
    expect(needsJustification(comparable, { demand: 3, target: 4 })).toBe(true);
  });

  it('target above zero demand needs one', () => {
    expect(needsJustification(comparable, { demand: 0, target: 1 })).toBe(true);
  });

  it('target equal to demand needs none', () => {
    expect(needsJustification(comparable, { demand: 4, target: 4 })).toBe(false);
  });

  it('target below demand needs none', () => {
    expect(needsJustification(comparable, { demand: 5, target: 4 })).toBe(false);
  });

  it('blank demand needs none', () => {
    expect(needsJustification(comparable, { demand: null, target: 4 })).toBe(false);
  });

  it('blank target needs none', () => {
    expect(needsJustification(comparable, { demand: 4, target: null })).toBe(false);
  });

  it('non-comparable outcome needs none', () => {
    expect(needsJustification({ comparable: false }, { demand: 1, target: 100 })).toBe(false);
  });

  it('seeded non-comparable outcomes are 14, 15, 18', () => {
    expect(CYCLE.outcomes.filter((o) => !o.comparable).map((o) => o.code)).toEqual(['14', '15', '18']);
  });

  it.each(['14', '15', '18'])('seeded outcome %s never needs one', (code) => {
    expect(needsJustification(outcomeOf(code), { demand: 1, target: 100 })).toBe(false);
  });
});

describe('checkPlan', () => {
  const complete = OUTCOME_CODES.map((code) => entry(code, 5, 5));
  const withRow = (replacement: Entry) => complete.map((e) => (e.outcome === replacement.outcome ? replacement : e));

  it('complete plan has no issues', () => {
    expect(checkPlan(CYCLE, complete)).toEqual([]);
  });

  it('outcome without rows gives two not-entered issues', () => {
    const issues = checkPlan(CYCLE, complete.filter((e) => e.outcome !== '07'));
    expect(issues).toEqual([
      { kind: 'not-entered', outcome: '07', country: null, field: 'demand' },
      { kind: 'not-entered', outcome: '07', country: null, field: 'target' },
    ]);
  });

  it('empty plan gives two issues per outcome', () => {
    expect(checkPlan(CYCLE, [])).toHaveLength(2 * OUTCOME_CODES.length);
  });

  it('unjustified target above demand is reported', () => {
    expect(checkPlan(CYCLE, withRow(entry('01', 3, 8)))).toEqual([
      { kind: 'justification-missing', outcome: '01', country: null, demand: 3, target: 8 },
    ]);
  });

  it('whitespace note is no justification', () => {
    expect(checkPlan(CYCLE, withRow(entry('01', 3, 8, '  \n ')))).toHaveLength(1);
  });

  it('justified target above demand passes', () => {
    expect(checkPlan(CYCLE, withRow(entry('01', 3, 8, 'Donor funds confirmed.')))).toEqual([]);
  });

  it.each(['14', '15', '18'])('outcome %s target above demand passes', (code) => {
    expect(checkPlan(CYCLE, withRow(entry(code, 1, 9)))).toEqual([]);
  });

  it('blank demand gives only not-entered', () => {
    expect(checkPlan(CYCLE, withRow(entry('02', null, 9)))).toEqual([{ kind: 'not-entered', outcome: '02', country: null, field: 'demand' }]);
  });

  it('blank target gives only not-entered', () => {
    expect(checkPlan(CYCLE, withRow(entry('02', 9, null)))).toEqual([{ kind: 'not-entered', outcome: '02', country: null, field: 'target' }]);
  });

  it('State rows are checked one by one', () => {
    const entries = [...complete.filter((e) => e.outcome !== '03'), entry('03', 2, 1, '', 'MLI'), entry('03', 1, 4, '', 'SEN')];
    expect(checkPlan(CYCLE, entries)).toEqual([{ kind: 'justification-missing', outcome: '03', country: 'SEN', demand: 1, target: 4 }]);
  });
});

describe('blocksExport', () => {
  it('missing justification blocks', () => {
    const issue: RuleIssue = { kind: 'justification-missing', outcome: '01', country: null, demand: 1, target: 2 };
    expect(blocksExport(issue)).toBe(true);
  });

  it.each(['demand', 'target'] as const)('not-entered %s does not block', (field) => {
    expect(blocksExport({ kind: 'not-entered', outcome: '01', country: null, field })).toBe(false);
  });
});

describe('consolidate', () => {
  it('offices of one region add up', () => {
    const table = consolidate(CYCLE, [
      contribution('AFR-DAKAR', 'africa', [entry('01', 3, 2)]),
      contribution('AFR-ABUJA', 'africa', [entry('01', 4, 1)]),
    ]);
    const africa = table.rows[0]?.regions.africa;
    expect(africa?.demand).toEqual({ value: 7, entered: 2, missing: 0 });
    expect(africa?.target).toEqual({ value: 3, entered: 2, missing: 0 });
  });

  it('region without office stays null', () => {
    const table = consolidate(CYCLE, [contribution('AFR-DAKAR', 'africa', [entry('01', 3, 2)])]);
    const europe = table.rows[0]?.regions.europe;
    expect(europe?.demand).toEqual({ value: null, entered: 0, missing: 0 });
    expect(europe?.target).toEqual({ value: null, entered: 0, missing: 0 });
  });

  it('outcome without row counts one missing', () => {
    const table = consolidate(CYCLE, [contribution('AFR-DAKAR', 'africa', [entry('01', 3, 2)])]);
    expect(table.rows[1]?.regions.africa?.demand).toEqual({ value: null, entered: 0, missing: 1 });
  });

  it('blank entry counts as missing', () => {
    const table = consolidate(CYCLE, [
      contribution('AFR-DAKAR', 'africa', [entry('01', null, 2)]),
      contribution('AFR-ABUJA', 'africa', [entry('01', 4, null)]),
    ]);
    const africa = table.rows[0]?.regions.africa;
    expect(africa?.demand).toEqual({ value: 4, entered: 1, missing: 1 });
    expect(africa?.target).toEqual({ value: 2, entered: 1, missing: 1 });
  });

  it('State rows sum into the outcome', () => {
    const table = consolidate(CYCLE, [contribution('AFR-DAKAR', 'africa', [entry('03', 5, 4, '', 'SEN'), entry('03', 2, null, '', 'MLI')])]);
    const africa = table.rows[2]?.regions.africa;
    expect(africa?.demand).toEqual({ value: 7, entered: 2, missing: 0 });
    expect(africa?.target).toEqual({ value: 4, entered: 1, missing: 1 });
  });

  it('row total sums its regions', () => {
    const table = consolidate(CYCLE, [
      contribution('AFR-DAKAR', 'africa', [entry('05', 3, 2)]),
      contribution('ASI-BANGKOK', 'asia', [entry('05', 10, 6)]),
      contribution('AME-LIMA', 'americas', [entry('05', null, 1)]),
    ]);
    const row = table.rows[4];
    expect(row?.total.demand).toEqual({ value: 13, entered: 2, missing: 1 });
    expect(row?.total.target).toEqual({ value: 9, entered: 3, missing: 0 });
  });

  it('totals row sums the outcome rows', () => {
    const table = consolidate(CYCLE, [contribution('AFR-DAKAR', 'africa', [entry('01', 3, 2), entry('02', 4, 6), entry('19', 0, 1)])]);
    expect(table.totals.regions.africa?.demand).toEqual({ value: 7, entered: 3, missing: 16 });
    expect(table.totals.regions.africa?.target).toEqual({ value: 9, entered: 3, missing: 16 });
    expect(table.totals.total.demand.value).toBe(7);
    expect(table.totals.total.target.value).toBe(9);
  });

  it('published columns give computed totals', () => {
    const table = consolidate(CYCLE, contributionsFromPublished(readPublished()));
    expect(table.rows[1]?.total.demand.value).toBe(81);
    expect(table.rows[13]?.total.target.value).toBe(8);
    expect(table.totals.regions.africa?.demand.value).toBe(312);
    expect(table.totals.regions.europe?.demand.value).toBe(124);
    expect(table.totals.total.demand.value).toBe(911);
    expect(table.totals.total.target.value).toBe(576);
  });

  it('every row total equals its regions', () => {
    const table = consolidate(CYCLE, contributionsFromPublished(readPublished()));
    for (const row of [...table.rows, table.totals]) {
      for (const side of ['demand', 'target'] as const) {
        const regionSum = table.regionCodes.reduce((sum, region) => sum + (row.regions[region]?.[side].value ?? 0), 0);
        expect(row.total[side].value, `${row.outcome} ${side}`).toBe(regionSum);
      }
    }
  });

  it('rows follow outcome order', () => {
    expect(consolidate(CYCLE, []).rows.map((r) => r.outcome)).toEqual(OUTCOME_CODES);
  });

  it('unknown region throws', () => {
    const error = errorOf(() => consolidate(CYCLE, [contribution('OCE-SUVA', 'oceania', [])]));
    expect(error.message).toContain('"oceania"');
    expect(error.message).toContain('OCE-SUVA');
  });
});

describe('tableColumns', () => {
  it('lists totals then region pairs', () => {
    expect(tableColumns(REGION_CODES)).toEqual([
      'outcome',
      'title',
      'total_demand',
      'total_target',
      'africa_demand',
      'africa_target',
      'arab_states_demand',
      'arab_states_target',
      'asia_demand',
      'asia_target',
      'europe_demand',
      'europe_target',
      'americas_demand',
      'americas_target',
    ]);
  });
});

describe('parseTableCsv', () => {
  const parse = (body: string) => parseTableCsv(parseCsv(`${TABLE_HEADER}\n${body}`));

  it('seeded table has 19 rows', () => {
    expect(readPublished().rows.map((r) => r.outcome)).toEqual(OUTCOME_CODES);
  });

  it('seeded table has a total row', () => {
    expect(readPublished().totals?.outcome).toBe('total');
  });

  it('seeded table has the five regions', () => {
    expect(readPublished().regionCodes).toEqual(REGION_CODES);
  });

  it.each([
    ['01', 'africa_demand', 34],
    ['01', 'total_demand', 84],
    ['07', 'asia_target', 1],
    ['15', 'europe_demand', 0],
    ['18', 'americas_target', 19],
    ['19', 'total_target', 14],
    ['total', 'total_demand', 902],
    ['total', 'total_target', 577],
    ['total', 'africa_demand', 310],
  ])('seeded row %s %s is %i', (outcome, column, value) => {
    expect(rowOf(readPublished(), outcome).values[column]).toBe(value);
  });

  it('seeded titles are read', () => {
    expect(rowOf(readPublished(), '12').title).toBe('Social dialogue and industrial relations');
  });

  it('blank cell reads as null', () => {
    expect(parse('01,Employment promotion,,3,,3,,,,,,,,\n').rows[0]?.values.total_demand).toBeNull();
  });

  it('wrong fixed column is named', () => {
    const error = errorOf(() => parseTableCsv(parseCsv('outcome,title,total,total_target,africa_demand,africa_target\n')));
    expect(error).toBeInstanceOf(TableFormatError);
    expect(error.message).toContain('"total"');
    expect(error.message).toContain('total_demand');
  });

  it('broken region pair is named', () => {
    const error = errorOf(() => parseTableCsv(parseCsv('outcome,title,total_demand,total_target,africa_demand,asia_target\n')));
    expect(error).toBeInstanceOf(TableFormatError);
    expect(error.message).toContain('africa_demand,asia_target');
  });

  it('header without regions is rejected', () => {
    expect(() => parseTableCsv(parseCsv('outcome,title,total_demand,total_target\n'))).toThrow(TableFormatError);
  });

  it('unexpected regions are rejected', () => {
    const error = errorOf(() => parseTableCsv(parseCsv(`${TABLE_HEADER}\n`), ['africa', 'asia']));
    expect(error).toBeInstanceOf(TableFormatError);
    expect(error.message).toContain('africa, arab_states, asia, europe, americas');
  });

  it('bad number names line and column', () => {
    const error = errorOf(() => parse('01,Employment promotion,84,42,34,17,7,5,20,12.5,7,2,16,6\n'));
    expect(error).toBeInstanceOf(TableFormatError);
    expect((error as TableFormatError).line).toBe(2);
    expect(error.message).toContain('Line 2');
    expect(error.message).toContain('asia_target');
    expect(error.message).toContain('"12.5"');
  });

  it('duplicate outcome is rejected', () => {
    const row = '01,Employment promotion,1,1,1,1,,,,,,,,\n';
    const error = errorOf(() => parse(row + row));
    expect(error).toBeInstanceOf(TableFormatError);
    expect(error.message).toContain('Line 3');
    expect(error.message).toContain('01');
  });

  it('row after total is rejected', () => {
    const error = errorOf(() => parse('total,Totals,1,1,1,1,,,,,,,,\n01,Employment promotion,1,1,1,1,,,,,,,,\n'));
    expect(error).toBeInstanceOf(TableFormatError);
    expect(error.message).toContain('Line 3');
    expect(error.message).toContain('total row');
  });

  it('empty outcome is rejected', () => {
    expect(() => parse(',Employment promotion,1,1,1,1,,,,,,,,\n')).toThrow(TableFormatError);
  });
});

describe('reconcile', () => {
  const publishedMismatches: Mismatch[] = [
    { kind: 'row-sum', outcome: '02', column: 'total_demand', published: 80, expected: 81 },
    { kind: 'row-sum', outcome: '05', column: 'total_demand', published: 22, expected: 23 },
    { kind: 'row-sum', outcome: '06', column: 'total_demand', published: 32, expected: 33 },
    { kind: 'row-sum', outcome: '06', column: 'total_target', published: 21, expected: 22 },
    { kind: 'row-sum', outcome: '08', column: 'total_demand', published: 60, expected: 61 },
    { kind: 'row-sum', outcome: '11', column: 'total_demand', published: 43, expected: 45 },
    { kind: 'row-sum', outcome: '12', column: 'total_demand', published: 63, expected: 64 },
    { kind: 'row-sum', outcome: '13', column: 'total_demand', published: 19, expected: 20 },
    { kind: 'row-sum', outcome: '14', column: 'total_target', published: 9, expected: 8 },
    { kind: 'row-sum', outcome: '16', column: 'total_demand', published: 78, expected: 79 },
    { kind: 'row-sum', outcome: '17', column: 'total_demand', published: 17, expected: 18 },
    { kind: 'row-sum', outcome: 'total', column: 'total_demand', published: 902, expected: 901 },
    { kind: 'column-sum', outcome: 'total', column: 'total_demand', published: 902, expected: 901 },
    { kind: 'column-sum', outcome: 'total', column: 'total_target', published: 577, expected: 576 },
    { kind: 'column-sum', outcome: 'total', column: 'africa_demand', published: 310, expected: 312 },
    { kind: 'column-sum', outcome: 'total', column: 'arab_states_demand', published: 92, expected: 97 },
    { kind: 'column-sum', outcome: 'total', column: 'asia_demand', published: 173, expected: 172 },
    { kind: 'column-sum', outcome: 'total', column: 'asia_target', published: 107, expected: 106 },
    { kind: 'column-sum', outcome: 'total', column: 'europe_demand', published: 120, expected: 124 },
  ];

  /** Reads the published table and recomputes every row total and the whole total row from the cells. */
  function correctedTable(): FlatTable {
    const table = readPublished();
    const sum = (values: Amount[]) => values.reduce<number>((total, value) => total + (value ?? 0), 0);
    for (const row of table.rows) {
      for (const side of ['demand', 'target']) {
        row.values[`total_${side}`] = sum(table.regionCodes.map((r) => row.values[`${r}_${side}`] ?? null));
      }
    }
    const totals = rowOf(table, 'total');
    for (const column of Object.keys(totals.values)) {
      totals.values[column] = sum(table.rows.map((row) => row.values[column] ?? null));
    }
    return table;
  }

  it('seeded table has 19 mismatches', () => {
    expect(reconcile(readPublished())).toEqual(publishedMismatches);
  });

  it('seeded table has 11 outcome row-sums', () => {
    const rowSums = reconcile(readPublished()).filter((m) => m.kind === 'row-sum' && m.outcome !== 'total');
    expect(rowSums).toHaveLength(11);
  });

  it('seeded table has 7 column-sums', () => {
    expect(reconcile(readPublished()).filter((m) => m.kind === 'column-sum')).toHaveLength(7);
  });

  it('checkTableSums matches reconcile', () => {
    expect(checkTableSums(readPublished())).toEqual(publishedMismatches);
  });

  it('corrected table reconciles', () => {
    expect(reconcile(correctedTable())).toEqual([]);
  });

  it('corrected total row is 911 and 576', () => {
    const totals = rowOf(correctedTable(), 'total');
    expect(totals.values.total_demand).toBe(911);
    expect(totals.values.total_target).toBe(576);
  });

  it('blank total against blank regions agrees', () => {
    const table = parseTableCsv(parseCsv(`${TABLE_HEADER}\n01,Employment promotion,,,,,,,,,,,,\n`));
    expect(reconcile(table)).toEqual([]);
  });

  it('zero total against blank regions disagrees', () => {
    const table = parseTableCsv(parseCsv(`${TABLE_HEADER}\n01,Employment promotion,0,,,,,,,,,,,\n`));
    expect(reconcile(table)).toEqual([{ kind: 'row-sum', outcome: '01', column: 'total_demand', published: 0, expected: null }]);
  });

  describe('compareCells against published regions', () => {
    const published = readPublished();
    const consolidated = flattenTable(consolidate(CYCLE, contributionsFromPublished(published)));
    const cellMismatches = compareCells(published, consolidated);

    it('lists the total cells', () => {
      expect(cellMismatches).toEqual([
        { kind: 'cell', outcome: '02', column: 'total_demand', published: 80, expected: 81 },
        { kind: 'cell', outcome: '05', column: 'total_demand', published: 22, expected: 23 },
        { kind: 'cell', outcome: '06', column: 'total_demand', published: 32, expected: 33 },
        { kind: 'cell', outcome: '06', column: 'total_target', published: 21, expected: 22 },
        { kind: 'cell', outcome: '08', column: 'total_demand', published: 60, expected: 61 },
        { kind: 'cell', outcome: '11', column: 'total_demand', published: 43, expected: 45 },
        { kind: 'cell', outcome: '12', column: 'total_demand', published: 63, expected: 64 },
        { kind: 'cell', outcome: '13', column: 'total_demand', published: 19, expected: 20 },
        { kind: 'cell', outcome: '14', column: 'total_target', published: 9, expected: 8 },
        { kind: 'cell', outcome: '16', column: 'total_demand', published: 78, expected: 79 },
        { kind: 'cell', outcome: '17', column: 'total_demand', published: 17, expected: 18 },
        { kind: 'cell', outcome: 'total', column: 'total_demand', published: 902, expected: 911 },
        { kind: 'cell', outcome: 'total', column: 'total_target', published: 577, expected: 576 },
        { kind: 'cell', outcome: 'total', column: 'africa_demand', published: 310, expected: 312 },
        { kind: 'cell', outcome: 'total', column: 'arab_states_demand', published: 92, expected: 97 },
        { kind: 'cell', outcome: 'total', column: 'asia_demand', published: 173, expected: 172 },
        { kind: 'cell', outcome: 'total', column: 'asia_target', published: 107, expected: 106 },
        { kind: 'cell', outcome: 'total', column: 'europe_demand', published: 120, expected: 124 },
      ]);
    });

    it('finds no outcome region cell', () => {
      const regionCells = cellMismatches.filter((m) => m.outcome !== 'total' && !m.column.startsWith('total_'));
      expect(regionCells).toEqual([]);
    });

    it('reconcile adds cells after sums', () => {
      expect(reconcile(published, consolidated)).toEqual([...publishedMismatches, ...cellMismatches]);
    });
  });

  it('missing published row shows as cells', () => {
    const published = readPublished();
    published.rows = published.rows.filter((r) => r.outcome !== '19');
    const consolidated = flattenTable(consolidate(CYCLE, contributionsFromPublished(readPublished())));
    const row19 = compareCells(published, consolidated).filter((m) => m.outcome === '19');
    expect(row19).toHaveLength(12);
    expect(row19.every((m) => m.published === null)).toBe(true);
  });

  it('different regions throw', () => {
    const published = parseTableCsv(parseCsv('outcome,title,total_demand,total_target,africa_demand,africa_target\n'));
    const consolidated = flattenTable(consolidate(CYCLE, []));
    const error = errorOf(() => reconcile(published, consolidated));
    expect(error.message).toContain('africa, arab_states');
  });
});

describe('cycleFromSeed', () => {
  it('seed has 19 outcomes', () => {
    expect(CYCLE.outcomes).toHaveLength(19);
  });

  it('seed code is 2012-13', () => {
    expect(CYCLE.code).toBe('2012-13');
  });

  it('regions are in published order', () => {
    expect(CYCLE.regions.map((r) => r.code)).toEqual(REGION_CODES);
  });

  it('outcomes belong to their objectives', () => {
    const expected: Record<string, string> = {};
    for (const code of ['01', '02', '03']) expected[code] = 'employment';
    for (const code of ['04', '05', '06', '07', '08']) expected[code] = 'social_protection';
    for (const code of ['09', '10', '11', '12', '13']) expected[code] = 'social_dialogue';
    for (const code of ['14', '15', '16', '17', '18']) expected[code] = 'standards';
    expected['19'] = 'policy_coherence';
    expect(Object.fromEntries(CYCLE.outcomes.map((o) => [o.code, o.objectiveCode]))).toEqual(expected);
  });

  it('objectives are in order', () => {
    expect(CYCLE.objectives.map((o) => o.code)).toEqual(['employment', 'social_protection', 'social_dialogue', 'standards', 'policy_coherence']);
  });

  it('non-comparable outcomes keep their note', () => {
    expect(outcomeOf('18').comparabilityNote).toContain('supervisory bodies');
  });

  it('regions are sorted by position', () => {
    const seed = readSeed();
    seed.regions.reverse();
    expect(cycleFromSeed(seed).regions.map((r) => r.code)).toEqual(REGION_CODES);
  });

  it('duplicate outcome throws', () => {
    const seed = readSeed();
    seed.outcomes.push({ ...seed.outcomes[0], position: 19 });
    const error = errorOf(() => cycleFromSeed(seed));
    expect(error.message).toContain('outcome code "01" twice');
  });

  it('unknown objective throws', () => {
    const seed = readSeed();
    seed.outcomes[4] = { ...seed.outcomes[4], objective: 'wages' };
    const error = errorOf(() => cycleFromSeed(seed));
    expect(error.message).toContain('Outcome 05');
    expect(error.message).toContain('"wages"');
  });

  it('non-comparable outcome without note throws', () => {
    const seed = readSeed();
    seed.outcomes[14] = { ...seed.outcomes[14], comparabilityNote: null };
    const error = errorOf(() => cycleFromSeed(seed));
    expect(error.message).toContain('Outcome 15');
    expect(error.message).toContain('comparabilityNote');
  });

  it('unknown field throws', () => {
    const seed = { ...readSeed(), budget: 1 };
    expect(() => cycleFromSeed(seed)).toThrow(/budget/);
  });
});
