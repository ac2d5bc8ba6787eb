import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultManifestPath } from '../trusted-documents/index.js';
import { startSubscriptionStack, type SubscriptionStack } from './test-support/start-subscription-stack.js';
import { eventOf, myEvents, subscribe, syncOn, type Subscriber, type Transport } from './test-support/subscribers.js';

let stack: SubscriptionStack;
beforeAll(async () => {
  stack = await startSubscriptionStack({ TRUSTED_DOCUMENTS_MODE: 'enforce' });
}, 30_000);
afterAll(async () => {
  await stack?.close();
});
const open: Subscriber[] = [];
afterEach(async () => {
  for (const subscriber of open.splice(0)) await subscriber.close();
});

const manifest = JSON.parse(readFileSync(defaultManifestPath(), 'utf8')) as { operations: { name: string; body: string }[] };
const shipped = manifest.operations.find((operation) => operation.name === 'MyDossierEvents')?.body ?? '';

describe.each<Transport>(['sse', 'ws'])('trusted documents enforced, over %s', (transport) => {
  it('runs the shipped MyDossierEvents document', async () => {
    expect(shipped).toContain('subscription MyDossierEvents');
    const subscriber = subscribe(transport, stack.gateway.url, { query: shipped, token: await stack.token({ role: 'citizen', niu: stack.alice }) });
    open.push(subscriber);
    await syncOn(subscriber, () => stack.publish(stack.aliceDossier, stack.alice));
  });

  it('refuses a document outside the manifest with DOCUMENT_NOT_TRUSTED (SSE: HTTP 400; WebSocket: an error message)', async () => {
    const token = await stack.token({ role: 'citizen', niu: stack.alice });
    if (transport === 'sse') {
      const response = await fetch(`${stack.gateway.url}/graphql/stream`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', 'content-type': 'application/json' },
        body: JSON.stringify({ query: myEvents }),
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { errors: { extensions?: { code?: string } }[] }).errors[0]?.extensions?.code).toBe('DOCUMENT_NOT_TRUSTED');
    } else {
      const subscriber = subscribe(transport, stack.gateway.url, { query: myEvents, token });
      open.push(subscriber);
      const refusal: unknown = await subscriber.next().then(
        (result) => result,
        (error: unknown) => error,
      );
      expect(eventOf(refusal as never)).toBeUndefined();
      expect(JSON.stringify(refusal)).toContain('"code":"DOCUMENT_NOT_TRUSTED"');
    }
  });
});

describe('a subscription sent to POST /graphql', () => {
  it('is a 400 naming the subscription transports, not the query planner’s 500', async () => {
    const response = await fetch(`${stack.gateway.url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await stack.token({ role: 'citizen', niu: stack.alice })}`, 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: shipped }),
    });
    const body = (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
    expect(response.status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(body.errors?.[0]?.message).toMatch(/\/graphql\/stream/);
  });
});
