import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessRecorder } from '../../../audit/index.js';
import { anonymousPrincipal } from '../../../auth/index.js';
import { currentDeadline } from '../../../lib/deadline/index.js';
import { createLogger } from '../../../lib/log/index.js';
import type { RunningService } from '../../../lib/service/index.js';
import { startSubgraphServer } from './start-subgraph-server.js';
import { subgraphEnvSchema } from './subgraph-env.js';

/**
 * A subgraph reads the gateway's `x-guichet-deadline-ms` once the caller is authenticated, bounds it by its own
 * REQUEST_DEADLINE_MS, and runs the request — its loaders and legacy calls — under it: the resolver here reports the
 * deadline it sees, as the call policy would read it.
 */
let subgraph: RunningService;

beforeAll(async () => {
  const env = subgraphEnvSchema(0, 'test').parse({ PORT: '0', NODE_ENV: 'test', LOG_LEVEL: 'silent', REQUEST_DEADLINE_MS: '3000' });
  const schema = buildSubgraphSchema({
    typeDefs: parse('type Query { deadline: Deadline } type Deadline { totalMs: Int! remainingMs: Float! }'),
    resolvers: { Query: { deadline: async () => (await new Promise((resolve) => setTimeout(resolve, 5)), currentDeadline() ?? null) } },
  });
  subgraph = await startSubgraphServer({
    name: 'deadline-test',
    schema,
    env,
    log: createLogger('deadline-test', 'silent'),
    authenticate: async (req) => {
      if (req.headers.authorization !== 'Bearer gateway') throw new Error('not the gateway');
      return { principal: anonymousPrincipal };
    },
    context: async () => ({ access: createAccessRecorder() }),
  });
});
afterAll(async () => {
  await subgraph?.close();
});

async function deadlineSeen(header: string | undefined): Promise<{ totalMs: number; remainingMs: number } | null> {
  const response = await fetch(subgraph.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer gateway', ...(header === undefined ? {} : { 'x-guichet-deadline-ms': header }) },
    body: JSON.stringify({ query: '{ deadline { totalMs remainingMs } }' }),
  });
  const body = (await response.json()) as { data?: { deadline: { totalMs: number; remainingMs: number } | null }; errors?: unknown };
  expect(response.status, JSON.stringify(body)).toBe(200);
  return body.data!.deadline;
}

describe('the request deadline in a subgraph', () => {
  it.each([
    ['1200', 1_200],
    ['0', 0],
    // Never longer than the subgraph's own bound.
    ['60000', 3_000],
    // Missing or malformed: the subgraph's own bound, and the request is served all the same.
    [undefined, 3_000],
    ['soon', 3_000],
    ['-5', 3_000],
    ['1.5', 3_000],
    ['9'.repeat(40), 3_000],
  ])('x-guichet-deadline-ms %j → %i ms', async (header, totalMs) => {
    const seen = await deadlineSeen(header);
    expect(seen?.totalMs).toBe(totalMs);
    expect(seen!.remainingMs).toBeLessThanOrEqual(totalMs);
  });

  it('is not read from a caller the subgraph refused', async () => {
    const response = await fetch(subgraph.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-guichet-deadline-ms': '1' }, body: '{"query":"{ deadline { totalMs } }"}' });
    expect(response.status).toBe(401);
  });
});
