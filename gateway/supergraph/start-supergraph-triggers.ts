import type { Logger } from '../../lib/log/index.js';
import { pollSupergraphUrl } from './poll-supergraph-url.js';
import type { SupergraphChange } from './served-gateway.js';
import { watchSupergraphFile } from './watch-supergraph-file.js';

export interface SupergraphTriggersOptions {
  /** The supergraph file (SUPERGRAPH_PATH). */
  readonly path: string;
  /** Watch the file (off when a URL is polled). */
  readonly watch: boolean;
  /** Poll this URL; SIGHUP then polls it at once. */
  readonly url: string | undefined;
  readonly pollIntervalMs: number;
  readonly log: Logger;
  /** Debounce of the file's events (tests shorten it). */
  readonly watchDebounceMs?: number;
}

/**
 * Whatever asks this process (a single gateway, or a cluster's primary which relays to its workers) to reload:
 * SIGHUP, the file changing, a polled URL with a new text. With a URL the URL is the one source: SIGHUP polls it.
 * Returns a function that stops them all (and gives SIGHUP back its default).
 */
export function startSupergraphTriggers(options: SupergraphTriggersOptions, onChange: (change: SupergraphChange) => void): () => void {
  const { path, url, log } = options;
  const poller = url === undefined ? undefined : pollSupergraphUrl({ url, intervalMs: options.pollIntervalMs, log }, (sdl) => onChange({ trigger: 'url', sdl, source: url }));
  const stopWatching = options.watch && poller === undefined ? watchSupergraphFile(path, () => onChange({ trigger: 'file', source: path }), log, options.watchDebounceMs) : () => undefined;
  const onSignal = () => {
    log.info({ source: url ?? path }, 'SIGHUP: reloading the supergraph');
    if (poller === undefined) onChange({ trigger: 'signal', source: path });
    else poller.pollNow();
  };
  process.on('SIGHUP', onSignal);
  return () => {
    process.off('SIGHUP', onSignal);
    stopWatching();
    poller?.close();
  };
}
