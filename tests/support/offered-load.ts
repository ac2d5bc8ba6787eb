import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';

/** What one request of an offered load got: an HTTP answer, or none (connection reset, no answer in time). */
export interface LoadOutcome {
  readonly status: number | 'reset' | 'no answer';
  /** From sending the request to the end of its body. */
  readonly elapsedMs: number;
  readonly retryAfter: string | null;
  readonly body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } | undefined;
}

export interface OfferedLoadOptions {
  readonly url: string;
  /** Clients sending at once, each in a closed loop (the next request when the previous one is answered). */
  readonly clients: number;
  readonly durationMs: number;
  /** The body and headers client `client` sends. */
  readonly request: (client: number) => { readonly body: string; readonly headers: Readonly<Record<string, string>> };
  /** Beyond this a request counts as `no answer` (a hang). */
  readonly noAnswerAfterMs: number;
}

/**
 * Offers a closed-loop load: `clients` concurrent clients for `durationMs`, each on a connection of its own (a
 * private pool, destroyed afterwards). A client refused with `Retry-After` waits that long, jittered (half to all of
 * it), as a well-behaved client would, before its next request. Bounded in count and time; loopback only.
 */
export async function offerLoad({ url, clients, durationMs, request: build, noAnswerAfterMs }: OfferedLoadOptions): Promise<LoadOutcome[]> {
  const agent = new Agent({ connections: clients + 8, keepAliveTimeout: 30_000, headersTimeout: 0, bodyTimeout: 0 });
  const outcomes: LoadOutcome[] = [];
  const endAt = performance.now() + durationMs;
  const client = async (index: number) => {
    while (performance.now() < endAt) {
      const { body, headers } = build(index);
      const startedAt = performance.now();
      let outcome: LoadOutcome;
      try {
        const response = await request(url, { method: 'POST', body, headers, dispatcher: agent, signal: AbortSignal.timeout(noAnswerAfterMs) });
        const text = await response.body.text();
        let parsed: LoadOutcome['body'];
        try {
          parsed = JSON.parse(text) as LoadOutcome['body'];
        } catch {
          parsed = undefined;
        }
        const retryAfter = response.headers['retry-after'];
        outcome = { status: response.statusCode, elapsedMs: performance.now() - startedAt, retryAfter: typeof retryAfter === 'string' ? retryAfter : null, body: parsed };
      } catch (error) {
        const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
        outcome = { status: timedOut ? 'no answer' : 'reset', elapsedMs: performance.now() - startedAt, retryAfter: null, body: undefined };
      }
      outcomes.push(outcome);
      if (outcome.status === 503 && outcome.retryAfter !== null) await sleep(Number(outcome.retryAfter) * 1_000 * (0.5 + Math.random() / 2));
      else if (typeof outcome.status !== 'number') await sleep(200);
    }
  };
  try {
    await Promise.all(Array.from({ length: clients }, (_, index) => client(index)));
  } finally {
    await agent.destroy();
  }
  return outcomes;
}

/** Polls `GET <url>` every `intervalMs` until `stop` resolves; returns every answer's HTTP status and `status` field. */
export async function pollStatus(url: string, intervalMs: number, stop: Promise<unknown>): Promise<{ readonly http: number; readonly status: string }[]> {
  const seen: { http: number; status: string }[] = [];
  let stopped = false;
  void stop.finally(() => (stopped = true));
  while (!stopped) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      const body = (await response.json()) as { status?: unknown };
      seen.push({ http: response.status, status: String(body.status) });
    } catch {
      seen.push({ http: 0, status: 'no answer' });
    }
    await sleep(intervalMs);
  }
  return seen;
}
