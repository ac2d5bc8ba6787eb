import { createInternalTokenSigner, type Principal } from '../../auth/index.js';
import { followDossierEvents } from '../../events/index.js';
import type { Logger } from '../../lib/log/index.js';
import { createFeedProof, type FeedProof } from './feed-proof.js';
import type { FeedProofSettings } from './feed-proof-config.js';

/** Who reads the stream: the gateway's shared reads, for every system's feed reads and events. */
const streamReader: Principal = { subject: 'guichet-gateway-feed-proof', role: 'supervisor', scopes: ['supervisor', 'supervision:read'], clientId: 'guichet-gateway' };

export interface RunningFeedProof {
  readonly proof: FeedProof;
  /** Whether the stream is connected now. */
  connected(): boolean;
  close(): Promise<void>;
}

/**
 * Follows the supervision subgraph's stream (new events and feed reads only: nothing proven survives a reconnection)
 * into this process's proof rule. Each gateway process follows it itself. While it is down nothing is proven, and a
 * citizen's dossiers are asked of their ministry as if nothing were kept.
 */
export function startFeedProof(settings: FeedProofSettings, internalTokenSecret: string, log: Logger): RunningFeedProof {
  const proof = createFeedProof({ maxAgeMs: settings.maxAgeMs, clockSkewMs: settings.clockSkewMs, maxOwners: settings.maxOwners });
  const signer = createInternalTokenSigner({ secret: internalTokenSecret });
  const stop = new AbortController();
  let isConnected = false;
  const running = followDossierEvents({
    url: settings.streamUrl,
    internalToken: () => signer.sign(streamReader, { operationName: 'feedProof' }),
    after: () => undefined,
    onEvent: (event) => proof.onEvent(event),
    onFeedRead: (read) => proof.onFeedRead(read),
    onReset: () => proof.forgetAll(),
    onConnection: (connected) => {
      isConnected = connected;
      proof.forgetAll();
    },
    idleTimeoutMs: settings.idleTimeoutMs,
    signal: stop.signal,
    log,
  });
  return {
    proof,
    connected: () => isConnected,
    async close() {
      stop.abort();
      await running;
    },
  };
}
