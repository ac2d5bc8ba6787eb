import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * Who holds a lease: one id per process. The random part matters in containers, where every restart is pid 1:
 * a restarted process must not pass for the one that died holding leases.
 */
export function outboxOwnerId(name: string): string {
  return `${name}@${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}
