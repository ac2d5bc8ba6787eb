import { LRUCache } from 'lru-cache';
import { createFeedCoverage, type DossierEvent, type FeedRead } from '../../../events/index.js';
import type { LegacySystem } from '../../../schema/index.js';

export interface FeedFreshnessOptions {
  /** The ministry's system: the feed reads and events of the others are ignored. */
  readonly system: LegacySystem;
  /** Records kept at most (least recently used out first). */
  readonly maxEntries: number;
  /** A record is served only while the last feed read proving it is at most this old; else the legacy system answers. */
  readonly maxAgeMs: number;
  /**
   * How far this process's clock may be from the supervision subgraph's: a read's instant is widened by it on both
   * sides before it is compared with a feed read's interval (both processes' clocks meet there).
   */
  readonly clockSkewMs: number;
  /** Default `Date.now`. */
  readonly clock?: () => number;
}

/** A legacy read under way: the references it asked for, and those a feed read or event named meanwhile. */
export interface FreshnessTicket {
  readonly readMs: number;
  readonly references: readonly string[];
  readonly changed: Set<string>;
}

/** A kept record the feed proves unchanged, with the instant it is proven unchanged at (epoch ms, supervision's clock). */
export interface ProvenRecord<R> {
  readonly record: R;
  readonly asOfMs: number;
}

export interface FeedFreshness<R> {
  /** The kept record of `reference` if the feed reads prove it unchanged up to a read at most `maxAgeMs` old. */
  serve(reference: string): ProvenRecord<R> | undefined;
  /** A legacy read of `references` starts now. */
  begin(references: readonly string[]): FreshnessTicket;
  /** It answered: keep what it read, except what a feed read or event named while it ran. */
  finish(ticket: FreshnessTicket, records: ReadonlyMap<string, R>): void;
  /** It failed: nothing to keep. */
  abandon(ticket: FreshnessTicket): void;
  onFeedRead(read: FeedRead): void;
  onEvent(event: DossierEvent): void;
  /** The stream (re)connected, ended or reset: what was proven rests on reads this process may have missed. */
  forgetAll(): void;
  /** Records kept now. */
  size(): number;
}

interface Kept<R> {
  readonly record: R;
  readonly readMs: number;
}

/**
 * The rule that lets a status poll be answered without a legacy call. A record read from the legacy system at R is
 * served again only while (1) no feed read nor dossier event has named it since R began (it is dropped then, or
 * never kept if that happened during its read), and (2) the feed reads received form one unbroken interval
 * `(from, to]` with `from <= R <= to` — each read states every change in its own `(sinceMs, readMs]`, so an unbroken
 * union covering R up to `to` proves the dossier unchanged between R and `to` — and (3) `to` is at most `maxAgeMs`
 * old. Served records carry `to` as their `asOf`. Anything unproven goes to the legacy system.
 */
export function createFeedFreshness<R extends object>(options: FeedFreshnessOptions): FeedFreshness<R> {
  const { system, maxAgeMs, clockSkewMs, clock = Date.now } = options;
  const coverage = createFeedCoverage({ maxAgeMs, clockSkewMs, clock });
  const kept = new LRUCache<string, Kept<R>>({ max: options.maxEntries });
  // Bounded by the reads under way (one per concurrent request at most).
  const inFlight = new Map<string, Set<FreshnessTicket>>();

  const changed = (reference: string) => {
    kept.delete(reference);
    for (const ticket of inFlight.get(reference) ?? []) ticket.changed.add(reference);
  };
  const release = (ticket: FreshnessTicket) => {
    for (const reference of ticket.references) {
      const tickets = inFlight.get(reference);
      tickets?.delete(ticket);
      if (tickets?.size === 0) inFlight.delete(reference);
    }
  };

  return {
    serve(reference) {
      const entry = kept.get(reference);
      if (entry === undefined) return undefined;
      const asOfMs = coverage.provenAt(system, entry.readMs);
      return asOfMs === undefined ? undefined : { record: entry.record, asOfMs };
    },
    begin(references) {
      const ticket: FreshnessTicket = { readMs: clock(), references: [...references], changed: new Set() };
      for (const reference of references) {
        let tickets = inFlight.get(reference);
        if (tickets === undefined) inFlight.set(reference, (tickets = new Set()));
        tickets.add(ticket);
      }
      return ticket;
    },
    finish(ticket, records) {
      release(ticket);
      for (const [reference, record] of records) if (!ticket.changed.has(reference)) kept.set(reference, { record, readMs: ticket.readMs });
    },
    abandon: release,
    onFeedRead(read) {
      if (read.system !== system) return;
      for (const reference of read.references) changed(reference);
      coverage.onFeedRead(read);
    },
    onEvent(event) {
      if (event.system === system) changed(event.reference);
    },
    forgetAll() {
      kept.clear();
      coverage.reset();
      for (const tickets of inFlight.values()) for (const ticket of tickets) for (const reference of ticket.references) ticket.changed.add(reference);
    },
    size: () => kept.size,
  };
}
