import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { startSpan, withSpan } from './span.js';
import { currentTrace } from './trace-scope.js';
import { withTraceIds } from './trace-logger.js';
import { startTracing } from './tracing.js';

interface ExportedSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  readonly kind: number;
  readonly status?: { readonly code?: number };
}

/** An OTLP/HTTP receiver (JSON encoding): every span it was sent. */
async function startReceiver() {
  const spans: ExportedSpan[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { resourceSpans: { scopeSpans: { spans: ExportedSpan[] }[] }[] };
      for (const resource of body.resourceSpans) for (const scope of resource.scopeSpans) spans.push(...scope.spans);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`, spans, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('spans without export', () => {
  it('nest scopes: a child takes the trace and names its parent through the scope', async () => {
    const root = startSpan('root', { kind: 'server', traceId: '4bf92f3577b34da6a3ce929d0e0e4736' });
    expect(root.scope.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(root.scope.spanId).toMatch(/^[0-9a-f]{16}$/);
    const seen = await withSpan('outer', { kind: 'internal', parent: { ...root.scope, sampled: true } }, async (outer) => {
      expect(currentTrace()).toEqual(outer.scope);
      return withSpan('inner', { kind: 'client' }, async (inner) => ({ outer: outer.scope, inner: inner.scope }));
    });
    expect(seen.inner.traceId).toBe(root.scope.traceId);
    expect(seen.inner.spanId).not.toBe(seen.outer.spanId);
    expect(currentTrace()).toBeUndefined();
  });

  it('puts the trace id on log lines written inside a span, and only there', async () => {
    const lines: Record<string, unknown>[] = [];
    const log = withTraceIds(pino(new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>), done()) })));
    log.info('outside');
    await withSpan('request', { kind: 'server', traceId: 'abcdefabcdefabcdefabcdefabcdef12' }, async () => {
      log.child({ component: 'x' }).warn({ detail: 1 }, 'inside');
      log.info({ traceId: 'ffffffffffffffffffffffffffffffff' }, 'own trace kept');
    });
    expect(lines[0]).not.toHaveProperty('traceId');
    expect(lines[1]).toMatchObject({ traceId: 'abcdefabcdefabcdefabcdefabcdef12', component: 'x', detail: 1, msg: 'inside' });
    expect(lines[2]).toMatchObject({ traceId: 'ffffffffffffffffffffffffffffffff' });
  });
});

describe('spans exported over OTLP/HTTP', () => {
  const receiverPromise = startReceiver();
  afterAll(async () => (await receiverPromise).close());

  it('exports the ids Guichet chose, with the parent links, and failures as errors', async () => {
    const receiver = await receiverPromise;
    const stop = await startTracing({ serviceName: 'test', tracesUrl: receiver.url, scheduledDelayMs: 50 });
    const caller = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', sampled: true };
    let ids: { server: string; client: string } | undefined;
    await withSpan('server', { kind: 'server', parent: caller }, async (server) => {
      await withSpan('client', { kind: 'client' }, async (client) => {
        ids = { server: server.scope.spanId, client: client.scope.spanId };
      });
      await withSpan('failing', { kind: 'internal' }, () => Promise.reject(Object.assign(new Error('boom'), { code: 'BACKEND_TIMEOUT' }))).catch(() => undefined);
    });
    await stop();
    const byName = new Map(receiver.spans.map((span) => [span.name, span]));
    expect(byName.get('server')).toMatchObject({ traceId: caller.traceId, spanId: ids?.server, parentSpanId: caller.spanId, kind: 2 });
    expect(byName.get('client')).toMatchObject({ traceId: caller.traceId, spanId: ids?.client, parentSpanId: ids?.server, kind: 3 });
    expect(byName.get('failing')?.status?.code).toBe(2);
  });
});
