import { createServer } from 'node:net';

/** A loopback port free a moment ago, for a server that cannot report the port it picked itself (PostgreSQL, Redis, HAProxy). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
