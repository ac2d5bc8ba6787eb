import type { z } from 'zod';
import { AdapterError, createHttpClient, reclassifyCutBody, parseJsonBody, parsePayload, sendHttp, statusError, type CallPolicy, type HttpCall, type HttpReply } from '../shared/index.js';
import { errorIn200Payload, errorPayload } from './legacy-payloads.js';

export interface CeetClient {
  /** Sends one call and returns its payload checked against `schema`; every CEET failure becomes an AdapterError. */
  call<S extends z.ZodType>(call: HttpCall, schema: S): Promise<z.infer<S>>;
}

export function createCeetClient({ baseUrl, apiKey, policy, maxResponseBytes }: { baseUrl: string; apiKey: string; policy: CallPolicy; maxResponseBytes?: number }): CeetClient {
  const http = createHttpClient({ baseUrl, headers: { 'x-api-key': apiKey, accept: 'application/json' }, ...(maxResponseBytes !== undefined ? { maxResponseBytes } : {}) });
  return {
    async call(call, schema) {
      // Read inside the policy: a 500 or an error inside a 200 counts as a failure of the attempt.
      return sendHttp(http, policy, call, (reply) => parsePayload('ceet', call.operation, schema, readReply(call.operation, reply))).catch((error: unknown) => {
        throw reclassifyCutBody(error);
      });
    },
  };
}

/** CEET's statuses and bodies → its JSON payload, or the AdapterError they mean. */
export function readReply(operation: string, reply: HttpReply): unknown {
  if (reply.status >= 200 && reply.status < 300) {
    const body = parseJsonBody('ceet', operation, reply);
    const inner = errorIn200Payload.safeParse(body);
    if (inner.success) throw ceetError(operation, inner.data.erreur, inner.data.message, reply.status);
    return body;
  }
  if (reply.status === 401 || reply.status === 403) {
    // Our key is wrong or missing: an operator must fix CEET_API_KEY; calling again will not help.
    throw new AdapterError({ code: 'BACKEND_ERROR', system: 'ceet', operation, retryable: false, message: `API key refused (HTTP ${reply.status}): check CEET_API_KEY` });
  }
  const error = errorPayload.safeParse(safeJson(reply.body));
  if (reply.status === 404 || reply.status === 400 || reply.status === 422) {
    if (error.success) throw ceetError(operation, error.data.erreur, error.data.message, reply.status);
    // A bare 404 is a wrong base URL or route, not an unknown request.
    throw new AdapterError({ code: 'BACKEND_ERROR', system: 'ceet', operation, retryable: false, message: `HTTP ${reply.status} without a CEET error body: ${reply.body.slice(0, 120)}` });
  }
  throw statusError('ceet', operation, reply);
}

/** CEET's own error codes, in a 4xx or inside a 200. */
function ceetError(operation: string, code: string, message: string | undefined, status: number): AdapterError {
  const detail = `${code} (HTTP ${status}): ${message ?? ''}`;
  if (code === 'DEMANDE_INTROUVABLE') {
    return new AdapterError({ code: 'NOT_FOUND', system: 'ceet', operation, retryable: false, message: detail, userMessage: 'Demande de raccordement introuvable.' });
  }
  if (status === 400 || status === 422) {
    return new AdapterError({ code: 'BAD_USER_INPUT', system: 'ceet', operation, retryable: false, message: detail, userMessage: message ?? 'La CEET a refusé les données de la demande.' });
  }
  // Anything else CEET reports (ERREUR_INTERNE inside a 200…) is a server-side failure.
  return new AdapterError({ code: 'BACKEND_ERROR', system: 'ceet', operation, retryable: true, message: detail });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
