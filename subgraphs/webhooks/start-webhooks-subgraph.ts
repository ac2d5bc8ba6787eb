import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { Counter, Gauge } from 'prom-client';
import { createInternalTokenSigner, type Principal } from '../../auth/index.js';
import type { Logger } from '../../lib/log/index.js';
import type { RunningService } from '../../lib/service/index.js';
import { createGatewayAuthenticator, startSubgraphServer } from '../shared/index.js';
import { buildWebhooksSchema } from './build-webhooks-schema.js';
import type { WebhooksConfig } from './config.js';
import { createWebhooksContext } from './context.js';
import { checkWebhookUrl, createTargetPolicy, generateWebhookSecret, sendWebhook, signWebhook } from './delivery/index.js';
import { startEventFanout } from './fan-out/index.js';
import { createSecretSealer } from './secrets/index.js';
import { openWebhookStore } from './store/index.js';
import { createWebhooksService } from './webhooks-service.js';
import { startDeliveryWorker, type AttemptResult } from './worker/index.js';

/** Who the webhooks subgraph is when it reads the internal event stream: a service, not a person. */
const streamReader: Principal = { subject: 'guichet-webhooks', role: 'supervisor', scopes: ['supervisor', 'supervision:read'], clientId: 'guichet-webhooks' };

/** How often finished deliveries older than the retention are deleted. */
const PRUNE_EVERY_MS = 60 * 60_000;

/**
 * The webhooks subgraph: the integrators' webhooks API, the fan-out of dossier events into durable deliveries, and
 * the worker that sends them. With `DATABASE_URL`, every replica does all three on the shared store: fan-out is
 * idempotent per (webhook, event), deliveries are leased.
 */
export async function startWebhooksSubgraph(config: WebhooksConfig, log: Logger): Promise<RunningService> {
  const { store, health } = await openWebhookStore(config, log);
  const sealer = createSecretSealer(config.secretKeys);
  const policy = createTargetPolicy({ allow: config.allowedTargets });
  const attempts = new Counter({ name: 'guichet_webhook_attempts_total', help: 'Webhook delivery attempts, by result (success, failure).', labelNames: ['result'], registers: [] });
  const send = async ({ delivery, webhook }: Parameters<Parameters<typeof startDeliveryWorker>[0]['send']>[0], at: number): Promise<AttemptResult> => {
    let secret: string;
    try {
      secret = sealer.open(webhook.sealedSecret);
    } catch (error) {
      log.error({ err: error, webhook: webhook.id }, 'webhook secret cannot be opened (WEBHOOKS_SECRET_KEY changed?)');
      return { statusCode: null, error: 'signing secret unavailable on the sender (operator notified)', durationMs: 0 };
    }
    const headers = { ...signWebhook({ id: delivery.id, timestamp: new Date(at), body: delivery.payload, secrets: [secret] }) };
    return sendWebhook({ url: webhook.url, headers, body: delivery.payload, timeoutMs: config.timeoutMs, policy, maxResponseBytes: config.maxResponseBytes, userAgent: 'Guichet-Webhooks/1.0' });
  };
  const worker = startDeliveryWorker({
    store,
    send,
    policy: { scheduleMs: config.retryScheduleMs, disableAfterMs: config.disableAfterMs },
    concurrency: config.concurrency,
    pollMs: config.pollMs,
    leaseMs: config.leaseMs,
    owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    log,
    onAttempt: (_, result) => attempts.inc({ result: result.error === null ? 'success' : 'failure' }),
  });
  const signer = createInternalTokenSigner({ secret: config.server.INTERNAL_TOKEN_SECRET });
  const fanout = await startEventFanout({
    store,
    url: config.eventsUrl,
    internalToken: () => signer.sign(streamReader, { operationName: 'webhooksFanout' }),
    idleTimeoutMs: config.eventsIdleTimeoutMs,
    onEnqueued: () => worker.wake(),
    log,
  }).catch(async (error: unknown) => {
    await worker.close();
    await store.close();
    throw error;
  });
  const service = createWebhooksService({
    store,
    sealer,
    checkUrl: (url) => checkWebhookUrl(url, policy),
    newSecret: generateWebhookSecret,
    maxPerOwner: config.maxPerOwner,
    onEnqueued: () => worker.wake(),
    onChanged: () => fanout.invalidate(),
  });
  const prune = () => {
    store.prune(Date.now() - config.retentionMs).then(
      (count) => count > 0 && log.info({ pruned: count }, 'webhook deliveries: older than the retention, pruned'),
      (error: unknown) => log.warn({ err: error }, 'webhook deliveries: pruning failed, retried later'),
    );
  };
  prune();
  const pruning = setInterval(prune, PRUNE_EVERY_MS);
  pruning.unref();
  const stopAll = async () => {
    clearInterval(pruning);
    await fanout.close();
    await worker.close();
    await store.close();
  };
  const authenticate = createGatewayAuthenticator(config.server.INTERNAL_TOKEN_SECRET);
  try {
    return await startSubgraphServer({
      name: 'webhooks',
      schema: await buildWebhooksSchema(),
      env: config.server,
      log,
      authenticate,
      context: async (caller) => createWebhooksContext(caller, service),
      readiness: async () => {
        const status = store.status();
        return { degraded: !fanout.connected() || !status.up, eventStream: fanout.connected() ? 'connected' : 'reconnecting', inFlight: worker.inFlight(), stores: [status] };
      },
      stores: [health],
      registerMetrics: (registry) => {
        registry.registerMetric(attempts);
        new Gauge({
          name: 'guichet_webhook_event_stream_connected',
          help: 'Whether this replica follows the dossier-event stream now (1) or is reconnecting (0).',
          registers: [registry],
          collect() {
            this.set(fanout.connected() ? 1 : 0);
          },
        });
      },
      onStopping: () => fanout.close(),
      onClose: stopAll,
    });
  } catch (error) {
    await stopAll();
    throw error;
  }
}
