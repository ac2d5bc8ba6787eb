import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCodes, gql } from './graphql-client.js';
import { citizenToken } from './tokens.js';
import { citizenInAllSystems, testWorld } from './world.js';

/** The public contract, exactly as the issue states it: the documents shipped clients use (clients/operations/). */
const operation = (name: string) => readFileSync(new URL(`../../clients/operations/${name}.graphql`, import.meta.url), 'utf8');
const CitizenDashboard = operation('CitizenDashboard');
const DossierStatus = operation('DossierStatus');
const Procedures = operation('Procedures');

interface DossierNode {
  reference: string;
  status: string;
  ministryStatus: string;
  submittedAt: string;
  updatedAt: string;
  nextAction: string | null;
  procedure: { code: string; title: string; ministry: string; feeFcfa: number; legalDelayDays: number } | null;
  history: { status: string; at: string }[];
  meterType?: string;
  quoteAmountFcfa?: number | null;
  landTitle?: string;
  architect?: string;
  actNumber?: string;
  copies?: number;
}
interface Dashboard {
  citizen: {
    niu: string;
    firstName: string;
    lastName: string;
    birthDate: string;
    civilActs: { number: string; kind: string; date: string }[];
    dossiers: { totalCount: number; nodes: DossierNode[] };
  } | null;
}

/**
 * The public contract's assertions, run against a gateway (`url()`; undefined: the test stack's). The same body for
 * every configuration that must not change the contract, e.g. the civil registry over SOAP, REST or in shadow mode.
 */
export function describePublicContract(title: string, url: () => string | undefined = () => undefined): void {
  const at = (token?: string) => {
    const target = url();
    return { ...(target === undefined ? {} : { url: target }), ...(token === undefined ? {} : { token }) };
  };
  describe(title, () => {
    it('CitizenDashboard brings identity, acts and dossiers of all three systems, newest update first', async () => {
      const citizen = citizenInAllSystems();
      const person = testWorld().persons.find((p) => p.niu === citizen.niu)!;
      const response = await gql<Dashboard>(CitizenDashboard, { niu: citizen.niu }, at(await citizenToken(citizen.niu)));
      expect(response.errors).toBeUndefined();
      const data = response.data!.citizen!;
      expect(data.niu).toBe(citizen.niu);
      expect(data.lastName.toUpperCase()).toBe(person.lastName);
      expect(data.birthDate).toBe(person.birthDate);
      expect(data.civilActs.map((a) => a.number)).toContain(person.birthActNumber);

      const expected = [...citizen.ceet, ...citizen.urb, ...citizen.rnec].sort();
      expect(data.dossiers.totalCount).toBe(expected.length);
      expect(data.dossiers.nodes.map((n) => n.reference).sort()).toEqual(expected);
      const updates = data.dossiers.nodes.map((n) => n.updatedAt);
      expect(updates).toEqual([...updates].sort().reverse());

      for (const node of data.dossiers.nodes) {
        expect(node.procedure?.feeFcfa).toBeGreaterThan(0);
        expect(node.history.length).toBeGreaterThan(0);
        expect(node.history.at(-1)!.status).toBe(node.status);
        if (node.reference.startsWith('CEET-')) expect(['SINGLE_PHASE', 'THREE_PHASE']).toContain(node.meterType);
        if (node.reference.startsWith('URB-')) expect(node.landTitle).toMatch(/^TF-/);
        if (node.reference.startsWith('RNEC-')) expect(node.copies).toBeGreaterThan(0);
      }
    });

    it('DossierStatus answers for a reference of each system, with the normalized status of the legacy one', async () => {
      const world = testWorld();
      const ceet = world.electricityRequests.find((r) => r.history.at(-1)!.status === 30)!;
      const urb = world.permitApplications.find((p) => p.history.at(-1)!.status === 'PIECES_MANQUANTES')!;
      const rnec = world.copyRequests.find((c) => c.history.at(-1)!.status === 'DISPONIBLE')!;
      const cases = [
        { reference: `CEET-${ceet.numero}`, owner: ceet.niu, status: 'ACTION_REQUIRED', nextAction: /Payer le devis/ },
        { reference: `URB-${urb.numero.slice(3)}`, owner: urb.niu, status: 'ACTION_REQUIRED', nextAction: /pièces manquantes/i },
        { reference: `RNEC-${rnec.number.slice(3)}`, owner: rnec.niu, status: 'COMPLETED', nextAction: /Retirer/ },
      ];
      for (const c of cases) {
        const response = await gql<{ dossier: DossierNode | null }>(DossierStatus, { reference: c.reference }, at(await citizenToken(c.owner)));
        expect(response.errors).toBeUndefined();
        expect(response.data!.dossier).toMatchObject({ reference: c.reference, status: c.status });
        expect(response.data!.dossier!.nextAction).toMatch(c.nextAction);
        expect(response.data!.dossier!.ministryStatus.length).toBeGreaterThan(0);
      }
    });

    it('Procedures lists every procedure of the three systems', async () => {
      const response = await gql<{ procedures: { code: string; requiredDocuments: string[]; feeFcfa: number }[] }>(Procedures, {}, at());
      expect(response.errors).toBeUndefined();
      const codes = response.data!.procedures.map((p) => p.code);
      for (const code of ['CEET-RACCORDEMENT-BT', 'URB-PERMIS-CONSTRUIRE', 'RNEC-COPIE-NAISSANCE', 'RNEC-COPIE-MARIAGE', 'RNEC-COPIE-DECES']) expect(codes).toContain(code);
      for (const p of response.data!.procedures) expect(p.requiredDocuments.length).toBeGreaterThan(0);
    });

    it('pages a citizen’s dossiers with a cursor, without gaps or repeats', async () => {
      const citizen = citizenInAllSystems();
      const query = `query($niu: ID!, $after: String) { citizen(niu: $niu) { dossiers(first: 2, after: $after) { totalCount nodes { reference } pageInfo { hasNextPage endCursor } } } }`;
      type Page = { citizen: { dossiers: { totalCount: number; nodes: { reference: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } };
      const seen: string[] = [];
      let after: string | null = null;
      for (let i = 0; i < 20; i += 1) {
        const response: Awaited<ReturnType<typeof gql<Page>>> = await gql<Page>(query, { niu: citizen.niu, after }, at(await citizenToken(citizen.niu)));
        expect(response.errors).toBeUndefined();
        const page = response.data!.citizen.dossiers;
        seen.push(...page.nodes.map((n) => n.reference));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen.length).toBe(citizen.ceet.length + citizen.urb.length + citizen.rnec.length);
      expect(new Set(seen).size).toBe(seen.length);
    });

    it('filters a citizen’s dossiers by normalized status', async () => {
      const citizen = citizenInAllSystems();
      const response = await gql<{ citizen: { dossiers: { nodes: { status: string }[] } } }>(
        `query($niu: ID!) { citizen(niu: $niu) { dossiers(first: 50, status: COMPLETED) { nodes { status } } } }`,
        { niu: citizen.niu },
        at(await citizenToken(citizen.niu)),
      );
      expect(errorCodes(response)).toEqual([]);
      for (const node of response.data!.citizen.dossiers.nodes) expect(node.status).toBe('COMPLETED');
    });
  });
}
