import type { Tracer } from '@opentelemetry/api';
import type { BasicTracerProvider, IdGenerator } from '@opentelemetry/sdk-trace-base';
import { newSpanId, newTraceId } from './ids.js';

export interface TracingOptions {
  /** `service.name` of every span this process exports. */
  readonly serviceName: string;
  /** Full OTLP/HTTP traces URL (`http://collector:4318/v1/traces`). */
  readonly tracesUrl: string;
  /** How long spans wait to be sent in one batch. Default 5000 (OTEL_BSP_SCHEDULE_DELAY). */
  readonly scheduledDelayMs?: number;
}

/**
 * The ids the next span must take. Guichet decides span ids itself (they travel in `traceparent` whether or not
 * spans are exported) and may have to start a root span of a trace id chosen earlier; the SDK asks its id generator
 * synchronously inside `startSpan`, so the ids are handed over just before.
 */
let nextIds: { traceId?: string; spanId: string } | undefined;

const idGenerator: IdGenerator = {
  generateTraceId: () => nextIds?.traceId ?? newTraceId(),
  generateSpanId: () => {
    const spanId = nextIds?.spanId ?? newSpanId();
    nextIds = undefined;
    return spanId;
  },
};

let provider: BasicTracerProvider | undefined;
let tracer: Tracer | undefined;

/**
 * Whether spans are exported. Off (the default), nothing needs the current span, and the gateway does not run
 * requests in a trace scope: AsyncLocalStorage costs every promise of the process (about 0.1 µs each on Node 20,
 * a third of the gateway's CPU per request).
 */
export function tracingEnabled(): boolean {
  return tracer !== undefined;
}

/** The exporting tracer, or undefined while tracing is off (the default). */
export function exportingTracer(): Tracer | undefined {
  return tracer;
}

/** Runs `start` with the ids the span it starts must take. */
export function withSpanIds<T>(ids: { traceId?: string; spanId: string }, start: () => T): T {
  nextIds = ids;
  try {
    return start();
  } finally {
    nextIds = undefined;
  }
}

/**
 * Turns span export on for this process: OTLP over HTTP (JSON) in batches. The provider is deliberately not
 * registered globally: @apollo/gateway creates spans of its own through the global API, unparented here, which
 * would only add noise. Returns the function that flushes and stops the export. One export per process: a second
 * call (several services started in one test process) shares the first's.
 */
export async function startTracing({ serviceName, tracesUrl, scheduledDelayMs = 5_000 }: TracingOptions): Promise<() => Promise<void>> {
  // Several services in one process (tests) share the first one's export.
  if (provider !== undefined) return () => Promise.resolve();
  // Loaded only when tracing is on: a process that exports nothing never loads the SDK.
  const [{ OTLPTraceExporter }, { Resource }, { BasicTracerProvider, BatchSpanProcessor }] = await Promise.all([
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/sdk-trace-base'),
  ]);
  if (provider !== undefined) return () => Promise.resolve();
  const exporter = new OTLPTraceExporter({ url: tracesUrl });
  const started = new BasicTracerProvider({
    resource: new Resource({ 'service.name': serviceName }),
    idGenerator,
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: scheduledDelayMs })],
  });
  provider = started;
  tracer = started.getTracer('guichet');
  return async () => {
    if (provider !== started) return;
    provider = undefined;
    tracer = undefined;
    await started.shutdown();
  };
}
