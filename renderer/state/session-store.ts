import { create } from 'zustand';
import type { ApiInput, SessionStatus } from '../../shared/api/contract.js';
import { api } from '../api/client.js';

interface SessionState {
  status: SessionStatus | null;
  error: string | null;
  refresh(): Promise<void>;
  setUp(input: ApiInput<'setup.init'>): Promise<void>;
  unlock(passphrase: string): Promise<void>;
}

/** The installation's state: set-up still needed, or the role and identity of its database. */
export const useSessionStore = create<SessionState>((set) => ({
  status: null,
  error: null,
  async refresh() {
    try {
      set({ status: await api['session.status']({}), error: null });
    } catch (error) {
      set({ error: (error as Error).message });
    }
  },
  async setUp(input) {
    await api['setup.init'](input);
    set({ status: await api['session.status']({}) });
  },
  async unlock(passphrase) {
    await api['key.unlock']({ passphrase });
    set({ status: await api['session.status']({}) });
  },
}));
