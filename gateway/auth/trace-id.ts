import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const traceparentPattern = /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/;

/** The W3C trace id of a request (`traceparent`), or a fresh one: every audit record and log line carries it. */
export function traceIdOf(req: IncomingMessage): string {
  const header = req.headers.traceparent;
  const match = typeof header === 'string' ? traceparentPattern.exec(header.trim()) : null;
  const id = match?.[1];
  return id && !/^0+$/.test(id) ? id : randomBytes(16).toString('hex');
}
