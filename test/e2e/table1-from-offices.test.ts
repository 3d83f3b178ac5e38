import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../shared/csv.js';
import { parseTableCsv, valueColumns } from '../../shared/domain/table-format.js';
import { cliProcess, PUBLISHED_TABLE } from '../support/cli.js';
import { publishedTable, regionEntriesCsv, REGION_OFFICES } from '../support/scenario.js';
import { tempDir } from '../support/temp.js';

/** Runs the CLI as a separate process and fails with its stderr when the exit code differs. */
function run(expectedCode: number, ...args: string[]): string {
  const result = cliProcess(...args);
  expect(result.code, `planner ${args.join(' ')}\n${result.stderr}`).toBe(expectedCode);
  return result.stdout;
}

describe('Table 1 from five offices', () => {
  it('reproduces the paper figures', { timeout: 240_000 }, () => {
    const dir = tempDir();
    const hq = path.join(dir, 'hq.db');
    run(0, 'init', '--db', hq, '--role', 'hq');

    const bundles: string[] = [];
    for (const office of REGION_OFFICES) {
      const db = path.join(dir, `${office.id}.db`);
      const entries = path.join(dir, `${office.id}.csv`);
      const keyFile = path.join(dir, `${office.id}.key.txt`);
      const bundle = path.join(dir, `${office.id}.bundle`);
      fs.writeFileSync(entries, regionEntriesCsv(office.region));

      run(0, 'init', '--db', db, '--role', 'office', '--office-id', office.id, '--office-name', office.name, '--region', office.region);
      run(0, 'entries', 'import', '--db', db, entries);
      const keyOutput = run(0, 'key', 'export', '--db', db, '--out', keyFile);
      const exportOutput = run(0, 'bundle', 'export', '--db', db, '--out', bundle);
      expect(exportOutput).toContain('revision 1');

      const trustOutput = run(0, 'trust', 'add', '--db', hq, keyFile);
      expect(trustOutput).toContain(office.id);
      expect(trustOutput).toContain(office.region);
      // The fingerprint HQ shows must be the one the office reads out.
      const fingerprint = /Key fingerprint: ([0-9a-f ]+)/.exec(keyOutput)?.[1];
      expect(fingerprint).toBeDefined();
      expect(trustOutput).toContain(fingerprint as string);
      bundles.push(bundle);
    }

    const importOutput = run(0, 'bundle', 'import', '--db', hq, ...bundles);
    expect(importOutput.trim().split('\n')).toHaveLength(5);
    expect(importOutput).not.toContain('rejected');

    const table = parseTableCsv(parseCsv(run(0, 'table', '--db', hq, '--format', 'csv')));
    const paper = publishedTable();
    expect(table.regionCodes).toEqual(paper.regionCodes);
    expect(table.rows.map((r) => r.outcome)).toEqual(paper.rows.map((r) => r.outcome));

    const regionColumns = valueColumns(paper.regionCodes).filter((c) => !c.startsWith('total_'));
    for (const paperRow of paper.rows) {
      const row = table.rows.find((r) => r.outcome === paperRow.outcome);
      for (const column of regionColumns) {
        expect(row?.values[column], `outcome ${paperRow.outcome} ${column}`).toBe(paperRow.values[column]);
      }
      for (const side of ['demand', 'target']) {
        const sum = paper.regionCodes.reduce((acc, region) => acc + (row?.values[`${region}_${side}`] ?? 0), 0);
        expect(row?.values[`total_${side}`], `outcome ${paperRow.outcome} total_${side}`).toBe(sum);
      }
    }
    for (const column of valueColumns(paper.regionCodes)) {
      const sum = table.rows.reduce((acc, row) => acc + (row.values[column] ?? 0), 0);
      expect(table.totals?.values[column], `total row ${column}`).toBe(sum);
    }

    // Against the database, the published table disagrees only where its own sums are off.
    const reconciled = cliProcess('reconcile', '--published', PUBLISHED_TABLE, '--db', hq, '--format', 'json');
    expect(reconciled.code).toBe(1);
    const { mismatches } = JSON.parse(reconciled.stdout) as { mismatches: { kind: string; column: string }[] };
    const cells = mismatches.filter((m) => m.kind === 'cell');
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.every((m) => m.column.startsWith('total_') || (m as { outcome?: string }).outcome === 'total')).toBe(true);
  });
});

describe('reconcile of the published Table 1', () => {
  it('reports the 19 sums that do not add up', () => {
    const result = cliProcess('reconcile', '--published', PUBLISHED_TABLE, '--format', 'json');
    expect(result.code).toBe(1);
    const { mismatches } = JSON.parse(result.stdout) as { mismatches: { kind: string; outcome: string; column: string }[] };
    expect(mismatches).toHaveLength(19);
    expect(mismatches.filter((m) => m.kind === 'row-sum')).toHaveLength(12);
    expect(mismatches.filter((m) => m.kind === 'column-sum')).toHaveLength(7);
  });
});
