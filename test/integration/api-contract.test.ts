import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_METHODS, apiSchemas } from '../../shared/api/contract.js';
import { PlannerError } from '../../shared/api/errors.js';
import { databaseHandlers } from '../../electron/services/api/handlers.js';
import { PlannerSession } from '../../electron/services/host/session.js';
import { FolderDialogs } from '../../electron/services/host/folder-dialogs.js';
import { FileKeyStore, keyFilePath } from '../../electron/services/keys.js';
import { silentLogger } from '../../electron/services/logger.js';
import { PassphraseKeyStore } from '../../electron/services/passphrase-key-store.js';
import { SEEDS } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

function session(dir: string, keyStore = new FileKeyStore(keyFilePath(path.join(dir, 'planner.db')))): PlannerSession {
  const dbPath = path.join(dir, 'planner.db');
  return new PlannerSession({
    dbPath,
    seedsDir: SEEDS,
    logger: silentLogger,
    dialogs: new FolderDialogs(path.join(dir, 'out'), path.join(dir, 'in')),
    keyStore,
    keyProtection: keyStore instanceof PassphraseKeyStore ? 'passphrase' : 'file',
    actor: 'test',
  });
}

async function refusal(call: Promise<unknown>): Promise<PlannerError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof PlannerError) return error;
    throw error;
  }
  throw new Error('expected the call to be refused');
}

const office = { id: 'AFR-DAKAR', name: 'Dakar', region: 'africa' };

describe('API contract', () => {
  it('has a handler for every method', () => {
    const sessionMethods = ['session.status', 'setup.init', 'key.unlock'];
    expect([...Object.keys(databaseHandlers), ...sessionMethods].sort()).toEqual([...API_METHODS].sort());
    expect(Object.keys(apiSchemas).sort()).toEqual([...API_METHODS].sort());
  });

  it('reports set-up before a database exists', async () => {
    const s = session(tempDir());
    const status = (await s.call('session.status', {})) as { state: string; cycles: { code: string }[] };
    expect(status.state).toBe('setup');
    expect(status.cycles.map((c) => c.code)).toContain('2012-13');
    const error = await refusal(s.call('entries.list', {}));
    expect(error.code).toBe('setup-required');
  });

  it('sets up an office', async () => {
    const dir = tempDir();
    const s = session(dir);
    const profile = (await s.call('setup.init', { role: 'office', cycle: '2012-13', office, passphrase: null })) as { keyFingerprint: string };
    expect(profile.keyFingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.existsSync(path.join(dir, 'planner.db'))).toBe(true);
    const again = await refusal(s.call('setup.init', { role: 'hq', cycle: '2012-13', office: null, passphrase: null }));
    expect(again.code).toBe('invalid-input');
    s.close();
  });

  it('refuses an unknown method', async () => {
    const error = await refusal(session(tempDir()).call('entries.drop', {}));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toContain('entries.drop');
  });

  it('refuses invalid input naming the field', async () => {
    const s = session(tempDir());
    await s.call('setup.init', { role: 'office', cycle: '2012-13', office, passphrase: null });
    const cases: [unknown, string][] = [
      [{ outcome: '01', country: null, field: 'demand', value: -3 }, 'value'],
      [{ outcome: '01', country: null, field: 'demand', value: 1.5 }, 'value'],
      [{ outcome: '1', country: null, field: 'demand', value: 3 }, 'outcome'],
      [{ outcome: '01', country: 'senegal', field: 'target', value: 3 }, 'country'],
      [{ outcome: '01', country: null, field: 'demand', value: 3, extra: true }, 'extra'],
    ];
    for (const [input, field] of cases) {
      const error = await refusal(s.call('entries.setCell', input));
      expect(error.code, JSON.stringify(input)).toBe('invalid-input');
      expect(error.message, JSON.stringify(input)).toContain(field);
    }
    expect(await s.call('entries.list', {})).toEqual([]);
    s.close();
  });

  it('writes a paste whole or not at all', async () => {
    const s = session(tempDir());
    await s.call('setup.init', { role: 'office', cycle: '2012-13', office, passphrase: null });
    await s.call('entries.setCells', {
      edits: [
        { outcome: '01', country: null, field: 'demand', value: 5 },
        { outcome: '02', country: null, field: 'demand', value: 6 },
      ],
    });
    const before = await s.call('entries.list', {});
    const error = await refusal(
      s.call('entries.setCells', {
        edits: [
          { outcome: '01', country: null, field: 'demand', value: 9 },
          { outcome: '20', country: null, field: 'demand', value: 1 },
        ],
      }),
    );
    expect(error.code).toBe('invalid-input');
    expect(await s.call('entries.list', {})).toEqual(before);
    s.close();
  });

  it('exports a bundle into the save folder', async () => {
    const dir = tempDir();
    const s = session(dir);
    await s.call('setup.init', { role: 'office', cycle: '2012-13', office, passphrase: null });
    await s.call('entries.setCell', { outcome: '03', country: null, field: 'target', value: 0 });
    const first = (await s.call('bundle.export', {})) as { revision: number; fileName: string };
    const second = (await s.call('bundle.export', {})) as { revision: number; fileName: string };
    expect(first.revision).toBe(1);
    expect(second.revision).toBe(2);
    expect(fs.readdirSync(path.join(dir, 'out')).sort()).toEqual([first.fileName, second.fileName].sort());
    s.close();
  });

  it('locks a passphrase key until unlocked', async () => {
    const dir = tempDir();
    const keyPath = path.join(dir, 'planner.key');
    const first = session(dir, new PassphraseKeyStore(keyPath));
    const missing = await refusal(first.call('setup.init', { role: 'office', cycle: '2012-13', office, passphrase: null }));
    expect(missing.message).toContain('passphrase');
    expect(fs.existsSync(path.join(dir, 'planner.db'))).toBe(false);
    await first.call('setup.init', { role: 'office', cycle: '2012-13', office, passphrase: 'correct horse battery' });
    first.close();

    const second = session(dir, new PassphraseKeyStore(keyPath));
    const locked = await refusal(second.call('bundle.export', {}));
    expect(locked.code).toBe('key-locked');
    const short = await refusal(second.call('key.unlock', { passphrase: '' }));
    expect(short.message).not.toContain('""');
    const tooShort = await refusal(first.call('setup.init', { role: 'office', cycle: '2012-13', office, passphrase: 'hunter2' }));
    expect(tooShort.message).not.toContain('hunter2');
    expect(tooShort.message).toContain('a hidden value');
    const wrong = await refusal(second.call('key.unlock', { passphrase: 'wrong horse battery' }));
    expect(wrong.message).toContain('passphrase is wrong');
    await second.call('key.unlock', { passphrase: 'correct horse battery' });
    const exported = (await second.call('bundle.export', {})) as { revision: number };
    expect(exported.revision).toBe(1);
    second.close();
  });
});
