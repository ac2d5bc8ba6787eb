import { describe, expect, it } from 'vitest';
import { tracingEnvSchema, tracingOptionsFromEnv } from './tracing-env.js';

const options = (env: Record<string, string>) => tracingOptionsFromEnv(tracingEnvSchema.parse(env), 'gateway');

describe('tracing from the standard OpenTelemetry variables', () => {
  it('is off without an endpoint', () => {
    expect(options({})).toBeUndefined();
  });

  it('adds /v1/traces to the base endpoint, takes the traces endpoint as it is', () => {
    expect(options({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' })).toEqual({ serviceName: 'gateway', tracesUrl: 'http://collector:4318/v1/traces', scheduledDelayMs: 5_000 });
    expect(
      options({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://b:4318/custom', OTEL_SERVICE_NAME: 'guichet-gw', OTEL_BSP_SCHEDULE_DELAY: '100' }),
    ).toEqual({ serviceName: 'guichet-gw', tracesUrl: 'http://b:4318/custom', scheduledDelayMs: 100 });
  });

  it('is off with OTEL_TRACES_EXPORTER=none, and refuses what is not a URL', () => {
    expect(options({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' })).toBeUndefined();
    expect(tracingEnvSchema.safeParse({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }).success).toBe(false);
  });
});
