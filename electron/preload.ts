import { contextBridge, ipcRenderer } from 'electron';
import { isApiMethodName } from '../shared/api/methods.js';
import { IPC_CALL_CHANNEL, IPC_COMMAND_CHANNEL, IPC_FLUSHED_CHANNEL, SHELL_COMMANDS, type CallEnvelope, type PlannerBridge, type ShellCommand } from '../shared/api/transport.js';

/**
 * Exposes `window.planner` to the sandboxed renderer. The page gets three functions and never
 * `ipcRenderer` or an IPC event, so it can only send API calls and receive menu commands.
 * `scripts/build-electron.mjs` bundles this file into one CommonJS file, because a sandboxed
 * preload can `require` only `electron` and a few Node built-ins.
 */

/** The part of `ipcRenderer` the bridge uses. */
export interface BridgeIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  send(channel: string, ...args: unknown[]): void;
}

function rejected(message: string): CallEnvelope {
  return { ok: false, error: { code: 'invalid-input', message } };
}

function isShellCommand(value: unknown): value is ShellCommand {
  return typeof value === 'string' && (SHELL_COMMANDS as readonly string[]).includes(value);
}

/** Builds the bridge over an `ipcRenderer`-like object; exported so tests can pass a fake one. */
export function createPlannerBridge(ipc: BridgeIpc): PlannerBridge {
  return {
    async call(method: string, input: unknown): Promise<CallEnvelope> {
      // Rejecting unknown names here keeps them off the IPC channel; the main process checks again.
      if (!isApiMethodName(method)) {
        return rejected(`Unknown API method ${JSON.stringify(method)?.slice(0, 80) ?? String(method)}.`);
      }
      try {
        return (await ipc.invoke(IPC_CALL_CHANNEL, method, input)) as CallEnvelope;
      } catch (error) {
        // invoke rejects when the input cannot be cloned (a function, a DOM node) or the main process has no handler.
        return rejected(`The call to ${method} could not be sent to the main process: ${(error as Error).message}`);
      }
    },

    onCommand(listener: (command: ShellCommand) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('onCommand needs a listener function.');
      const forward = (_event: unknown, command: unknown) => {
        if (isShellCommand(command)) listener(command);
      };
      ipc.on(IPC_COMMAND_CHANNEL, forward);
      return () => {
        ipc.removeListener(IPC_COMMAND_CHANNEL, forward);
      };
    },

    flushed(): void {
      ipc.send(IPC_FLUSHED_CHANNEL);
    },
  };
}

contextBridge.exposeInMainWorld('planner', createPlannerBridge(ipcRenderer));
