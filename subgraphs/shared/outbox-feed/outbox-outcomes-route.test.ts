import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createInternalTokenSigner, INTERNAL_TOKEN_HEADER, type Principal } from '../../../auth/index.js';
import { closeServer, createRequestListener, listen } from '../../../lib/http/index.js';
import { createLogger } from '../../../lib/log/index.js';
import { createMemorySubmissionStore, type SubmissionStore } from '../../../outbox/index.js';
import { newSubmission } from '../../../outbox/test-support/submission-fixtures.js';
import { testInternalTokenSecret } from '../../../tests/support/test-secrets.js';
import { createGatewayAuthenticator } from '../server/gateway-authenticator.js';
import { outboxOutcomesAnswerSchema } from './outbox-outcome-answer.js';
import { createOutboxOutcomesRoute, OUTBOX_OUTCOMES_PATH } from './outbox-outcomes-route.js';

const log = createLogger('outbox-feed-test', 'silent');
const service: Principal = { subject: 'guichet-supervision', role: 'anonymous', scopes: [], clientId: 'guichet-supervision' };
const tokenFor = (secret: string) => createInternalTokenSigner({ secret }).sign(service, {});

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => closeServer(server, 100)));
});

/** The route on a real HTTP server over a memory outbox of CEET, with `delivered` and `rejected` outcomes recorded. */
async function serve() {
  const store: SubmissionStore = createMemorySubmissionStore();
  const server = createServer(
    createRequestListener({
      [`GET ${OUTBOX_OUTCOMES_PATH}`]: createOutboxOutcomesRoute({ store, system: 'ceet', ministry: 'ENERGY', authenticate: createGatewayAuthenticator(testInternalTokenSecret), log }),
    }),
  );
  servers.push(server);
  const origin = await listen(server, '127.0.0.1', 0);
  let n = 0;
  /** Enqueues, leases and ends one submission (of `system`). */
  const end = async (outcome: 'delivered' | 'rejected', system: 'ceet' | 'rnec' = 'ceet', companyNif?: string) => {
    n += 1;
    const company = companyNif === undefined ? {} : { payload: { company: { nif: companyNif, rccm: 'TG-LOM-2019-B-01234' } } };
    const { submission } = await store.enqueue(newSubmission(n, { system, applicantNiu: `10000000000${n % 10}`, ...company }));
    await store.claimDue({ now: Date.now(), limit: 1, leaseMs: 30_000, owner: 'a', system });
    if (outcome === 'delivered') await store.markDelivered(submission.externalReference, { legacyReference: `CEET-2026-00000${n}`, deliveredAt: Date.now() });
    else await store.markRejected(submission.externalReference, { owner: 'a', error: { code: 'BAD_USER_INPUT', message: 'bad quarter' }, message: 'Quartier inconnu.' });
    return submission.externalReference;
  };
  const get = async (query: string, headers?: Record<string, string>) => {
    const response = await fetch(`${origin}${OUTBOX_OUTCOMES_PATH}${query}`, { headers: headers ?? { [INTERNAL_TOKEN_HEADER]: await tokenFor(testInternalTokenSecret) } });
    return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
  };
  return { end, get };
}

describe('GET /internal/outbox-outcomes', () => {
  it('answers 401 without an internal token, or with one signed by another secret', async () => {
    const { end, get } = await serve();
    await end('delivered');
    const refused: Record<string, string>[] = [{}, { [INTERNAL_TOKEN_HEADER]: 'not-a-token' }, { [INTERNAL_TOKEN_HEADER]: await tokenFor('another-secret-another-secret-another-secret') }];
    for (const headers of refused) {
      const answer = await get('?after=0', headers);
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
      expect(JSON.stringify(answer.body)).not.toContain('100000000001');
    }
  });

  it('lists each outcome with what a dossier event needs: the graph reference if delivered, the Guichet one if rejected, the company as a company filing’s owner', async () => {
    const { end, get } = await serve();
    const delivered = await end('delivered');
    const rejected = await end('rejected');
    const companys = await end('delivered', 'ceet', '1000000016');
    const answer = await get('?after=0');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const parsed = outboxOutcomesAnswerSchema.parse(answer.body);
    expect(parsed).toEqual({
      outcomes: [
        {
          cursor: '1',
          reference: 'CEET-2026-000001',
          submissionReference: delivered,
          ownerNiu: '100000000001',
          ministry: 'ENERGY',
          system: 'ceet',
          procedure: 'CEET-RACCORDEMENT-BT',
          outcome: 'DELIVERED',
          at: expect.any(String),
        },
        {
          cursor: '2',
          reference: rejected,
          submissionReference: rejected,
          ownerNiu: '100000000002',
          ministry: 'ENERGY',
          system: 'ceet',
          procedure: 'CEET-RACCORDEMENT-BT',
          outcome: 'REJECTED',
          at: expect.any(String),
          reason: 'Quartier inconnu.',
        },
        {
          // A company's filing: its dossier, and so its events, are the company's, not the filer's.
          cursor: '3',
          reference: 'CEET-2026-000003',
          submissionReference: companys,
          ownerNiu: 'company:1000000016',
          ministry: 'ENERGY',
          system: 'ceet',
          procedure: 'CEET-RACCORDEMENT-BT',
          outcome: 'DELIVERED',
          at: expect.any(String),
        },
      ],
      next: '3',
    });
  });

  it('pages by cursor: every outcome once, in order, for every page size; only its own system', async () => {
    const { end, get } = await serve();
    const expected: string[] = [];
    for (let i = 0; i < 9; i += 1) {
      if (i % 4 === 3) await end('delivered', 'rnec');
      else expected.push(await end(i % 3 === 0 ? 'rejected' : 'delivered'));
    }
    for (const limit of [1, 2, 5, 100]) {
      const seen: string[] = [];
      let after = '0';
      for (let pages = 0; pages < 20; pages += 1) {
        const page = outboxOutcomesAnswerSchema.parse((await get(`?after=${after}&limit=${limit}`)).body);
        expect(page.outcomes.length).toBeLessThanOrEqual(limit);
        if (page.outcomes.length === 0) {
          expect(page.next).toBe(after);
          break;
        }
        seen.push(...page.outcomes.map((o) => o.submissionReference));
        after = page.next;
      }
      expect(seen).toEqual(expected);
    }
  });

  it('starts at the head without ?after=, then lists only what ends later', async () => {
    const { end, get } = await serve();
    await end('delivered');
    await end('rejected');
    const head = outboxOutcomesAnswerSchema.parse((await get('')).body);
    expect(head).toEqual({ outcomes: [], next: '2' });
    const later = await end('delivered');
    const page = outboxOutcomesAnswerSchema.parse((await get(`?after=${head.next}`)).body);
    expect(page.outcomes.map((o) => o.submissionReference)).toEqual([later]);
  });

  it('answers a cursor beyond the head (another outbox’s) with the head as next, below it', async () => {
    const { end, get } = await serve();
    await end('delivered');
    expect(outboxOutcomesAnswerSchema.parse((await get('?after=42')).body)).toEqual({ outcomes: [], next: '1' });
    expect(outboxOutcomesAnswerSchema.parse((await get('?after=1')).body)).toEqual({ outcomes: [], next: '1' });
  });

  it.each(['?after=-1', '?after=abc', '?after=1.5', '?after=0&limit=0', '?after=0&limit=1001', '?after=0&limit=x', '?after=0&limit=-3'])('answers 400 to %s', async (query) => {
    const { get } = await serve();
    expect((await get(query)).status).toBe(400);
  });
});
