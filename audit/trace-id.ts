import { randomBytes } from 'node:crypto';

const traceparent = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;

/**
 * The trace id of a request: from a valid W3C `traceparent` header (`00-<32 hex>-<16 hex>-<2 hex>`), else a fresh
 * one. An all-zero id is invalid per the spec, and anything malformed is not trusted: it would end up in the audit.
 */
export function traceIdOf(header: string | readonly string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  const match = typeof value === 'string' ? traceparent.exec(value.trim().toLowerCase()) : null;
  const id = match?.[1];
  return id && !/^0+$/.test(id) ? id : randomBytes(16).toString('hex');
}
