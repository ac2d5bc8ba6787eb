import type { z } from 'zod';
import { AdapterError } from './adapter-error.js';
import type { LegacySystem } from './legacy-system.js';

/** Checks a legacy payload against the shape we rely on: a missing or odd field is BAD_BACKEND_RESPONSE, not a crash later. */
export function parsePayload<S extends z.ZodType>(system: LegacySystem, operation: string, schema: S, payload: unknown): z.infer<S> {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  const where = result.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
  throw new AdapterError({ code: 'BAD_BACKEND_RESPONSE', system, operation, retryable: false, message: `unexpected payload: ${where}` });
}

/** The same, for one value inside a payload (a date, an amount), with a clear reason. */
export function badPayload(system: LegacySystem, operation: string, message: string): AdapterError {
  return new AdapterError({ code: 'BAD_BACKEND_RESPONSE', system, operation, retryable: false, message });
}
