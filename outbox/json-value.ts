/** What a stored payload is once read back: plain JSON data. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * JSON with object keys sorted at every level, so that two payloads with the same content always give the same
 * text: that is how a client retry is told from a reused idempotency key.
 */
export function canonicalJson(value: unknown): string {
  const text = JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(inner).sort()) sorted[key] = (inner as Record<string, unknown>)[key];
    return sorted;
  });
  // JSON.stringify answers undefined for undefined, a function or a symbol: nothing a payload may be.
  if (text === undefined) throw new TypeError('submission payload is not JSON data');
  return text;
}

export function parseJson(text: string): JsonValue {
  return JSON.parse(text) as JsonValue;
}
