import { createInternalTokenSigner, INTERNAL_TOKEN_HEADER, type Principal } from '../../../auth/index.js';
import type { MinistryCode } from '../../../schema/index.js';
import { OUTBOX_OUTCOMES_PATH, outboxOutcomesAnswerSchema, type OutboxOutcomesAnswer } from '../../shared/index.js';

/** One ministry subgraph's outbox, read as a feed of outcomes (`GET /internal/outbox-outcomes`). */
export interface OutboxOutcomeSource {
  /** Its key: the cursor saved per ministry. */
  readonly ministry: MinistryCode;
  /** Where it is read (logs). */
  readonly url: string;
  /** The outcomes after `after`, at most `limit`; `after` null: none, `next` is the head (where to start). */
  read(after: string | null, limit: number): Promise<OutboxOutcomesAnswer>;
}

/** A ministry subgraph's outbox to read: its registry code and the subgraph's URL (its `/graphql`, or any path). */
export interface ConfiguredOutbox {
  readonly ministry: MinistryCode;
  readonly subgraphUrl: string;
}

export interface HttpOutboxOutcomeSourceOptions extends ConfiguredOutbox {
  /** The internal token secret the subgraphs verify (`INTERNAL_TOKEN_SECRET`). */
  readonly internalTokenSecret: string;
  readonly timeoutMs: number;
}

/** Who the supervision subgraph is on the subgraphs' internal routes: no person, a Guichet service. */
const supervisionService: Principal = { subject: 'guichet-supervision', role: 'anonymous', scopes: [], clientId: 'guichet-supervision' };

/** Reads a ministry subgraph's outcomes over HTTP with a fresh internal token; any failure throws (the poll retries). */
export function createHttpOutboxOutcomeSource(options: HttpOutboxOutcomeSourceOptions): OutboxOutcomeSource {
  const { ministry, subgraphUrl, timeoutMs } = options;
  const signer = createInternalTokenSigner({ secret: options.internalTokenSecret });
  const endpoint = new URL(OUTBOX_OUTCOMES_PATH, subgraphUrl);
  return {
    ministry,
    url: endpoint.href,
    async read(after, limit) {
      const url = new URL(endpoint);
      if (after !== null) url.searchParams.set('after', after);
      url.searchParams.set('limit', String(limit));
      const response = await fetch(url, { headers: { [INTERNAL_TOKEN_HEADER]: await signer.sign(supervisionService, {}), accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
      if (!response.ok) {
        await response.body?.cancel();
        throw new Error(`${url.pathname}: HTTP ${response.status}`);
      }
      return outboxOutcomesAnswerSchema.parse(await response.json());
    },
  };
}
