import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { communeByCode } from '../../../legacy/world/index.js';
import type { FaultSettings } from '../../../legacy/shared/index.js';
import { gql } from '../../support/graphql-client.js';
import { legacyAdmin } from '../../support/legacy-admin.js';
import { citizenToken } from '../../support/tokens.js';
import { testWorld } from '../../support/world.js';

/**
 * Defect 1 of the trust issue: with RNEC unable to answer, citizen A files a copy request for citizen B's act; it is
 * QUEUED. Entitlement must never be waived because a system did not answer: A must never see B's act through that
 * request — while it is queued, once RNEC is back, nor after RNEC rejects it — by any failure mode that queues it.
 */
const world = testWorld();
const living = world.persons.filter((p) => p.deathDate === null && p.birthDate < '2000-01-01');
// Strangers to each other: not spouses, so no death-act exception applies.
const pairs = living.slice(40, 52).flatMap((a, i) => {
  const b = living[60 + i]!;
  return a.spouseNiu === b.niu ? [] : [{ a, b }];
});

/** The failure modes that make the mutation queue (the system did not answer usefully). */
const failures: readonly { readonly name: string; readonly faults: Partial<FaultSettings> }[] = [
  { name: 'down', faults: { down: true } },
  { name: 'overloaded (503 + Retry-After)', faults: { overloadRate: 1, retryAfterSeconds: 1 } },
  { name: 'server error', faults: { errorRate: 1 } },
  { name: 'malformed answers', faults: { malformedRate: 1 } },
];

const dossierQuery = (operation: string) =>
  `query ${operation}($r: ID!) { dossier(reference: $r) { reference status ... on CivilActCopyRequest { actNumber act { number kind date commune communeCode } } } }`;

interface CopyDossier {
  reference: string;
  status: string;
  actNumber: string;
  act: { number: string; kind: string; date: string; commune: string } | null;
}

async function waitForDecision(reference: string, token: string): Promise<string> {
  const deadline = Date.now() + 40_000;
  for (;;) {
    const response = await gql<{ dossier: { status: string } | null }>(`query($r: ID!) { dossier(reference: $r) { status } }`, { r: reference }, { token });
    const status = response.data?.dossier?.status;
    if (status && status !== 'QUEUED') return status;
    if (Date.now() > deadline) throw new Error(`${reference} still ${status ?? 'unreadable'} after 40 s`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

describe('a queued copy request never reveals an act its applicant may not have', () => {
  afterEach(async () => {
    await legacyAdmin.reset('rnec');
  });

  it.each(failures.map((failure, i) => ({ ...failure, ...pairs[i]! })))('RNEC $name while A asks for B’s birth act', async ({ faults, a, b }) => {
    const actOfB = world.acts.find((act) => act.number === b.birthActNumber)!;
    const secrets = [actOfB.date, communeByCode(actOfB.commune)?.name ?? actOfB.commune];
    const tokenA = await citizenToken(a.niu);
    const operation = `Snoop_${randomUUID().replaceAll('-', '')}`;

    await legacyAdmin.setFaults('rnec', faults);
    const filed = await gql<{ requestCivilActCopy: CopyDossier }>(
      `mutation ${operation}File($input: CivilActCopyInput!, $key: String!) { requestCivilActCopy(input: $input, idempotencyKey: $key) { reference status actNumber act { number kind date commune } } }`,
      { input: { applicantNiu: a.niu, actNumber: b.birthActNumber, copies: 1 }, key: `snoop-${randomUUID()}` },
      { token: tokenA },
    );
    // Nothing lost: the application is held (it is A's own input), but it shows nothing of B's act.
    expect(filed.data?.requestCivilActCopy).toMatchObject({ status: 'QUEUED', actNumber: b.birthActNumber, act: null });
    const reference = filed.data!.requestCivilActCopy.reference;

    const whileQueued = await gql<{ dossier: CopyDossier }>(dossierQuery(operation), { r: reference }, { token: tokenA });
    expect(whileQueued.data?.dossier?.act ?? null).toBeNull();

    await legacyAdmin.reset('rnec');
    expect(await waitForDecision(reference, tokenA)).toBe('REJECTED');

    const afterDecision = await gql<{ dossier: CopyDossier }>(dossierQuery(operation), { r: reference }, { token: tokenA });
    expect(afterDecision.data?.dossier).toMatchObject({ reference, status: 'REJECTED', act: null });
    const actError = afterDecision.errors?.find((e) => e.path?.join('.') === 'dossier.act');
    expect(actError?.extensions?.code).toBe('NOT_FOUND');
    // The same answer as asking for the act itself.
    const direct = await gql(`query { civilAct(number: "${b.birthActNumber}") { date } }`, {}, { token: tokenA });
    expect(direct.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    for (const response of [filed, whileQueued, afterDecision, direct]) {
      for (const secret of secrets) expect(JSON.stringify(response)).not.toContain(secret);
    }

    // Nothing of B was served to A, so B's access log has no entry for A's operations.
    const logOfB = await gql<{ me: { accessLog: { operation: string | null }[] } }>(`{ me { accessLog(last: 200) { operation } } }`, {}, { token: await citizenToken(b.niu) });
    expect(logOfB.errors).toBeUndefined();
    expect(logOfB.data!.me.accessLog.filter((entry) => entry.operation?.startsWith(operation))).toEqual([]);
  });

  it('the applicant’s own act, filed while RNEC is down, shows once RNEC is back (the rule is not a blanket refusal)', async () => {
    const { a } = pairs[pairs.length - 1]!;
    const token = await citizenToken(a.niu);
    await legacyAdmin.setFaults('rnec', { down: true });
    const filed = await gql<{ requestCivilActCopy: CopyDossier }>(
      `mutation($input: CivilActCopyInput!, $key: String!) { requestCivilActCopy(input: $input, idempotencyKey: $key) { reference status } }`,
      { input: { applicantNiu: a.niu, actNumber: a.birthActNumber, copies: 2 }, key: `own-${randomUUID()}` },
      { token },
    );
    expect(filed.data?.requestCivilActCopy.status).toBe('QUEUED');
    await legacyAdmin.reset('rnec');
    const reference = filed.data!.requestCivilActCopy.reference;
    expect(await waitForDecision(reference, token)).not.toBe('REJECTED');
    const read = await gql<{ dossier: CopyDossier }>(dossierQuery('OwnAct'), { r: reference }, { token });
    expect(read.errors).toBeUndefined();
    expect(read.data?.dossier.act).toMatchObject({ number: a.birthActNumber, kind: 'BIRTH' });
  });
});
