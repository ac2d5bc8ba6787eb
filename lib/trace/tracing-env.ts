import { z } from 'zod';
import { envMs, envUrl } from '../config/index.js';
import type { TracingOptions } from './tracing.js';

/**
 * The standard OpenTelemetry variables Guichet honours. Export is off unless an endpoint is set:
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` (the full traces URL) or `OTEL_EXPORTER_OTLP_ENDPOINT` (a base URL, to which
 * `/v1/traces` is added); `OTEL_TRACES_EXPORTER=none` turns it off whatever the endpoint.
 */
export const tracingEnvSchema = z.object({
  OTEL_EXPORTER_OTLP_ENDPOINT: envUrl().optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: envUrl().optional(),
  OTEL_TRACES_EXPORTER: z.enum(['otlp', 'none'], { error: 'expected otlp or none' }).default('otlp'),
  OTEL_SERVICE_NAME: z.string().min(1, 'must not be empty').optional(),
  OTEL_BSP_SCHEDULE_DELAY: envMs(5_000),
});

export type TracingEnv = z.infer<typeof tracingEnvSchema>;

/** Tracing options for a service, or undefined when no endpoint is configured (the default: nothing exported). */
export function tracingOptionsFromEnv(env: TracingEnv, defaultServiceName: string): TracingOptions | undefined {
  if (env.OTEL_TRACES_EXPORTER === 'none') return undefined;
  const tracesUrl = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (env.OTEL_EXPORTER_OTLP_ENDPOINT === undefined ? undefined : `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`);
  if (tracesUrl === undefined) return undefined;
  return { serviceName: env.OTEL_SERVICE_NAME ?? defaultServiceName, tracesUrl, scheduledDelayMs: env.OTEL_BSP_SCHEDULE_DELAY };
}
