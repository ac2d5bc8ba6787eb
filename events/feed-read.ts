import { z } from 'zod';
import { legacySystems, type LegacySystem } from '../schema/index.js';

/** The SSE event name of a feed read on the internal stream (sent only to readers that ask: `?feedReads=1`). */
export const FEED_READ_EVENT = 'feed-read';

/** The query parameter a reader of the internal stream sets to receive feed reads. */
export const FEED_READS_PARAMETER = 'feedReads';

/**
 * One successful read of one system's change feed, as the supervision subgraph made it: every dossier whose legacy
 * `updatedAt` is in `(sinceMs, readMs]` is in `references` (and some before, the feed's overlap). It is what proves a
 * dossier unchanged: read at R with `sinceMs <= R <= readMs` and not listed, it did not change between R and `readMs`.
 * Ephemeral (not in the event log): a reader that missed one only proves less until the next one.
 */
export interface FeedRead {
  readonly system: LegacySystem;
  /** Epoch ms: the lower bound of the changes read (the feed's cursor minus its overlap). */
  readonly sinceMs: number;
  /** Epoch ms (the supervision subgraph's clock): when the read started; every change made before it is listed. */
  readonly readMs: number;
  /** The graph references the feed listed (changed, or re-read in its overlap). */
  readonly references: readonly string[];
  /**
   * The NIUs owning those dossiers, each once: what a cache of a citizen's answers (the gateway's shared reads) drops.
   * Internal like the rest of the stream (never sent to a client). Empty from a writer older than this field.
   */
  readonly owners: readonly string[];
}

const [firstSystem, ...otherSystems] = legacySystems;

/** Parses a `FeedRead` (the `data:` of an SSE `feed-read` event). */
export const feedReadSchema: z.ZodType<FeedRead> = z.object({
  system: z.enum([firstSystem as LegacySystem, ...otherSystems]),
  sinceMs: z.number().int().nonnegative(),
  readMs: z.number().int().nonnegative(),
  references: z.array(z.string().min(1)),
  owners: z.array(z.string().min(1)).default([]),
});
