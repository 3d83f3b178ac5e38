import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PlannerError } from '../../shared/api/errors.js';
import { IPC_CALL_CHANNEL, IPC_COMMAND_CHANNEL, IPC_FLUSHED_CHANNEL, type CallEnvelope, type PlannerBridge } from '../../shared/api/transport.js';
import { FLUSH_TIMEOUT_MS, handleCall, requestFlush, type CallTarget } from '../../electron/shell/ipc-router.js';
import type { SenderFrame } from '../../electron/shell/policy.js';
import { FolderDialogs } from '../../electron/services/host/folder-dialogs.js';
import { PlannerSession } from '../../electron/services/host/session.js';
import { FileKeyStore, keyFilePath } from '../../electron/services/keys.js';
import type { LogFields, Logger } from '../../electron/services/logger.js';
import { SEEDS } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

// The preload script imports Electron, which cannot run here; this stand-in records what it is given.
const electronFake = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(),
  send: vi.fn<(channel: string, ...args: unknown[]) => void>(),
  listeners: new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>(),
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => electronFake.exposed.set(key, value),
  },
  ipcRenderer: {
    invoke: electronFake.invoke,
    send: electronFake.send,
    on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      const set = electronFake.listeners.get(channel) ?? new Set();
      set.add(listener);
      electronFake.listeners.set(channel, set);
    },
    removeListener: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      electronFake.listeners.get(channel)?.delete(listener);
    },
  },
}));

const ENTRY = 'file:///opt/outcome-planner/dist/renderer/index.html';
const MAIN_FRAME: SenderFrame = { url: ENTRY, isMainFrame: true };
const office = { id: 'AFR-DAKAR', name: 'Dakar', region: 'africa' };

interface LogRecord {
  level: string;
  message: string;
  fields: LogFields | undefined;
}

function recordingLogger(): Logger & { records: LogRecord[] } {
  const records: LogRecord[] = [];
  const record = (level: string) => (message: string, fields?: LogFields) => {
    records.push({ level, message, fields });
  };
  return { records, debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
}

function officeSession(dir: string): PlannerSession {
  const dbPath = path.join(dir, 'planner.db');
  return new PlannerSession({
    dbPath,
    seedsDir: SEEDS,
    logger: recordingLogger(),
    dialogs: new FolderDialogs(path.join(dir, 'out'), path.join(dir, 'in')),
    keyStore: new FileKeyStore(keyFilePath(dbPath)),
    keyProtection: 'file',
    actor: 'test',
  });
}

async function setUpOffice(): Promise<PlannerSession> {
  const session = officeSession(tempDir());
  const setup = await handleCall(session, MAIN_FRAME, ENTRY, 'setup.init', { role: 'office', cycle: '2012-13', office, passphrase: null }, recordingLogger());
  expect(setup.ok).toBe(true);
  return session;
}

async function entries(session: PlannerSession): Promise<unknown> {
  const listed = await handleCall(session, MAIN_FRAME, ENTRY, 'entries.list', {}, recordingLogger());
  expect(listed.ok).toBe(true);
  return listed.ok ? listed.result : null;
}

function errorOf(envelope: CallEnvelope): { code: string; message: string } {
  if (envelope.ok) throw new Error(`expected a rejection, got ${JSON.stringify(envelope.result)}`);
  return envelope.error;
}

const edit = { outcome: '01', country: null, field: 'demand', value: 7 };

describe('handleCall', () => {
  const untrusted: [string, SenderFrame | null, string][] = [
    ['a subframe', { url: ENTRY, isMainFrame: false }, 'subframe'],
    ['a foreign URL', { url: 'https://127.0.0.1/index.html', isMainFrame: true }, "is not the app's page"],
    ['a missing frame', null, 'no longer exists'],
  ];

  it.each(untrusted)('rejects %s and changes nothing', async (_name, frame, reason) => {
    const session = await setUpOffice();
    const before = await entries(session);
    const logger = recordingLogger();

    const envelope = await handleCall(session, frame, ENTRY, 'entries.setCell', edit, logger);
    const error = errorOf(envelope);
    expect(error.code).toBe('invalid-input');
    expect(error.message).toContain('entries.setCell');
    expect(error.message).toContain(reason);
    expect(await entries(session)).toEqual(before);
    expect(logger.records.map((r) => r.level)).toEqual(['warn']);
    expect(logger.records[0]?.fields?.method).toBe('entries.setCell');
    session.close();
  });

  it('never passes an untrusted call to the session', async () => {
    const target: CallTarget = { call: vi.fn(async () => 'ran') };
    await handleCall(target, { url: ENTRY, isMainFrame: false }, ENTRY, 'session.status', {}, recordingLogger());
    expect(target.call).not.toHaveBeenCalled();
  });

  it('rejects an unknown method and changes nothing', async () => {
    const session = await setUpOffice();
    const before = await entries(session);

    const error = errorOf(await handleCall(session, MAIN_FRAME, ENTRY, 'entries.drop', {}, recordingLogger()));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toContain('Unknown API method "entries.drop"');
    expect(await entries(session)).toEqual(before);
    session.close();
  });

  it('rejects a method name that is not a string', async () => {
    const session = officeSession(tempDir());
    const error = errorOf(await handleCall(session, MAIN_FRAME, ENTRY, { toString: 1 }, {}, recordingLogger()));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toContain('Unknown API method');
  });

  it('rejects invalid input naming the field and changes nothing', async () => {
    const session = await setUpOffice();
    const before = await entries(session);

    const error = errorOf(await handleCall(session, MAIN_FRAME, ENTRY, 'entries.setCell', { ...edit, value: -3 }, recordingLogger()));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toContain('entries.setCell');
    expect(error.message).toContain('value');
    expect(error.message).toContain('-3');
    expect(await entries(session)).toEqual(before);
    session.close();
  });

  it('runs a valid call', async () => {
    const session = await setUpOffice();

    const envelope = await handleCall(session, MAIN_FRAME, ENTRY, 'entries.setCell', edit, recordingLogger());
    expect(envelope.ok).toBe(true);
    const written = envelope.ok ? envelope.result : null;
    expect(written).toMatchObject({ outcome: '01', demand: 7 });
    expect(await entries(session)).toEqual([expect.objectContaining({ outcome: '01', demand: 7 })]);
    session.close();
  });

  it('accepts the entry page with a fragment route', async () => {
    const session = officeSession(tempDir());
    const envelope = await handleCall(session, { url: `${ENTRY}#/setup`, isMainFrame: true }, ENTRY, 'session.status', {}, recordingLogger());
    expect(envelope.ok).toBe(true);
  });

  it('passes a PlannerError code through', async () => {
    const session = officeSession(tempDir());
    const error = errorOf(await handleCall(session, MAIN_FRAME, ENTRY, 'entries.list', {}, recordingLogger()));
    expect(error.code).toBe('setup-required');
  });

  it('logs no rejected input value', async () => {
    const session = officeSession(tempDir());
    const logger = recordingLogger();
    const error = errorOf(
      await handleCall(session, MAIN_FRAME, ENTRY, 'setup.init', { role: 'office', cycle: '2012-13', office, passphrase: 'secret-9' }, logger),
    );
    expect(error.message).toContain('passphrase');
    expect(JSON.stringify(logger.records)).not.toContain('secret-9');
    expect(logger.records).toEqual([{ level: 'info', message: 'API call rejected', fields: { method: 'setup.init', code: 'invalid-input' } }]);
  });

  it('hides an unexpected error behind a generic message', async () => {
    const target: CallTarget = {
      call: async () => {
        throw new TypeError('Cannot read properties of undefined (reading "rows")');
      },
    };
    const logger = recordingLogger();

    const error = errorOf(await handleCall(target, MAIN_FRAME, ENTRY, 'table.get', {}, logger));
    expect(error.code).toBe('internal');
    expect(error.message).toBe("table.get failed with an internal error; the details are in the app's log file.");
    expect(logger.records).toHaveLength(1);
    expect(logger.records[0]?.level).toBe('error');
    expect(String(logger.records[0]?.fields?.stack)).toContain('TypeError: Cannot read properties');
  });

  it('keeps a PlannerError thrown by any target', async () => {
    const target: CallTarget = {
      call: async () => {
        throw new PlannerError('key-locked', 'The office key is locked; enter its passphrase to sign.');
      },
    };
    const error = errorOf(await handleCall(target, MAIN_FRAME, ENTRY, 'bundle.export', {}, recordingLogger()));
    expect(error).toEqual({ code: 'key-locked', message: 'The office key is locked; enter its passphrase to sign.' });
  });
});

describe('requestFlush', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  function flushHarness() {
    let listener: (() => void) | null = null;
    const unsubscribe = vi.fn(() => {
      listener = null;
    });
    return {
      unsubscribe,
      confirm: () => listener?.(),
      subscribe: (onFlushed: () => void) => {
        listener = onFlushed;
        return unsubscribe;
      },
    };
  }

  it('waits three seconds by default', () => {
    expect(FLUSH_TIMEOUT_MS).toBe(3000);
  });

  it('resolves when the renderer confirms', async () => {
    const harness = flushHarness();
    const send = vi.fn(() => setTimeout(harness.confirm, 100));
    const outcome = requestFlush({ send, subscribe: harness.subscribe, timeoutMs: 3000, logger: recordingLogger() });

    await vi.advanceTimersByTimeAsync(100);
    await expect(outcome).resolves.toBe('flushed');
    expect(send).toHaveBeenCalledTimes(1);
    expect(harness.unsubscribe).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('gives up after the timeout and logs it', async () => {
    const harness = flushHarness();
    const logger = recordingLogger();
    const outcome = requestFlush({ send: () => undefined, subscribe: harness.subscribe, timeoutMs: 3000, logger });

    await vi.advanceTimersByTimeAsync(2999);
    let settled = false;
    void outcome.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);

    await vi.advanceTimersByTimeAsync(1);
    await expect(outcome).resolves.toBe('timed-out');
    expect(harness.unsubscribe).toHaveBeenCalledTimes(1);
    expect(logger.records.map((r) => r.level)).toEqual(['warn']);
  });

  it('ignores a confirmation after the timeout', async () => {
    const harness = flushHarness();
    const outcome = requestFlush({ send: () => undefined, subscribe: harness.subscribe, timeoutMs: 3000, logger: recordingLogger() });
    await vi.advanceTimersByTimeAsync(3000);
    harness.confirm();
    await expect(outcome).resolves.toBe('timed-out');
  });

  it('continues when the send fails', async () => {
    const harness = flushHarness();
    const logger = recordingLogger();
    const outcome = requestFlush({
      send: () => {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      subscribe: harness.subscribe,
      timeoutMs: 3000,
      logger,
    });

    await expect(outcome).resolves.toBe('send-failed');
    expect(harness.unsubscribe).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
    expect(logger.records.map((r) => r.level)).toEqual(['error']);
  });
});

describe('preload bridge', () => {
  async function loadBridge(): Promise<PlannerBridge> {
    vi.resetModules();
    electronFake.exposed.clear();
    electronFake.listeners.clear();
    electronFake.invoke.mockReset();
    electronFake.send.mockReset();
    await import('../../electron/preload.js');
    return electronFake.exposed.get('planner') as PlannerBridge;
  }

  function emitCommand(...args: unknown[]): void {
    for (const listener of electronFake.listeners.get(IPC_COMMAND_CHANNEL) ?? []) listener({ sender: 'ipc event' }, ...args);
  }

  it('exposes only call, onCommand and flushed', async () => {
    const bridge = await loadBridge();
    expect([...electronFake.exposed.keys()]).toEqual(['planner']);
    expect(Object.keys(bridge).sort()).toEqual(['call', 'flushed', 'onCommand']);
  });

  it('sends a known method over the call channel', async () => {
    const bridge = await loadBridge();
    const reply: CallEnvelope = { ok: true, result: { state: 'setup' } };
    electronFake.invoke.mockResolvedValue(reply);

    await expect(bridge.call('session.status', {})).resolves.toEqual(reply);
    expect(electronFake.invoke).toHaveBeenCalledWith(IPC_CALL_CHANNEL, 'session.status', {});
  });

  it('rejects an unknown method without IPC', async () => {
    const bridge = await loadBridge();
    const envelope = await bridge.call('entries.drop', {});
    expect(errorOf(envelope)).toEqual({ code: 'invalid-input', message: 'Unknown API method "entries.drop".' });
    expect(electronFake.invoke).not.toHaveBeenCalled();
  });

  it('rejects an inherited property name without IPC', async () => {
    const bridge = await loadBridge();
    expect(errorOf(await bridge.call('toString', {})).code).toBe('invalid-input');
    expect(errorOf(await bridge.call('__proto__', {})).code).toBe('invalid-input');
    expect(electronFake.invoke).not.toHaveBeenCalled();
  });

  it('turns a failed send into an envelope', async () => {
    const bridge = await loadBridge();
    electronFake.invoke.mockRejectedValue(new Error('An object could not be cloned.'));
    const error = errorOf(await bridge.call('entries.setCell', { value: () => 1 }));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toContain('entries.setCell');
    expect(error.message).toContain('could not be cloned');
  });

  it('forwards known commands without the IPC event', async () => {
    const bridge = await loadBridge();
    const received: unknown[][] = [];
    bridge.onCommand((...args: unknown[]) => received.push(args));

    emitCommand('undo');
    emitCommand('flush');
    expect(received).toEqual([['undo'], ['flush']]);
  });

  it('drops unknown commands', async () => {
    const bridge = await loadBridge();
    const received: unknown[] = [];
    bridge.onCommand((command) => received.push(command));

    emitCommand('format-disk');
    emitCommand({ command: 'undo' });
    emitCommand();
    expect(received).toEqual([]);
  });

  it('stops forwarding after unsubscribe', async () => {
    const bridge = await loadBridge();
    const received: unknown[] = [];
    const unsubscribe = bridge.onCommand((command) => received.push(command));

    unsubscribe();
    emitCommand('redo');
    expect(received).toEqual([]);
    expect(electronFake.listeners.get(IPC_COMMAND_CHANNEL)?.size).toBe(0);
  });

  it('rejects a listener that is not a function', async () => {
    const bridge = await loadBridge();
    expect(() => bridge.onCommand('undo' as unknown as () => void)).toThrow(TypeError);
  });

  it('confirms a flush on the flushed channel', async () => {
    const bridge = await loadBridge();
    bridge.flushed();
    expect(electronFake.send).toHaveBeenCalledWith(IPC_FLUSHED_CHANNEL);
  });
});
