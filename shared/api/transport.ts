import type { ErrorCode } from './errors.js';
import { PlannerError } from './errors.js';

/**
 * Result of one call as every transport carries it back. Errors travel as data, because Electron's
 * `ipcRenderer.invoke` and HTTP both lose an exception's fields on the way.
 */
export type CallEnvelope = { ok: true; result: unknown } | { ok: false; error: { code: ErrorCode; message: string } };

/** IPC channel for API calls in the desktop app. */
export const IPC_CALL_CHANNEL = 'planner:call';
/** IPC channel on which the main process sends menu commands to the renderer. */
export const IPC_COMMAND_CHANNEL = 'planner:command';
/** IPC channel on which the renderer confirms it has committed pending edits. */
export const IPC_FLUSHED_CHANNEL = 'planner:flushed';

/** Menu commands the main process sends to the renderer. */
export type ShellCommand = 'undo' | 'redo' | 'export-bundle' | 'export-key' | 'print' | 'check' | 'flush';
export const SHELL_COMMANDS: readonly ShellCommand[] = ['undo', 'redo', 'export-bundle', 'export-key', 'print', 'check', 'flush'];

/** HTTP path of API calls on the web host; the body is `{ method, input }`. */
export const HTTP_CALL_PATH = '/api/call';
/** Header that carries the web host's per-run token on API calls. */
export const TOKEN_HEADER = 'x-planner-token';
/**
 * Cookie that carries the token for the page's own assets after the first load. Browsers share
 * cookies across ports, so the name includes the port to keep two web hosts apart.
 */
export function tokenCookieName(port: number): string {
  return `planner_token_${port}`;
}

/**
 * The object the desktop app's preload script exposes as `window.planner`: one function for
 * calls and one to receive menu commands, never raw IPC.
 */
export interface PlannerBridge {
  call(method: string, input: unknown): Promise<CallEnvelope>;
  onCommand(listener: (command: ShellCommand) => void): () => void;
  flushed(): void;
}

/** Turns an envelope back into a result or a thrown PlannerError. */
export function unwrapEnvelope(envelope: CallEnvelope): unknown {
  if (envelope.ok) return envelope.result;
  throw new PlannerError(envelope.error.code, envelope.error.message);
}
