import type { z } from 'zod';
import { createHttpClient, parseJsonBody, parsePayload, sendHttp, statusError, type CallPolicy, type HttpCall } from '../shared/index.js';
import { errorEnvelope } from './legacy-payloads.js';
import { envelopeError } from './urbanisme-errors.js';

export interface UrbanismeHttp {
  /** One call: transport through the policy, then status, JSON, the in-200 error envelope and the payload's shape. */
  request<S extends z.ZodType>(call: HttpCall, schema: S): Promise<z.infer<S>>;
}

export function createUrbanismeHttp(baseUrl: string, policy: CallPolicy, maxResponseBytes: number): UrbanismeHttp {
  const client = createHttpClient({ baseUrl, headers: { accept: 'application/json' }, maxResponseBytes });
  return {
    request(call, schema) {
      // Read inside the policy: a proxy 500 or an in-200 error counts as a failure of the attempt.
      return sendHttp(client, policy, call, (reply) => {
        // The application always answers 200: anything else comes from the proxy (HTML 500, 503 + Retry-After).
        if (reply.status !== 200) throw statusError('urbanisme', call.operation, reply);
        const payload = parseJsonBody('urbanisme', call.operation, reply);
        const failure = errorEnvelope.safeParse(payload);
        if (failure.success) throw envelopeError(call.operation, failure.data);
        return parsePayload('urbanisme', call.operation, schema, payload);
      });
    },
  };
}
