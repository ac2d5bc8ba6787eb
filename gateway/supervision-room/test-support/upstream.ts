import { createServer, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { closeServer, listen, readBody } from '../../../lib/http/index.js';

/** What the fake gateway answers: an HTTP status and a GraphQL body. */
export interface UpstreamAnswer {
  readonly status: number;
  readonly body: unknown;
}

export interface ReceivedRequest {
  readonly authorization: string | undefined;
  readonly body: { operationName?: string; query?: string; variables?: { filter?: Record<string, string> } };
}

/** A stand-in for the gateway's `/graphql`: answers what `answer` says and records every request. */
export async function startTestUpstream(answer: (request: ReceivedRequest) => UpstreamAnswer) {
  const requests: ReceivedRequest[] = [];
  /** Every request's headers, in the same order. */
  const headers: IncomingHttpHeaders[] = [];
  const server = createServer(async (req: IncomingMessage, res) => {
    headers.push(req.headers);
    const received: ReceivedRequest = { authorization: req.headers.authorization, body: JSON.parse(await readBody(req)) as ReceivedRequest['body'] };
    requests.push(received);
    const { status, body } = answer(received);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  const url = await listen(server, '127.0.0.1', 0);
  return { graphqlUrl: `${url}/graphql`, requests, headers, close: () => closeServer(server, 100) };
}

/** Figures shaped like the contract's, with `total` and `asOf` to vary. */
export function figuresBody(total: number, asOf = '2026-11-23T08:00:00.000Z'): unknown {
  const figures = { total, byStatus: [], processingDaysP50: 3, processingDaysP90: 9, backlog: 1, backlogAgeDaysP50: 2, backlogAgeDaysMax: 5, beyondLegalDelayShare: 0.1, waitingOnCitizen: 0 };
  return {
    data: {
      supervision: { asOf, incomplete: false, unavailableSystems: [], totals: figures, byMinistry: [], byProcedure: [], byCommune: [], submittedPerDay: [], legacySystems: [] },
      procedures: [],
    },
  };
}

export const graphqlError = (code: string, status = 200): UpstreamAnswer => ({ status, body: { errors: [{ message: code, extensions: { code } }] } });
