import type { Logger } from '../../lib/log/index.js';
import { prepareSupergraph, SupergraphRefusedError, type LoadedSupergraph, type SupergraphRules } from './prepare-supergraph.js';
import type { ReloadOutcome, SupergraphMetrics } from './supergraph-metrics.js';

/** What the gateway builds from one supergraph; the served gateway knows only its supergraph. */
export interface ServedGeneration {
  readonly supergraph: LoadedSupergraph;
}

/** What asks for a reload: the file changed, SIGHUP, or a polled URL answered a new text (`sdl`). */
export interface SupergraphChange {
  readonly trigger: 'file' | 'signal' | 'url';
  /** The new text when the trigger carries it (a polled URL); otherwise the file is read again. */
  readonly sdl?: string;
  /** Where the text comes from, for logs (a path or a URL). */
  readonly source?: string;
}

export interface ServedGatewayOptions<G extends ServedGeneration> {
  readonly initial: LoadedSupergraph;
  readonly rules: SupergraphRules;
  /** Builds and starts a gateway on a checked supergraph; throws when it cannot (the supergraph is then refused). */
  readonly build: (supergraph: LoadedSupergraph) => Promise<G>;
  /** Stops a gateway nobody uses any more and closes what it holds (server, plan cache, connection pools). */
  readonly release: (generation: G) => Promise<void>;
  /** Reads the supergraph file again (for changes that carry no text). */
  readonly readFile: () => { readonly sdl: string; readonly source: string };
  readonly metrics: SupergraphMetrics;
  readonly log: Logger;
}

export interface ServedGateway<G extends ServedGeneration> {
  /** Builds and starts the gateway on the initial supergraph. */
  start(): Promise<void>;
  /** The gateway new requests go to. */
  current(): G;
  /**
   * Runs one request on the current gateway, which is kept alive until `work` settles: a reload meanwhile sends the
   * next requests to the new gateway, and this one finishes on the schema and plans it started with.
   */
  serve<T>(work: (generation: G) => Promise<T>): Promise<T>;
  /** Checks, builds and swaps in a new supergraph; one reload at a time, in the order asked. Never rejects. */
  reload(change: SupergraphChange): Promise<ReloadOutcome>;
  /** Releases every gateway, waiting for none (call once the HTTP server has drained). */
  close(): Promise<void>;
}

interface Slot<G> {
  readonly generation: G;
  inFlight: number;
  retired: boolean;
}

/**
 * The gateway on the supergraph being served, replaced whole by a reload: the new one is built and started beside the
 * old (a supergraph that does not build is refused before anyone sees it), new requests go to it, and the old one is
 * released once its last request has answered. Rebuilding rather than updating ApolloGateway in place keeps every
 * request on one schema and one plan from start to end, and leaves nothing of the old supergraph reachable (its
 * schema, query planner, plan cache, data sources) once released.
 */
export function createServedGateway<G extends ServedGeneration>(options: ServedGatewayOptions<G>): ServedGateway<G> {
  const { rules, build, release, readFile, metrics, log } = options;
  let slot: Slot<G> | undefined;
  const draining = new Set<Slot<G>>();
  const releasing = new Set<Promise<void>>();
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;
  metrics.watchDraining(() => draining.size);

  const releaseSlot = (old: Slot<G>) => {
    draining.delete(old);
    const done = release(old.generation)
      .catch((error: unknown) => log.error({ err: error, hash: old.generation.supergraph.hash }, 'could not release a replaced gateway'))
      .finally(() => releasing.delete(done));
    releasing.add(done);
  };

  const retire = (old: Slot<G>) => {
    old.retired = true;
    draining.add(old);
    if (old.inFlight === 0) releaseSlot(old);
  };

  const swap = async (change: SupergraphChange): Promise<ReloadOutcome> => {
    const served = slot;
    if (served === undefined || closed) return 'unchanged';
    const current = served.generation.supergraph;
    let text: { readonly sdl: string; readonly source: string };
    try {
      text = change.sdl === undefined ? readFile() : { sdl: change.sdl, source: change.source ?? change.trigger };
    } catch (error) {
      // The file may be gone for an instant while an editor replaces it: the next event reads it again.
      log.error({ trigger: change.trigger, reason: error instanceof Error ? error.message : String(error), serving: current.hash }, 'supergraph reload refused; still serving the previous one');
      return 'refused';
    }
    let next: LoadedSupergraph;
    try {
      ({ supergraph: next } = prepareSupergraph(text.sdl, text.source, rules, current));
    } catch (error) {
      if (!(error instanceof SupergraphRefusedError)) throw error;
      log.error({ trigger: change.trigger, reason: error.message, serving: current.hash }, 'supergraph reload refused; still serving the previous one');
      return 'refused';
    }
    if (next.hash === current.hash) return 'unchanged';
    let generation: G;
    try {
      generation = await build(next);
    } catch (error) {
      const reason = `${text.source}: the gateway could not load it (${error instanceof Error ? error.message : String(error)})`;
      log.error({ trigger: change.trigger, reason, serving: current.hash }, 'supergraph reload refused; still serving the previous one');
      return 'refused';
    }
    if (closed) {
      await release(generation);
      return 'unchanged';
    }
    slot = { generation, inFlight: 0, retired: false };
    metrics.serving(next.hash);
    retire(served);
    log.info({ trigger: change.trigger, source: text.source, from: current.hash, to: next.hash, subgraphs: next.subgraphs.map((s) => s.name) }, 'supergraph reloaded');
    return 'applied';
  };

  return {
    async start() {
      slot = { generation: await build(options.initial), inFlight: 0, retired: false };
      metrics.serving(options.initial.hash);
    },
    current() {
      if (slot === undefined) throw new Error('the gateway is not started');
      return slot.generation;
    },
    async serve(work) {
      const held = slot;
      if (held === undefined) throw new Error('the gateway is not started');
      held.inFlight++;
      try {
        return await work(held.generation);
      } finally {
        held.inFlight--;
        if (held.retired && held.inFlight === 0 && draining.has(held)) releaseSlot(held);
      }
    },
    reload(change) {
      const outcome = queue
        .then(() => swap(change))
        .catch((error: unknown): ReloadOutcome => {
          log.error({ err: error, trigger: change.trigger }, 'supergraph reload failed; still serving the previous one');
          return 'refused';
        });
      queue = outcome;
      return outcome.then((result) => {
        metrics.reloaded(result);
        return result;
      });
    },
    async close() {
      closed = true;
      await queue;
      for (const old of [...draining]) releaseSlot(old);
      if (slot !== undefined) {
        const last = slot;
        slot = undefined;
        await release(last.generation);
      }
      await Promise.all(releasing);
    },
  };
}
