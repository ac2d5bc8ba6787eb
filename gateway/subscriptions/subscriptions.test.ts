import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { companyAuditSubject, type MinistryCode } from '../../schema/index.js';
import { startSubscriptionStack, type SubscriptionStack } from './test-support/start-subscription-stack.js';
import { eventOf, myEvents, oneDossierEvents, readUntil, subscribe, syncOn, type Subscriber, type Transport } from './test-support/subscribers.js';

let stack: SubscriptionStack;
beforeAll(async () => {
  stack = await startSubscriptionStack({ SUBSCRIPTIONS_REPLAY_EVENTS: '5', SUBSCRIPTIONS_MAX_STREAMS_PER_PRINCIPAL: '3' });
}, 30_000);
afterAll(async () => {
  await stack?.close();
});

const open: Subscriber[] = [];
const track = (subscriber: Subscriber) => {
  open.push(subscriber);
  return subscriber;
};
const closeAll = async () => {
  for (const subscriber of open.splice(0)) await subscriber.close();
};
afterEach(closeAll);

const codeOf = (result: unknown) => (result as { errors?: { extensions?: { code?: string; reason?: string } }[] }).errors?.[0]?.extensions;

describe.each<Transport>(['sse', 'ws'])('myDossierEvents over %s', (transport) => {
  it('a citizen receives their own events, never another citizen’s, and never an owner’s NIU', async () => {
    const token = await stack.token({ role: 'citizen', niu: stack.alice });
    const alice = track(subscribe(transport, stack.gateway.url, { query: myEvents, token }));
    await syncOn(alice, () => stack.publish(stack.aliceDossier, stack.alice));
    const bobs = stack.publish(stack.bobDossier, stack.bob);
    const own = stack.publish(stack.aliceDossier, stack.alice, 'ACTION_REQUIRED');
    const probe = (event: Record<string, unknown>) => event.reference === stack.aliceDossier && event.status === 'IN_PROGRESS';
    const result = await readUntil(alice, own.cursor, probe);
    expect(result).toEqual({
      cursor: own.cursor,
      type: 'STATUS_CHANGED',
      reference: stack.aliceDossier,
      status: 'ACTION_REQUIRED',
      previousStatus: 'SUBMITTED',
      ministryStatus: 'EN_COURS',
      ministry: 'ENERGY',
      procedure: 'CEET-RACCORDEMENT',
      at: own.at,
    });
    expect(JSON.stringify(result)).not.toContain(stack.bob);
    expect(JSON.stringify(result)).not.toContain(bobs.reference);
    // Each event delivered is an access to Alice's data in the audit trail; none for Bob's.
    // Polled: the append may still be on its way to the trail when the client has the event.
    await expect.poll(() => stack.auditRecords().some((r) => r.niu === stack.alice && r.operationName === 'myDossierEvents' && r.systems.includes('ceet'))).toBe(true);
    expect(stack.auditRecords().some((r) => r.niu === stack.bob)).toBe(false);
  });

  it.each([
    ['anonymous', undefined, 'UNAUTHENTICATED'],
    ['an agent', { role: 'agent', ministry: 'ENERGY' }, 'FORBIDDEN'],
    ['a supervisor', { role: 'supervisor' }, 'FORBIDDEN'],
  ] as const)('%s is refused at subscribe time', async (_who, request, code) => {
    const token = request ? await stack.token(request) : undefined;
    const subscriber = track(subscribe(transport, stack.gateway.url, { query: myEvents, ...(token ? { token } : {}) }));
    const result = await subscriber.next();
    expect(codeOf(result)?.code).toBe(code);
    expect(eventOf(result)).toBeUndefined();
  });

  it('a company’s events reach its representatives (the token’s companies), never a citizen without that mandate', async () => {
    const company = companyAuditSubject(stack.companyNif);
    const otherCompany = companyAuditSubject('1000000024');
    const otherDossier = 'CEET-2026-000404';
    // Alice represents the company; Carol represents another company only (and owns nothing here).
    const representative = track(subscribe(transport, stack.gateway.url, { query: myEvents, token: await stack.representativeToken(stack.alice, [stack.companyNif]) }));
    const carol = track(subscribe(transport, stack.gateway.url, { query: myEvents, token: await stack.representativeToken(stack.carol, ['1000000024']) }));
    await syncOn(representative, () => stack.publish(stack.aliceDossier, stack.alice));
    await syncOn(carol, () => stack.publish(otherDossier, otherCompany));
    const companys = stack.publish(stack.companyDossier, company, 'ACTION_REQUIRED');
    const own = stack.publish(stack.aliceDossier, stack.alice, 'APPROVED');
    const carols = stack.publish(otherDossier, otherCompany, 'APPROVED');
    const probeAlice = (event: Record<string, unknown>) => event.reference === stack.aliceDossier && event.status === 'IN_PROGRESS';
    expect(await readUntil(representative, companys.cursor, probeAlice)).toMatchObject({ reference: stack.companyDossier, status: 'ACTION_REQUIRED' });
    expect(await readUntil(representative, own.cursor, probeAlice)).toMatchObject({ reference: stack.aliceDossier, status: 'APPROVED' });
    // Carol's stream goes from her sync straight to her company's next event: the first company's came between them.
    const probeCarol = (event: Record<string, unknown>) => event.reference === otherDossier && event.status === 'IN_PROGRESS';
    expect(await readUntil(carol, carols.cursor, probeCarol)).toMatchObject({ reference: otherDossier, status: 'APPROVED' });
    // Each delivery of the company's event is an access to the company's data, in its access log.
    await expect.poll(() => stack.auditRecords().some((r) => r.niu === company && r.operationName === 'myDossierEvents')).toBe(true);
  });

  it('resumes after a cursor (the after argument) with each missed event once, then live', async () => {
    const token = await stack.token({ role: 'citizen', niu: stack.alice });
    const first = track(subscribe(transport, stack.gateway.url, { query: myEvents, token }));
    const synced = await syncOn(first, () => stack.publish(stack.aliceDossier, stack.alice));
    await first.close();
    const missed = [stack.publish(stack.aliceDossier, stack.alice), stack.publish(stack.bobDossier, stack.bob), stack.publish(stack.aliceDossier, stack.alice, 'APPROVED')];
    const again = track(subscribe(transport, stack.gateway.url, { query: myEvents, token, variables: { after: synced } }));
    expect(missed).toHaveLength(3);
    // Every event of Alice's after the cursor (late probes included), in order, once; then live.
    const expected = stack.published().filter((e) => e.ownerNiu === stack.alice && e.cursor > synced);
    const live = stack.publish(stack.aliceDossier, stack.alice);
    const seen: string[] = [];
    for (let i = 0; i <= expected.length; i += 1) seen.push(String(eventOf(await again.next())?.cursor));
    expect(seen).toEqual([...expected.map((e) => e.cursor), live.cursor]);
  });
});

describe('dossierEvents(reference): who may follow a dossier', () => {
  type Who = { role: 'citizen'; niu: 'alice' | 'bob' } | { role: 'agent'; ministry: MinistryCode } | { role: 'supervisor' } | { role: 'anonymous' };
  const matrix: { who: Who; reference: 'alice' | 'unknown' | 'malformed' | 'rnec'; expected: 'events' | 'FORBIDDEN' | 'NOT_FOUND' | 'UNAUTHENTICATED' }[] = [
    { who: { role: 'citizen', niu: 'alice' }, reference: 'alice', expected: 'events' },
    // Asked of the graph with Bob's token: another citizen's dossier reads as none (its existence is not told).
    { who: { role: 'citizen', niu: 'bob' }, reference: 'alice', expected: 'NOT_FOUND' },
    { who: { role: 'citizen', niu: 'alice' }, reference: 'unknown', expected: 'NOT_FOUND' },
    { who: { role: 'citizen', niu: 'alice' }, reference: 'malformed', expected: 'NOT_FOUND' },
    { who: { role: 'agent', ministry: 'ENERGY' }, reference: 'alice', expected: 'events' },
    { who: { role: 'agent', ministry: 'CIVIL_REGISTRY' }, reference: 'alice', expected: 'FORBIDDEN' },
    { who: { role: 'agent', ministry: 'URBAN_PLANNING' }, reference: 'alice', expected: 'FORBIDDEN' },
    { who: { role: 'agent', ministry: 'ENERGY' }, reference: 'rnec', expected: 'FORBIDDEN' },
    { who: { role: 'supervisor' }, reference: 'alice', expected: 'FORBIDDEN' },
    { who: { role: 'anonymous' }, reference: 'alice', expected: 'UNAUTHENTICATED' },
  ];
  const cases = (['sse', 'ws'] as const).flatMap((transport) => matrix.map((row) => ({ transport, ...row, name: `${transport}: ${JSON.stringify(row.who)} on ${row.reference} → ${row.expected}` })));

  it.each(cases)('$name', async ({ transport, who, reference, expected }) => {
    const references = { alice: stack.aliceDossier, unknown: 'CEET-2026-999999', malformed: 'pas-une-reference', rnec: 'RNEC-2026-000777' };
    const token = who.role === 'anonymous' ? undefined : who.role === 'citizen' ? await stack.token({ role: 'citizen', niu: who.niu === 'alice' ? stack.alice : stack.bob }) : await stack.token(who);
    const subscriber = track(subscribe(transport, stack.gateway.url, { query: oneDossierEvents, variables: { reference: references[reference] }, ...(token ? { token } : {}) }));
    if (expected === 'events') {
      await syncOn(subscriber, () => stack.publish(stack.aliceDossier, stack.alice));
      // Another dossier's event (same ministry) is never delivered on this stream.
      stack.publish(stack.bobDossier, stack.bob);
      const own = stack.publish(stack.aliceDossier, stack.alice, 'COMPLETED');
      const event = await readUntil(subscriber, own.cursor, (e) => e.reference === stack.aliceDossier && e.status === 'IN_PROGRESS');
      expect(event).toMatchObject({ reference: stack.aliceDossier, status: 'COMPLETED' });
    } else {
      const result = await subscriber.next();
      expect(codeOf(result)?.code).toBe(expected);
      expect(eventOf(result)).toBeUndefined();
      expect(await subscriber.next()).toBe('done');
    }
  });
});

describe.each<Transport>(['sse', 'ws'])('dossierEvents of a company’s dossier over %s', (transport) => {
  it('its representative follows it; a citizen without the mandate gets NOT_FOUND, as from the graph', async () => {
    const company = companyAuditSubject(stack.companyNif);
    const variables = { reference: stack.companyDossier };
    const outsider = track(subscribe(transport, stack.gateway.url, { query: oneDossierEvents, variables, token: await stack.representativeToken(stack.bob, ['1000000024']) }));
    const refused = await outsider.next();
    expect(codeOf(refused)?.code).toBe('NOT_FOUND');
    // Decided by the graph, read with the subscriber's own token under the shipped operation's name.
    expect(stack.source.operationNames.at(-1)).toBe('DossierEventsAccess');
    const representative = track(subscribe(transport, stack.gateway.url, { query: oneDossierEvents, variables, token: await stack.representativeToken(stack.alice, [stack.companyNif]) }));
    await syncOn(representative, () => stack.publish(stack.companyDossier, company));
    const next = stack.publish(stack.companyDossier, company, 'COMPLETED');
    const event = await readUntil(representative, next.cursor, (e) => e.reference === stack.companyDossier && e.status === 'IN_PROGRESS');
    expect(event).toMatchObject({ reference: stack.companyDossier, status: 'COMPLETED' });
  });
});
