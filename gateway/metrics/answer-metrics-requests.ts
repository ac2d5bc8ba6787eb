import type { Registry } from 'prom-client';
import { isMetricsRequest, type MetricsReplyMessage } from '../workers/ipc-messages.js';

/** A worker's side of cluster-wide metrics: answers the primary's requests with its registry as JSON. */
export function answerMetricsRequests(registry: Registry): void {
  process.on('message', (message: unknown) => {
    if (!isMetricsRequest(message)) return;
    registry.getMetricsAsJSON().then(
      (metrics) => {
        const reply: MetricsReplyMessage = { kind: 'guichet.metrics-reply', id: message.id, metrics };
        process.send?.(reply);
      },
      () => {
        const reply: MetricsReplyMessage = { kind: 'guichet.metrics-reply', id: message.id, metrics: [] };
        process.send?.(reply);
      },
    );
  });
}
