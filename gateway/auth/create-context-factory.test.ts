import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AuthenticationError, anonymousPrincipal } from '../../auth/index.js';
import { createLogger } from '../../lib/log/index.js';
import { createContextFactory } from './create-context-factory.js';

const request = { headers: { authorization: 'Bearer x.y.z' }, socket: { remoteAddress: '203.0.113.7' } } as unknown as IncomingMessage;

/** The context factory over a verifier that fails with `reason`; which addresses were counted as refusals. */
async function refusal(reason: string): Promise<{ error: GraphQLError; counted: string[] }> {
  const counted: string[] = [];
  const context = createContextFactory({
    verify: () => Promise.reject(new AuthenticationError(reason)),
    trustedProxyHops: 0,
    onRefused: async (ip) => void counted.push(ip),
    log: createLogger('context-factory-test', 'silent'),
  });
  const error = await context(request).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GraphQLError)) throw new Error('expected a GraphQLError');
  return { error, counted };
}

const httpOf = (error: GraphQLError) => error.extensions.http as { status: number; headers: Map<string, string> };

describe('context factory: what a refused or unchecked token becomes', () => {
  it('an expired token: 401 TOKEN_EXPIRED, counted against the address', async () => {
    const { error, counted } = await refusal('token expired');
    expect([error.extensions.code, error.extensions.reason, httpOf(error).status]).toEqual(['UNAUTHENTICATED', 'TOKEN_EXPIRED', 401]);
    expect(counted).toEqual(['203.0.113.7']);
  });

  it.each(['signing keys unavailable: JWKS fetch timed out', 'signing keys unavailable: invalid JWKS', 'signing keys unavailable: fetch failed'])(
    '%s: 503 AUTH_UNAVAILABLE with Retry-After, no challenge, not counted (an outage of ours, not the caller’s fault)',
    async (reason) => {
      const { error, counted } = await refusal(reason);
      expect(error.extensions.code).toBe('AUTH_UNAVAILABLE');
      expect(error.extensions.retryAfterMs).toBe(5_000);
      expect(httpOf(error).status).toBe(503);
      expect(httpOf(error).headers.get('retry-after')).toBe('5');
      expect(httpOf(error).headers.has('www-authenticate')).toBe(false);
      expect(counted).toEqual([]);
    },
  );

  it('no token: anonymous, nothing refused', async () => {
    const context = createContextFactory({ verify: async () => anonymousPrincipal, trustedProxyHops: 0, onRefused: async () => undefined, log: createLogger('context-factory-test', 'silent') });
    expect((await context(request)).principal).toBe(anonymousPrincipal);
  });
});
