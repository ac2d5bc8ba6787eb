import type { z } from 'zod';
import { createHttpClient, parseJsonBody, parsePayload, sendHttp, statusError, type CallPolicy, type HttpCall } from '../shared/index.js';
import { envelopeError } from './mines-errors.js';
import { errorEnvelope } from './legacy-payloads.js';

export interface MinesHttp {
  /** One call: transport through the policy, then JSON, the error envelope (any status), status and the payload's shape. */
  request<S extends z.ZodType>(call: HttpCall, schema: S): Promise<z.infer<S>>;
}

export function createMinesHttp(baseUrl: string, policy: CallPolicy, maxResponseBytes: number): MinesHttp {
  const client = createHttpClient({ baseUrl, headers: { accept: 'application/json' }, maxResponseBytes });
  return {
    request(call, schema) {
      // Read inside the policy: a 500 or an error inside a 200 counts as a failure of the attempt.
      return sendHttp(client, policy, call, (reply) => {
        const payload = parseJsonBody('mines', call.operation, reply);
        const failure = errorEnvelope.safeParse(payload);
        if (failure.success) throw envelopeError(call.operation, failure.data, reply);
        if (reply.status !== 200 && reply.status !== 201) throw statusError('mines', call.operation, reply);
        return parsePayload('mines', call.operation, schema, payload);
      });
    },
  };
}
