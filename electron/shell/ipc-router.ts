import type { CallEnvelope } from '../../shared/api/transport.js';
import type { Logger } from '../services/logger.js';
import { callForEnvelope, describeMethod, type CallTarget } from '../services/host/call-envelope.js';
import { checkSender, type SenderFrame } from './policy.js';

export type { CallTarget } from '../services/host/call-envelope.js';

/**
 * Runs one API call that arrived over IPC and returns its envelope, catching every error. A call
 * from any frame but the app's main page is rejected before the session sees it. A
 * PlannerError travels as its code and message. Any other error becomes 'internal' with a
 * generic message, and its stack goes only to the log.
 */
export async function handleCall(
  session: CallTarget,
  frame: SenderFrame | null,
  appEntryUrl: string,
  method: unknown,
  input: unknown,
  logger: Logger,
): Promise<CallEnvelope> {
  const name = describeMethod(method);
  const sender = checkSender(frame, appEntryUrl);
  if (!sender.ok) {
    logger.warn('rejected an API call from an untrusted sender', { method: name, reason: sender.reason });
    return { ok: false, error: { code: 'invalid-input', message: `Rejected the call to ${name}: ${sender.reason}.` } };
  }

  return callForEnvelope(session, method, input, logger, (failed) => `${failed} failed with an internal error; the details are in the app's log file.`);
}

/** How long the shell waits for the renderer to commit pending edits before closing anyway. */
export const FLUSH_TIMEOUT_MS = 3000;

export type FlushOutcome = 'flushed' | 'timed-out' | 'send-failed';

export interface FlushRequest {
  /** Sends the flush command to the renderer. */
  send(): void;
  /** Calls `onFlushed` when the renderer confirms, and returns a function that stops listening. */
  subscribe(onFlushed: () => void): () => void;
  timeoutMs: number;
  logger: Logger;
}

/**
 * Asks the renderer to commit its pending edits and waits for the confirmation. It resolves
 * on the confirmation or after `timeoutMs` and never rejects, because a renderer that hangs
 * or has crashed must not keep the window from closing. A timeout or a failed send is logged.
 */
export function requestFlush(request: FlushRequest): Promise<FlushOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const cleanups: (() => void)[] = [];
    const finish = (outcome: FlushOutcome) => {
      if (settled) return;
      settled = true;
      for (const cleanup of cleanups) cleanup();
      resolve(outcome);
    };

    const timer = setTimeout(() => {
      request.logger.warn('the window did not confirm saving its edits in time; closing anyway', { timeoutMs: request.timeoutMs });
      finish('timed-out');
    }, request.timeoutMs);
    cleanups.push(() => clearTimeout(timer));
    const stopListening = request.subscribe(() => finish('flushed'));
    if (settled) stopListening();
    else cleanups.push(stopListening);

    try {
      request.send();
    } catch (error) {
      request.logger.error('could not ask the window to save its edits; closing anyway', { error: (error as Error).message });
      finish('send-failed');
    }
  });
}
