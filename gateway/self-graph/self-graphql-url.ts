import type { IncomingMessage } from 'node:http';

/** The gateway itself, at the address this client reached: no configuration, and right behind any host name. */
export function selfGraphqlUrl(req: IncomingMessage): string {
  const { localAddress = '127.0.0.1', localPort } = req.socket;
  return `http://${localAddress.includes(':') ? `[${localAddress}]` : localAddress}:${localPort}/graphql`;
}
