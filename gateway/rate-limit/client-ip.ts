import type { IncomingHttpHeaders } from 'node:http';

/** What clientIpOf reads of a request (an `IncomingMessage` fits). */
export interface ClientAddressSource {
  readonly headers: IncomingHttpHeaders;
  readonly socket: { readonly remoteAddress?: string | undefined };
}

/**
 * The caller's IP. Behind `trustedProxyHops` reverse proxies, each appending the address it received from to
 * `X-Forwarded-For`, the client is that many entries from the right: anything further left was written by the client
 * and cannot be trusted. With no trusted proxy (the default), the socket's address.
 */
export function clientIpOf(req: ClientAddressSource, trustedProxyHops = 0): string {
  const socketIp = req.socket.remoteAddress ?? 'unknown';
  if (trustedProxyHops <= 0) return socketIp;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  return forwarded[forwarded.length - trustedProxyHops] ?? forwarded[0] ?? socketIp;
}
