import fs from 'node:fs';
import { PlannerError } from '../../../shared/api/errors.js';
import { apiSchemas, describeInputError, isApiMethod, type ApiParsedInput, type CycleChoice, type KeyProtection, type SessionStatus } from '../../../shared/api/contract.js';
import { closeContext, openContext, type PlannerContext } from '../context.js';
import { databaseHandlers, isDatabaseMethod, type HostTools } from '../api/handlers.js';
import type { KeyStore } from '../keys.js';
import type { Logger } from '../logger.js';
import { PassphraseKeyStore } from '../passphrase-key-store.js';
import { listSeededCycles, loadCycleSeed } from '../seeds.js';
import { initDatabase } from '../setup.js';
import type { FileDialogs } from './dialogs.js';
import { PreviewStore } from './previews.js';

export interface SessionOptions {
  /** The installation's database file; it need not exist yet. */
  dbPath: string;
  seedsDir: string;
  logger: Logger;
  dialogs: FileDialogs;
  /** Store of the office key; `keyProtection` names how it protects the key. */
  keyStore: KeyStore;
  keyProtection: KeyProtection;
  actor?: string;
  /** Prints a report to PDF; the web host and the desktop app each bring their own engine. */
  savePdf?: HostTools['savePdf'];
}

/**
 * One installation as the user interface sees it: its database (or the set-up that creates it),
 * its key, and its file dialogs. Every transport (IPC in the app, HTTP in the web host) calls
 * `call`, which validates the method and input against the contract before anything runs.
 */
export class PlannerSession {
  private context: PlannerContext | null = null;
  private readonly previews = new PreviewStore();
  private cycleChoices: CycleChoice[] | null = null;

  constructor(private readonly options: SessionOptions) {
    if (fs.existsSync(options.dbPath)) this.open();
  }

  private open(): PlannerContext {
    this.context = openContext(this.options.dbPath, {
      logger: this.options.logger,
      keyStore: this.options.keyStore,
      ...(this.options.actor ? { actor: this.options.actor } : {}),
    });
    this.options.logger.info('database opened', { path: this.options.dbPath });
    return this.context;
  }

  /** The seeded cycles offered at set-up, read from disk on first use only, since seeds do not change while running. */
  private seededCycles(): CycleChoice[] {
    this.cycleChoices ??= listSeededCycles(this.options.seedsDir).map((code) => {
      const { cycle } = loadCycleSeed(this.options.seedsDir, code);
      return { code: cycle.code, label: cycle.label, regions: cycle.regions.map((r) => ({ code: r.code, name: r.name })) };
    });
    return this.cycleChoices;
  }

  status(): SessionStatus {
    const cycles = this.seededCycles();
    const store = this.options.keyStore;
    const keyUnlocked = store instanceof PassphraseKeyStore ? store.isUnlocked() : true;
    if (!this.context) return { state: 'setup', profile: null, cycles, keyProtection: this.options.keyProtection, keyUnlocked };
    const profile = databaseHandlers['profile.get'](this.context, {}, this.tools()) as SessionStatus['profile'];
    return { state: 'ready', profile, cycles, keyProtection: this.options.keyProtection, keyUnlocked };
  }

  private setup(input: ApiParsedInput<'setup.init'>) {
    if (this.context) throw new PlannerError('invalid-input', `This installation is already set up with ${this.options.dbPath}.`);
    if (input.role === 'office' && !input.office) throw new PlannerError('invalid-input', 'An office needs its id, name and region.');
    const store = this.options.keyStore;
    if (input.role === 'office' && store instanceof PassphraseKeyStore) {
      if (!input.passphrase) {
        throw new PlannerError('invalid-input', 'This computer has no protected key store, so the office key needs a passphrase of at least 10 characters.');
      }
      store.usePassphrase(input.passphrase);
    }
    initDatabase({
      path: this.options.dbPath,
      role: input.role,
      cycle: input.cycle,
      ...(input.office ? { office: input.office } : {}),
      seedsDir: this.options.seedsDir,
      logger: this.options.logger,
      keyStore: store,
    });
    const context = this.open();
    return databaseHandlers['profile.get'](context, {}, this.tools());
  }

  /** Validates and runs one API call. Refusals are PlannerErrors that name the field and the value. */
  async call(method: unknown, input: unknown): Promise<unknown> {
    if (!isApiMethod(method)) {
      throw new PlannerError('invalid-input', `Unknown API method ${JSON.stringify(method)?.slice(0, 80) ?? String(method)}.`);
    }
    const parsed = apiSchemas[method].safeParse(input ?? {});
    if (!parsed.success) throw new PlannerError('invalid-input', describeInputError(method, parsed.error, input));

    if (method === 'session.status') return this.status();
    if (method === 'setup.init') return this.setup(parsed.data as ApiParsedInput<'setup.init'>);
    if (method === 'key.unlock') {
      const store = this.options.keyStore;
      if (!(store instanceof PassphraseKeyStore)) throw new PlannerError('invalid-input', 'This installation does not protect its key with a passphrase.');
      store.unlock((parsed.data as ApiParsedInput<'key.unlock'>).passphrase);
      return { unlocked: true };
    }
    if (!isDatabaseMethod(method)) throw new PlannerError('internal', `No handler for ${method}.`);
    if (!this.context) throw new PlannerError('setup-required', 'This installation is not set up yet; choose office or headquarters first.');
    const handler = databaseHandlers[method] as (context: PlannerContext, input: unknown, host: HostTools) => unknown;
    return await handler(this.context, parsed.data, this.tools());
  }

  private tools(): HostTools {
    return { dialogs: this.options.dialogs, previews: this.previews, savePdf: this.options.savePdf ?? null };
  }

  close(): void {
    if (this.context) {
      closeContext(this.context);
      this.options.logger.info('database closed', { path: this.options.dbPath });
      this.context = null;
    }
  }
}
