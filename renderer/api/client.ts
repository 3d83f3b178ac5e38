import { createApiClient, type ApiClient, type ApiMethod } from '../../shared/api/contract.js';
import { HTTP_CALL_PATH, TOKEN_HEADER, unwrapEnvelope, type CallEnvelope, type PlannerBridge } from '../../shared/api/transport.js';
import { PlannerError } from '../../shared/api/errors.js';

declare global {
  interface Window {
    /** Set by the desktop app's preload script; absent when the web host serves the page. */
    planner?: PlannerBridge;
  }
}

function bridgeTransport(bridge: PlannerBridge) {
  return async (method: ApiMethod, input: unknown) => unwrapEnvelope(await bridge.call(method, input));
}

/** Calls the loopback web host, which requires the per-run token from the page URL on every call. */
function httpTransport(token: string) {
  return async (method: ApiMethod, input: unknown) => {
    let response: Response;
    try {
      response = await fetch(HTTP_CALL_PATH, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify({ method, input }),
      });
    } catch (error) {
      throw new PlannerError('internal', `The planner service cannot be reached (${(error as Error).message}).`);
    }
    let envelope: CallEnvelope;
    try {
      envelope = (await response.json()) as CallEnvelope;
    } catch {
      throw new PlannerError('internal', `The planner service returned HTTP ${response.status} without a result.`);
    }
    return unwrapEnvelope(envelope);
  };
}

function createClient(): ApiClient {
  if (window.planner) return createApiClient(bridgeTransport(window.planner));
  const token = new URL(window.location.href).searchParams.get('token') ?? '';
  return createApiClient(httpTransport(token));
}

export const api: ApiClient = createClient();
