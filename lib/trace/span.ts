import { ROOT_CONTEXT, SpanKind, SpanStatusCode, TraceFlags, trace, type Span } from '@opentelemetry/api';
import { newSpanId, newTraceId } from './ids.js';
import { currentTrace, runInTrace, type TraceScope } from './trace-scope.js';
import type { RemoteParent } from './traceparent.js';
import { exportingTracer, withSpanIds } from './tracing.js';

export type SpanAttributes = Readonly<Record<string, string | number | boolean | undefined>>;

export interface SpanOptions {
  /** `server` for a request received, `client` for a call made, `internal` otherwise. */
  readonly kind: 'server' | 'client' | 'internal';
  readonly attributes?: SpanAttributes;
  /**
   * The span's parent: a caller's span read from `traceparent`, or by default the current scope. With neither, the
   * span is the root of trace `traceId` (or of a fresh trace).
   */
  readonly parent?: RemoteParent;
  readonly traceId?: string;
  /** The request this span serves (see `TraceScope.request`); by default the current scope's. */
  readonly request?: object;
}

/** A span being timed: its scope is what code run under it sees as its trace and parent. */
export interface ActiveSpan {
  readonly scope: TraceScope;
  setAttributes(attributes: SpanAttributes): void;
  updateName(name: string): void;
  /** Marks the span failed (status ERROR), with a short reason such as an error code. */
  fail(reason: string): void;
  end(): void;
}

const kinds = { server: SpanKind.SERVER, client: SpanKind.CLIENT, internal: SpanKind.INTERNAL } as const;

/**
 * Starts a span. Ids are always allocated — they travel in `traceparent` and link the operational records — but a
 * span is recorded and exported only when tracing was started (`startTracing`); otherwise the handle does nothing.
 */
export function startSpan(name: string, { kind, attributes, parent, traceId, request }: SpanOptions): ActiveSpan {
  const current = parent === undefined ? currentTrace() : undefined;
  const inherited = parent ?? current;
  const served = request ?? current?.request;
  const deadline = current?.deadline;
  const scope: TraceScope = {
    traceId: inherited?.traceId ?? traceId ?? newTraceId(),
    spanId: newSpanId(),
    ...(served !== undefined ? { request: served } : {}),
    ...(deadline !== undefined ? { deadline } : {}),
  };
  const tracer = exportingTracer();
  if (tracer === undefined) return { scope, setAttributes: noop, updateName: noop, fail: noop, end: noop };
  const parentContext =
    inherited === undefined
      ? ROOT_CONTEXT
      : trace.setSpanContext(ROOT_CONTEXT, { traceId: inherited.traceId, spanId: inherited.spanId, traceFlags: TraceFlags.SAMPLED, isRemote: parent !== undefined });
  const span = withSpanIds({ traceId: scope.traceId, spanId: scope.spanId }, () => tracer.startSpan(name, { kind: kinds[kind], attributes: defined(attributes) }, parentContext));
  return recording(scope, span);
}

/** Runs `fn` inside a new span (its scope current for everything `fn` does), ending it when `fn` settles. */
export async function withSpan<T>(name: string, options: SpanOptions, fn: (span: ActiveSpan) => Promise<T>): Promise<T> {
  const span = startSpan(name, options);
  try {
    return await runInTrace(span.scope, () => fn(span));
  } catch (error) {
    span.fail(errorCodeOf(error));
    throw error;
  } finally {
    span.end();
  }
}

function recording(scope: TraceScope, span: Span): ActiveSpan {
  return {
    scope,
    setAttributes: (attributes) => span.setAttributes(defined(attributes)),
    updateName: (name) => span.updateName(name),
    fail: (reason) => span.setStatus({ code: SpanStatusCode.ERROR, message: reason }),
    end: () => span.end(),
  };
}

function noop(): void {}

function defined(attributes: SpanAttributes | undefined): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(attributes ?? {})) if (value !== undefined) out[key] = value;
  return out;
}

/** A typed error's code (`BACKEND_TIMEOUT`…), else its class name: never its message, which may carry data. */
function errorCodeOf(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.name : 'error';
}
