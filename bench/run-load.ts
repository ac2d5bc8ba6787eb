import autocannon from 'autocannon';
import { INTERNAL_TOKEN_HEADER } from '../auth/index.js';
import type { CredentialPool } from './credential-pool.js';
import type { ScenarioRequest } from './scenarios.js';

export interface LoadRunOptions {
  /** GraphQL endpoint. */
  readonly url: string;
  /** Rotated through, one per request, starting at `offset`. */
  readonly requests: readonly ScenarioRequest[];
  readonly offset: number;
  readonly credentials: CredentialPool;
  /** Peers and subgraphs need the internal token; Guichet's gateway makes its own, as in production. */
  readonly sendInternalToken: boolean;
  readonly connections: number;
  readonly durationS: number;
  /** Prefix of every `x-request-id`. */
  readonly runId: string;
  /** Sent with every request (e.g. `cache-control: no-cache`: answered from the sources, not a cache). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** What one run of the load generator saw. */
export interface LoadFigures {
  /** Requests written, answered or not (those cut off by the end of the run included). */
  readonly sent: number;
  /** Responses received (any status). */
  readonly responses: number;
  readonly durationS: number;
  /** One latency per response, in ms. */
  readonly latenciesMs: number[];
  readonly non2xx: number;
  /** 2xx responses whose body carries GraphQL `errors`. */
  readonly graphqlErrors: number;
  /** Connection errors and timeouts: no response at all. */
  readonly transportErrors: number;
  /** A few distinct errors, to say what went wrong. */
  readonly errorSamples: string[];
}

const maxSamples = 4;

/**
 * One autocannon run at fixed connections for a fixed time. Every request gets the next body in rotation and a
 * unique `x-request-id`; every response body is checked for GraphQL errors (a substring test: parsing each one would
 * load the machine the targets run on).
 */
export function runLoad(options: LoadRunOptions): Promise<LoadFigures> {
  const { requests, credentials } = options;
  if (requests.length === 0) return Promise.reject(new Error('no request to send'));
  let sent = options.offset;
  const latenciesMs: number[] = [];
  const samples = new Set<string>();
  let graphqlErrors = 0;
  let non2xx = 0;
  const sample = (text: string) => {
    if (samples.size < maxSamples) samples.add(text);
  };
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.durationS,
        timeout: 30,
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => {
              const index = sent;
              sent += 1;
              const next = requests[index % requests.length] as ScenarioRequest;
              const credential = credentials.at(next.caller);
              const headers: Record<string, string> = { ...options.headers, 'content-type': 'application/json', 'x-request-id': `${options.runId}-${index}` };
              if (credential.authorization !== undefined) headers.authorization = credential.authorization;
              if (options.sendInternalToken) headers[INTERNAL_TOKEN_HEADER] = credential.internalToken;
              return { ...request, headers, body: next.body };
            },
            onResponse: (status, body) => {
              if (status < 200 || status > 299) {
                non2xx += 1;
                sample(`HTTP ${status}: ${body.slice(0, 160)}`);
              } else if (body.includes('"errors"')) {
                graphqlErrors += 1;
                sample(describeGraphQLErrors(body));
              }
            },
          },
        ],
      },
      (error: unknown, result: autocannon.Result) => {
        if (error) return reject(error instanceof Error ? error : new Error(String(error)));
        resolve({
          sent: result.requests.sent,
          responses: latenciesMs.length,
          durationS: result.duration,
          latenciesMs,
          non2xx,
          graphqlErrors,
          transportErrors: result.errors,
          errorSamples: [...samples],
        });
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      latenciesMs.push(responseTime);
    });
  });
}

/** `CODE: message` of the first error (enough to see why a target errs). */
function describeGraphQLErrors(body: string): string {
  try {
    const parsed = JSON.parse(body) as { errors?: { message?: unknown; extensions?: { code?: unknown } }[] };
    const first = parsed.errors?.[0];
    return `${String(first?.extensions?.code ?? 'no code')}: ${String(first?.message ?? '').slice(0, 160)}`;
  } catch {
    return `unparsable body: ${body.slice(0, 120)}`;
  }
}
