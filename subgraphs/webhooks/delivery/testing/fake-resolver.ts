import { isIP } from 'node:net';
import type { HostResolver, ResolvedAddress } from '../create-target-policy.js';

/** What the fake DNS answers for a name: addresses, a sequence of answers (one per lookup), an error code, or never. */
export type FakeAnswer = readonly string[] | { readonly sequence: ReadonlyArray<readonly string[]> } | { readonly error: string } | 'hang';

export interface FakeResolver {
  readonly resolve: HostResolver;
  /** Every name looked up, in order. */
  readonly calls: string[];
}

/** A resolver answering from a table (names as the URL parser gives them), recording what it was asked. */
export function fakeResolver(table: Readonly<Record<string, FakeAnswer>>): FakeResolver {
  const calls: string[] = [];
  const served = new Map<string, number>();
  const toResolved = (addresses: readonly string[]): ResolvedAddress[] => addresses.map((address) => ({ address, family: isIP(address) === 6 ? 6 : 4 }));
  const resolve: HostResolver = (hostname) => {
    calls.push(hostname);
    const answer = table[hostname];
    if (answer === undefined) return Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));
    if (answer === 'hang') return new Promise(() => {});
    if ('error' in answer) return Promise.reject(Object.assign(new Error(`getaddrinfo ${answer.error} ${hostname}`), { code: answer.error }));
    if ('sequence' in answer) {
      const index = served.get(hostname) ?? 0;
      served.set(hostname, index + 1);
      return Promise.resolve(toResolved(answer.sequence[Math.min(index, answer.sequence.length - 1)] ?? []));
    }
    return Promise.resolve(toResolved(answer as readonly string[]));
  };
  return { resolve, calls };
}
