import type { GraphQLFormattedError } from 'graphql';
import type { IncrementalFormat, IncrementalPayload } from '../../lib/graphql-http/index.js';

/** A deferred fragment's answer, as sent: its fields at `path` (null when its parent failed there), with its errors. */
export interface Delivery {
  readonly id: string;
  readonly path: readonly string[];
  readonly label: string | undefined;
  readonly data: Readonly<Record<string, unknown>> | null;
  readonly errors: readonly GraphQLFormattedError[];
}

/** A deferred fragment the client is told to expect (the current format announces them; the 2022 one does not). */
export interface Announced {
  readonly id: string;
  readonly path: readonly string[];
  readonly label: string | undefined;
}

export function initialPayload(format: IncrementalFormat, data: Readonly<Record<string, unknown>>, errors: readonly GraphQLFormattedError[], pending: readonly Announced[]): IncrementalPayload {
  return {
    ...(errors.length > 0 ? { errors } : {}),
    data,
    ...(format === 'incrementalSpec=v0.2' ? { pending: pending.map(announced) } : {}),
    hasNext: pending.length > 0,
  };
}

/**
 * `deferSpec=20220824`: `incremental: [{ data, path, label?, errors? }]`, `data: null` when the fragment failed whole.
 * `incrementalSpec=v0.2`: `incremental: [{ id, data, errors? }]` for fragments with data, `completed: [{ id, errors? }]`
 * for all (a failed one's errors there), and `pending` for the fragments nested in those just completed.
 */
export function subsequentPayload(format: IncrementalFormat, deliveries: readonly Delivery[], pending: readonly Announced[], hasNext: boolean): IncrementalPayload {
  if (format === 'deferSpec=20220824') {
    const incremental = deliveries.map(({ data, path, label, errors }) => ({ ...(errors.length > 0 ? { errors } : {}), data, path, ...(label !== undefined ? { label } : {}) }));
    return { ...(incremental.length > 0 ? { incremental } : {}), hasNext };
  }
  const incremental = deliveries.filter((d) => d.data !== null).map(({ id, data, errors }) => ({ id, data, ...(errors.length > 0 ? { errors } : {}) }));
  const completed = deliveries.map(({ id, data, errors }) => ({ id, ...(data === null && errors.length > 0 ? { errors } : {}) }));
  return {
    ...(pending.length > 0 ? { pending: pending.map(announced) } : {}),
    ...(incremental.length > 0 ? { incremental } : {}),
    ...(completed.length > 0 ? { completed } : {}),
    hasNext,
  };
}

function announced({ id, path, label }: Announced) {
  return { id, path, ...(label !== undefined ? { label } : {}) };
}
