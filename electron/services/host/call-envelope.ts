import { isPlannerError } from '../../../shared/api/errors.js';
import type { CallEnvelope } from '../../../shared/api/transport.js';
import type { Logger } from '../logger.js';

/** Anything that runs API calls, such as a PlannerSession. */
export interface CallTarget {
  call(method: unknown, input: unknown): Promise<unknown>;
}

/** Shortens a method name, whatever was sent, for messages and logs. */
export function describeMethod(method: unknown): string {
  return typeof method === 'string' ? method.slice(0, 80) : (JSON.stringify(method)?.slice(0, 80) ?? String(method));
}

/**
 * Runs one call and turns its result or error into the envelope every transport sends back. A
 * refusal keeps its message; any other error is logged with its stack and answered with
 * `internalMessage`, which names where the details are.
 */
export async function callForEnvelope(
  target: CallTarget,
  method: unknown,
  input: unknown,
  logger: Logger,
  internalMessage: (name: string) => string,
): Promise<CallEnvelope> {
  const name = describeMethod(method);
  try {
    return { ok: true, result: await target.call(method, input) };
  } catch (error) {
    if (isPlannerError(error)) {
      // The message can quote the input, such as a too-short passphrase, so only the code is logged.
      logger.info('API call rejected', { method: name, code: error.code });
      return { ok: false, error: { code: error.code, message: error.message } };
    }
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    logger.error('API call failed with an unexpected error', { method: name, stack });
    return { ok: false, error: { code: 'internal', message: internalMessage(name) } };
  }
}
