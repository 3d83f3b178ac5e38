import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_METHODS, apiSchemas } from '../../shared/api/contract.js';
import { PlannerError } from '../../shared/api/errors.js';
import { handlers, invoke } from '../../electron/services/api/handlers.js';
import { createOffice, regionEntriesCsv, withContext } from '../support/scenario.js';
import { importEntriesCsv } from '../../electron/services/entries.js';
import { tempDir } from '../support/temp.js';

function refusal(call: () => unknown): PlannerError {
  try {
    call();
  } catch (error) {
    if (error instanceof PlannerError) return error;
    throw error;
  }
  throw new Error('expected the call to be refused');
}

describe('API contract', () => {
  it('has a handler for every method', () => {
    expect(Object.keys(handlers).sort()).toEqual([...API_METHODS].sort());
    expect(Object.keys(apiSchemas).sort()).toEqual([...API_METHODS].sort());
  });

  it('refuses an unknown method', () => {
    const db = createOffice(tempDir(), { id: 'AFR-DAKAR', name: 'Dakar', region: 'africa' });
    const error = withContext(db, (context) => refusal(() => invoke(context, 'entries.drop', {})));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toContain('entries.drop');
  });

  it('refuses invalid input naming field and value', () => {
    const db = createOffice(tempDir(), { id: 'AFR-DAKAR', name: 'Dakar', region: 'africa' });
    const cases: [unknown, string][] = [
      [{ outcome: '01', country: null, field: 'demand', value: -3 }, 'value'],
      [{ outcome: '01', country: null, field: 'demand', value: 1.5 }, 'value'],
      [{ outcome: '1', country: null, field: 'demand', value: 3 }, 'outcome'],
      [{ outcome: '01', country: 'senegal', field: 'target', value: 3 }, 'country'],
      [{ outcome: '01', country: null, field: 'demand', value: 3, extra: true }, 'extra'],
    ];
    for (const [input, field] of cases) {
      const error = withContext(db, (context) => refusal(() => invoke(context, 'entries.setCell', input)));
      expect(error.code, JSON.stringify(input)).toBe('invalid-input');
      expect(error.message, JSON.stringify(input)).toContain(field);
    }
    expect(withContext(db, (context) => context.entries.list())).toEqual([]);
  });

  it('saves a valid cell edit', () => {
    const db = createOffice(tempDir(), { id: 'AFR-DAKAR', name: 'Dakar', region: 'africa' });
    const saved = withContext(db, (context) => invoke(context, 'entries.setCell', { outcome: '03', country: null, field: 'target', value: 0 }));
    expect(saved).toEqual({ outcome: '03', country: null, demand: null, target: 0, justification: '' });
  });

  it('serves the table of an office', () => {
    const dir = tempDir();
    const db = createOffice(dir, { id: 'AFR-DAKAR', name: 'Dakar', region: 'africa' });
    withContext(db, (context) => importEntriesCsv(context, regionEntriesCsv('africa')));
    const table = withContext(db, (context) => handlers['table.get'](context, {}));
    expect(table.rows[0]?.regions.africa?.demand.value).toBe(34);
    expect(table.rows[0]?.regions.asia?.demand.value).toBeNull();
    expect(fs.existsSync(path.join(dir, 'AFR-DAKAR.db.key'))).toBe(true);
  });
});
