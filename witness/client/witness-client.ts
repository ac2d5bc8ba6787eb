import type { JSONWebKeySet } from 'jose';
import type { CheckpointSubmission } from './checkpoint-statement.js';

/** The witness could not be asked (refused, timed out, answered 5xx or something unreadable). */
export class WitnessUnavailableError extends Error {
  constructor(what: string, reason: string) {
    super(`witness unavailable (${what}): ${reason}`);
    this.name = 'WitnessUnavailableError';
  }
}

/** What the witness said to a checkpoint. */
export type SubmitOutcome =
  /**
   * Signed and stored (or the same checkpoint again): the compact JWS. For a shared log, it may be a checkpoint
   * further along than the one sent (the witness had already signed past it): the writer must find it in its trail.
   */
  | { readonly kind: 'accepted'; readonly checkpoint: string }
  /** It does not extend what the witness signed for this log: the witness refused it and raised an alarm. */
  | { readonly kind: 'refused'; readonly error: 'rollback' | 'fork'; readonly reason: string; readonly witnessed?: { readonly seq: number; readonly hash: string } };

export interface CheckpointPage {
  /** Compact JWSs, ascending seq. */
  readonly checkpoints: readonly string[];
  /** `after` for the next page; null on the last. */
  readonly next: number | null;
}

export interface WitnessAlarm {
  readonly at: string;
  readonly kind: 'rollback' | 'fork';
  readonly seq: number;
  readonly witnessedSeq: number;
  readonly reason: string;
}

export interface WitnessClient {
  readonly url: string;
  readonly jwksUrl: URL;
  /** Needs the writer's token. */
  submit(checkpoint: CheckpointSubmission): Promise<SubmitOutcome>;
  /** The last signed checkpoint of a log, or undefined when the witness holds none. */
  latest(log: string): Promise<string | undefined>;
  /** Signed checkpoints with seq > `after`, ascending. */
  list(log: string, after: number, limit?: number): Promise<CheckpointPage>;
  /** Every signed checkpoint of a log, ascending, one page at a time (a long-lived log has many). */
  pages(log: string, pageSize?: number): AsyncIterable<readonly string[]>;
  /** Every signed checkpoint of a log, ascending, in memory: for short logs and tests. */
  all(log: string): Promise<readonly string[]>;
  /** Checkpoints the witness refused for a log, newest first. */
  alarms(log: string): Promise<readonly WitnessAlarm[]>;
  jwks(): Promise<JSONWebKeySet>;
}

export interface WitnessClientOptions {
  /** Base URL of the witness (`AUDIT_WITNESS_URL`). */
  readonly url: string;
  /** The writer's bearer token (`WITNESS_TOKEN`); reads need none. */
  readonly token?: string;
  /** Each call, connection to last byte. Default 2000. */
  readonly timeoutMs?: number;
}

/** The witness's HTTP API (docs/security.md, "The witness service"), over Node's fetch. */
export function createWitnessClient({ url, token, timeoutMs = 2_000 }: WitnessClientOptions): WitnessClient {
  const base = url.endsWith('/') ? url : `${url}/`;
  const call = async (what: string, path: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> => {
    let response: Response;
    try {
      response = await fetch(new URL(path, base), { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new WitnessUnavailableError(what, error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new WitnessUnavailableError(what, `HTTP ${response.status} with a body that is not JSON`);
    }
    if (response.status >= 500) throw new WitnessUnavailableError(what, `HTTP ${response.status}`);
    return { status: response.status, body };
  };
  const field = (body: unknown, name: string): unknown => (typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined);
  const query = (log: string, extra: Record<string, string> = {}) => new URLSearchParams({ log, ...extra }).toString();
  const client: WitnessClient = {
    url,
    jwksUrl: new URL('.well-known/jwks.json', base),
    async submit(checkpoint) {
      const { status, body } = await call('submit', 'checkpoints', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
        body: JSON.stringify(checkpoint),
      });
      const signed = field(body, 'checkpoint');
      if ((status === 200 || status === 201) && typeof signed === 'string') return { kind: 'accepted', checkpoint: signed };
      const error = field(body, 'error');
      if (status === 409 && (error === 'rollback' || error === 'fork')) {
        const witnessed = field(body, 'witnessed');
        const seq = field(witnessed, 'seq');
        const hash = field(witnessed, 'hash');
        return { kind: 'refused', error, reason: String(field(body, 'reason') ?? error), ...(typeof seq === 'number' && typeof hash === 'string' ? { witnessed: { seq, hash } } : {}) };
      }
      // 400 (our request is wrong) or 401 (our token is): nothing a retry fixes, but nothing witnessed either.
      throw new WitnessUnavailableError('submit', `HTTP ${status}: ${String(field(body, 'reason') ?? field(body, 'error') ?? 'unexpected answer')}`);
    },
    async latest(log) {
      const { status, body } = await call('latest', `checkpoints/latest?${query(log)}`);
      if (status === 404) return undefined;
      const signed = field(body, 'checkpoint');
      if (status !== 200 || typeof signed !== 'string') throw new WitnessUnavailableError('latest', `HTTP ${status}: unexpected answer`);
      return signed;
    },
    async list(log, after, limit = 1_000) {
      const { status, body } = await call('list', `checkpoints?${query(log, { after: String(after), limit: String(limit) })}`);
      const checkpoints = field(body, 'checkpoints');
      const next = field(body, 'next');
      if (status !== 200 || !Array.isArray(checkpoints) || !checkpoints.every((c) => typeof c === 'string') || !(next === null || typeof next === 'number')) {
        throw new WitnessUnavailableError('list', `HTTP ${status}: unexpected answer`);
      }
      return { checkpoints: checkpoints as string[], next };
    },
    async *pages(log, pageSize = 1_000) {
      for (let after: number | null = -1; after !== null; ) {
        const page: CheckpointPage = await client.list(log, after, pageSize);
        if (page.checkpoints.length > 0) yield page.checkpoints;
        if (page.next !== null && page.next <= after) throw new WitnessUnavailableError('list', 'pagination went backwards');
        after = page.next;
      }
    },
    async all(log) {
      const found: string[] = [];
      for await (const page of client.pages(log)) found.push(...page);
      return found;
    },
    async alarms(log) {
      const { status, body } = await call('alarms', `alarms?${query(log)}`);
      const alarms = field(body, 'alarms');
      if (status !== 200 || !Array.isArray(alarms)) throw new WitnessUnavailableError('alarms', `HTTP ${status}: unexpected answer`);
      return alarms as WitnessAlarm[];
    },
    async jwks() {
      const { status, body } = await call('jwks', '.well-known/jwks.json');
      const keys = field(body, 'keys');
      if (status !== 200 || !Array.isArray(keys)) throw new WitnessUnavailableError('jwks', `HTTP ${status}: unexpected answer`);
      return body as JSONWebKeySet;
    },
  };
  return client;
}
