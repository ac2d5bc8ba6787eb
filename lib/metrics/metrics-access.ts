import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Headers a proxy adds: a request carrying one came from further away than its socket says. */
const forwardingHeaders = ['x-forwarded-for', 'forwarded', 'x-real-ip', 'x-forwarded-host'] as const;

/** 127.0.0.0/8, ::1 and their IPv4-mapped forms. */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/**
 * Whether `req` may read the metrics. With a token: the bearer must match it (compared in constant time), whatever
 * the address. Without: the socket must be a loopback one and the request must not have come through a proxy on this
 * machine (a reverse proxy would otherwise make the whole world look local).
 */
export function mayReadMetrics(req: IncomingMessage, token: string | undefined): boolean {
  if (token !== undefined) {
    const presented = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const a = Buffer.from(presented);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  }
  if (forwardingHeaders.some((header) => req.headers[header] !== undefined)) return false;
  return isLoopback(req.socket.remoteAddress);
}
