import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { MinistryCode } from '../../../schema/index.js';
import { gql } from '../../support/graphql-client.js';
import { agentToken, citizenToken, integratorToken } from '../../support/tokens.js';

/**
 * Defect 2 of the trust issue: an agent's (or an integrator's) worklist serves applicants' personal data, so every
 * dossier it lists must be on the applicant's access log — as on every other path.
 */
const worklists: readonly { readonly field: string; readonly ministry: MinistryCode; readonly args: string; readonly system: string }[] = [
  { field: 'electricityConnectionRequests', ministry: 'ENERGY', args: 'page: 2, pageSize: 5', system: 'ceet' },
  { field: 'buildingPermitApplications', ministry: 'URBAN_PLANNING', args: 'first: 5', system: 'urbanisme' },
  { field: 'energyMinesApplicationQueue', ministry: 'MINES', args: 'page: 1, pageSize: 5', system: 'mines' },
];

const readers = [
  { name: 'agent of the ministry', token: (ministry: MinistryCode) => agentToken(ministry), role: 'AGENT' },
  { name: 'integrator with dossiers:read', token: () => integratorToken('dossiers:read'), role: 'INTEGRATOR' },
];

interface Entry {
  operation: string | null;
  kind: string;
  role: string;
  systems: string[];
}

const cases = worklists.flatMap((worklist) => readers.map((reader) => ({ ...worklist, reader: reader.name, token: reader.token, role: reader.role })));

describe('worklists are on the applicants’ access logs', () => {
  it.each(cases)('$field read by an $reader', async ({ field, ministry, args, system, token, role }) => {
    const operation = `Worklist_${randomUUID().replaceAll('-', '')}`;
    const page = await gql<Record<string, { nodes: { reference: string; applicant: { niu: string } | null }[] }>>(
      `query ${operation} { ${field}(${args}) { nodes { reference applicant { niu } } } }`,
      {},
      { token: await token(ministry) },
    );
    expect(page.errors).toBeUndefined();
    const applicants = [...new Set(page.data![field]!.nodes.map((node) => node.applicant!.niu))];
    expect(applicants.length).toBeGreaterThan(0);
    for (const niu of applicants) {
      const log = await gql<{ me: { accessLog: Entry[] } }>(`{ me { accessLog(last: 100) { operation kind role systems } } }`, {}, { token: await citizenToken(niu) });
      expect(log.errors).toBeUndefined();
      expect(log.data!.me.accessLog.filter((entry) => entry.operation === operation)).toEqual([{ operation, kind: 'READ', role, systems: [system] }]);
    }
  });
});
