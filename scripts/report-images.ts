/**
 * Prints the office summary and Table 1 of the published scenario to PDF with the CLI's own
 * code, then renders their first pages to PNG under docs/reports/ with poppler's pdftoppm.
 * Run with `npm run report-images`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cliAsync, ROOT } from '../test/support/cli.js';
import { createPaperHq, REGION_OFFICES } from '../test/support/scenario.js';

const outDir = path.join(ROOT, 'docs', 'reports');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'planner-reports-'));
fs.mkdirSync(outDir, { recursive: true });
try {
  const { hq, officeDbs } = createPaperHq(work);
  const firstOffice = officeDbs.get(REGION_OFFICES[0].id) as string;
  for (const [db, report] of [
    [firstOffice, 'summary'],
    [hq, 'table'],
  ] as const) {
    const pdf = path.join(work, `${report}.pdf`);
    const result = await cliAsync('print', '--db', db, '--out', pdf, '--report', report);
    if (result.code !== 0) throw new Error(result.stderr);
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(outDir, `${report}-page1`)]);
  }
  process.stdout.write(`Report images written to ${outDir}\n`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
