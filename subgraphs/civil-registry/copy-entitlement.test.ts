import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentPrincipal, citizenPrincipal, postAs } from '../shared/testing/index.js';
import { startTestCivilRegistry, type TestCivilRegistry } from './testing/start-test-civil-registry.js';

/**
 * Fail closed: whatever way RNEC fails to answer — down, overloaded, slow past the timeout, circuit open, our own
 * bulkhead full — a copy request filed for someone else's act is held (nothing lost) but never shows that act, to
 * its applicant or to an agent, while queued or once RNEC answers again (the REJECTED end is tested through the
 * whole stack in tests/integration/security/queued-copy-entitlement.test.ts). Each mode gets its own subgraph, so that
 * one's breaker or bulkhead never decides another's case.
 */
let stack: TestCivilRegistry;
beforeAll(async () => {
  stack = await startTestCivilRegistry(47);
});
afterAll(() => stack?.close());

type Mode = {
  readonly name: string;
  readonly code: string;
  readonly env: NodeJS.ProcessEnv;
  /** Puts RNEC (or our policy) in the failing state; may make calls of its own. */
  readonly fail: (url: string) => Promise<void>;
  /** Waits for what the failure left in flight to end. */
  readonly settle?: () => Promise<unknown>;
};

let hanging: Promise<unknown> = Promise.resolve();

// No breaker unless the mode is about it: a circuit opened by the failing calls would decide the next reads.
const fast = { RNEC_TIMEOUT_MS: '300', RNEC_DEADLINE_MS: '600', RNEC_RETRY_MAX_ATTEMPTS: '1', RNEC_BREAKER_THRESHOLD: '0' };
const probe = `query($n: ID!) { civilAct(number: $n) { number } }`;

const modes: readonly Mode[] = [
  { name: 'down', code: 'BACKEND_UNAVAILABLE', env: fast, fail: () => stack.setRnecFaults({ down: true }) },
  { name: 'overloaded (503)', code: 'BACKEND_UNAVAILABLE', env: fast, fail: () => stack.setRnecFaults({ overloadRate: 1, retryAfterSeconds: 0 }) },
  { name: 'slow past the timeout', code: 'BACKEND_TIMEOUT', env: fast, fail: () => stack.setRnecFaults({ timeoutRate: 1, hangMs: 2_000 }) },
  {
    name: 'circuit open',
    code: 'CIRCUIT_OPEN',
    env: { ...fast, RNEC_BREAKER_THRESHOLD: '1', RNEC_BREAKER_HALF_OPEN_AFTER_MS: '60000' },
    async fail(url) {
      // One backend failure opens this subgraph's circuit; RNEC itself is healthy again afterwards.
      await stack.setRnecFaults({ errorRate: 1 });
      await postAs(url, citizenPrincipal(someone().niu), probe, { n: someone().birthActNumber });
      await stack.resetRnec();
    },
  },
  {
    name: 'bulkhead full',
    code: 'BACKEND_OVERLOADED',
    env: { ...fast, RNEC_TIMEOUT_MS: '3000', RNEC_DEADLINE_MS: '3000', RNEC_BULKHEAD_LIMIT: '1', RNEC_BULKHEAD_QUEUE: '0' },
    settle: () => hanging,
    async fail(url) {
      // One call hangs in the only slot; the next call is refused at once by our own bulkhead.
      await stack.setRnecFaults({ timeoutRate: 1, hangMs: 1_000 });
      hanging = postAs(url, citizenPrincipal(someone().niu), probe, { n: someone().birthActNumber });
      await new Promise((resolve) => setTimeout(resolve, 100));
    },
  },
];

const living = () => stack.world.persons.filter((p) => p.deathDate === null && p.birthDate < '2000-01-01');
const someone = () => living()[0]!;

const readRequest = `query($r: ID!) { civilActCopyRequest(reference: $r) { reference status act { number date commune } } }`;

describe('copy requests filed while RNEC cannot answer', () => {
  it.each(modes.map((mode, i) => ({ ...mode, i })))('$name ($code): held, and the act is never shown unless RNEC confirms the entitlement', async ({ env, fail, settle, code, i }) => {
    const url = await stack.startSubgraph(env);
    const applicant = living()[10 + i]!;
    const victim = living()[30 + i]!;
    expect(victim.spouseNiu).not.toBe(applicant.niu);
    const act = stack.world.acts.find((a) => a.number === victim.birthActNumber)!;
    await stack.resetRnec();
    await fail(url);

    // The failure is the one this case is about (the mutation would hide it by queueing).
    const seen = await postAs(url, citizenPrincipal(applicant.niu), probe, { n: applicant.birthActNumber });
    expect(seen.errors?.[0]?.extensions?.code).toBe(code);

    const filed = await postAs<{ requestCivilActCopy: { reference: string; status: string; act: unknown } }>(
      url,
      citizenPrincipal(applicant.niu),
      `mutation($input: CivilActCopyInput!, $key: String!) { requestCivilActCopy(input: $input, idempotencyKey: $key) { reference status act { number date } } }`,
      { input: { applicantNiu: applicant.niu, actNumber: victim.birthActNumber, copies: 1 }, key: `fail-closed-${randomUUID()}` },
    );
    expect(filed.data?.requestCivilActCopy).toMatchObject({ status: 'QUEUED', act: null });
    const reference = filed.data!.requestCivilActCopy.reference;
    for (const principal of [citizenPrincipal(applicant.niu), agentPrincipal('CIVIL_REGISTRY')]) {
      const queued = await postAs<{ civilActCopyRequest: { act: unknown } }>(url, principal, readRequest, { r: reference });
      expect(queued.data?.civilActCopyRequest?.act ?? null).toBeNull();
    }

    // RNEC answers again, the forwarder has not decided yet: the act is checked now, and refused.
    await stack.resetRnec();
    await settle?.();
    for (const principal of [citizenPrincipal(applicant.niu), agentPrincipal('CIVIL_REGISTRY')]) {
      const after = await postAs<{ civilActCopyRequest: { act: unknown } }>(url, principal, readRequest, { r: reference });
      expect(after.data?.civilActCopyRequest?.act ?? null).toBeNull();
      // An open circuit still refuses (fail closed); otherwise RNEC's answer decides: not this applicant's act.
      expect(after.errors?.map((e) => e.extensions?.code)).toEqual([code === 'CIRCUIT_OPEN' ? 'CIRCUIT_OPEN' : 'NOT_FOUND']);
      expect(JSON.stringify(after)).not.toContain(act.date);
    }
  });
});
