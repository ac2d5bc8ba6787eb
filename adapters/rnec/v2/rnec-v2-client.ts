import type { AxiosInstance } from 'axios';
import type { z } from 'zod';
import { AdapterError, parseJsonBody, parsePayload, reclassifyCutBody, sendHttp, statusError, type CallPolicy, type HttpCall, type HttpReply } from '../../shared/index.js';
import { rnecCodeError } from '../rnec-errors.js';
import { problemV2Schema } from './rnec-v2-payloads.js';

export interface RnecV2Client {
  /** One call through the system's policy; its payload checked against `schema`, every failure an AdapterError. */
  call<S extends z.ZodType>(call: HttpCall, schema: S): Promise<z.infer<S>>;
}

/** RNEC v2 over the shared axios transport and the policy given (the same one as SOAP's, in normal routing). */
export function createRnecV2Client({ http, policy }: { http: AxiosInstance; policy: CallPolicy }): RnecV2Client {
  return {
    call: (call, schema) =>
      sendHttp(http, policy, call, (reply) => parsePayload('rnec', call.operation, schema, readV2Reply(call.operation, reply))).catch((error: unknown) => {
        throw reclassifyCutBody(error);
      }),
  };
}

const isProblem = (reply: HttpReply) => /^application\/problem\+json\b/i.test(reply.headers['content-type'] ?? '');

/**
 * v2's statuses and problem documents → its payload, or the AdapterError they mean, with the same codes as the SOAP
 * path: the register's code (`PERSONNE_INTROUVABLE`…) decides when there is one, the status otherwise.
 */
export function readV2Reply(operation: string, reply: HttpReply): unknown {
  if (reply.status >= 200 && reply.status < 300) {
    const body = parseJsonBody('rnec', operation, reply);
    // A problem relayed with a 200 by a front proxy: the register failed.
    if (isProblem(reply)) throw problemError(operation, reply, body);
    return body;
  }
  if (reply.status === 503 || reply.status === 429) throw statusError('rnec', operation, reply);
  if (isProblem(reply)) throw problemError(operation, reply, safeJson(reply.body));
  if (reply.status === 404) {
    // A bare 404 is a wrong RNEC_V2_URL, not an unknown person.
    throw new AdapterError({ code: 'BACKEND_ERROR', system: 'rnec', operation, retryable: false, message: `HTTP 404 without a problem document: ${reply.body.slice(0, 120)}` });
  }
  throw statusError('rnec', operation, reply);
}

function problemError(operation: string, reply: HttpReply, body: unknown): AdapterError {
  const parsed = problemV2Schema.safeParse(body);
  const code = parsed.success ? parsed.data.code : undefined;
  const message = parsed.success ? (parsed.data.detail ?? parsed.data.title ?? null) : null;
  if (code === undefined && reply.status >= 500) return statusError('rnec', operation, reply);
  const error = rnecCodeError(operation, code ?? `HTTP_${reply.status}`, message);
  // A 5xx is the register's own failure whatever its code says: another try may work.
  return reply.status >= 500 && !error.retryable ? new AdapterError({ code: 'BACKEND_ERROR', system: 'rnec', operation, retryable: true, message: error.message }) : error;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
