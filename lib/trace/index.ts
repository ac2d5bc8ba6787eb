// W3C trace context: trace ids for every request, spans (exported over OTLP when configured), trace ids on log lines.
export { parseTraceparent, traceIdFromTraceparent, traceIdOf, traceparentFor, type RemoteParent } from './traceparent.js';
export { currentTrace, runInTrace, type TraceScope } from './trace-scope.js';
export { startSpan, withSpan, type ActiveSpan, type SpanAttributes, type SpanOptions } from './span.js';
export { startTracing, tracingEnabled, type TracingOptions } from './tracing.js';
export { watchSentSpans, unwatchSentSpans } from './sent-spans.js';
export { tracingEnvSchema, tracingOptionsFromEnv, type TracingEnv } from './tracing-env.js';
export { withTraceIds } from './trace-logger.js';
export { newSpanId, newTraceId } from './ids.js';
