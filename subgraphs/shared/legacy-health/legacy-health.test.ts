import 'reflect-metadata';
import { ApolloGateway, LocalGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { printSubgraphSchema } from '@apollo/subgraph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Query, Resolver } from 'type-graphql';
import { legacyCallEvents, type LegacySystem } from '../../../adapters/shared/index.js';
import { legacySystems } from '../../../schema/index.js';
import type { Principal } from '../../../auth/index.js';
import { composeSupergraph } from '../../../schema/compose-supergraph.js';
import { buildFederatedSchema } from '../server/build-subgraph-schema.js';
import { LegacySystemHealthHub, legacySystemHealthHubReferenceResolvers } from './legacy-system-health-hub.js';

@Resolver()
class NothingAtTheRoot {}

@Resolver()
class HubResolver {
  @Query(() => [LegacySystemHealthHub])
  legacySystems(): Pick<LegacySystemHealthHub, 'system'>[] {
    return legacySystems.map((system) => ({ system }));
  }
}

const supervisor: Principal = { subject: 'sup-1', role: 'supervisor', scopes: ['supervisor', 'supervision:read'], clientId: 'console-supervision' };
const citizen: Principal = { subject: 'c-1', role: 'citizen', niu: '123456789012', scopes: ['citizen'], clientId: 'portail-web' };

/**
 * The design end to end, in one process: every ministry subgraph contributes its own system's figures, a hub
 * subgraph returns `{ system }` handles and exposes the public fields through `@requires`, composed and planned by
 * the real gateway.
 */
describe('LegacySystemHealth across the ministries', () => {
  let server: ApolloServer<{ principal: Principal }>;
  let supergraphSdl = '';

  beforeAll(async () => {
    // One subgraph per legacy system of the list: the hub requires every system's figures field.
    const ministries: [string, LegacySystem][] = legacySystems.map((system) => [`ministry-${system}`, system]);
    const schemas = new Map([
      ...(await Promise.all(ministries.map(async ([name, system]) => [name, await buildFederatedSchema({ resolvers: [NothingAtTheRoot], legacySystem: system })] as const))),
      ['supervision', await buildFederatedSchema({ resolvers: [HubResolver], referenceResolvers: legacySystemHealthHubReferenceResolvers })] as const,
    ]);
    ({ supergraphSdl } = composeSupergraph([...schemas].map(([name, schema]) => ({ name, url: `http://${name}.invalid/graphql`, sdl: printSubgraphSchema(schema) }))));
    const gateway = new ApolloGateway({ supergraphSdl, buildService: ({ name }) => new LocalGraphQLDataSource(schemas.get(name)!) });
    server = new ApolloServer({ gateway });
    await server.start();
  });
  afterAll(() => server?.stop());

  const ask = async (principal: Principal) => {
    const response = await server.executeOperation(
      { query: '{ legacySystems { system name calls successRate latencyMsP50 latencyMsP95 circuit lastFailureAt lastFailureCode } }' },
      { contextValue: { principal } },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult;
  };

  it('composes with the figures hidden from clients', () => {
    expect(supergraphSdl).toMatch(/type LegacySystemHealth[\s\S]*ceetFigures: LegacySystemFigures[^\n]*@inaccessible/);
  });

  it("answers each system with its own ministry's figures", async () => {
    const at = Date.now();
    legacyCallEvents.record({ system: 'ceet', operation: 'GET /v1/demandes', durationMs: 12, outcome: 'ok', at });
    legacyCallEvents.record({ system: 'ceet', operation: 'GET /v1/demandes', durationMs: 30, outcome: 'error', code: 'BACKEND_TIMEOUT', at });
    const result = await ask(supervisor);
    expect(result.errors).toBeUndefined();
    const bySystem = new Map((result.data?.legacySystems as { system: string }[]).map((health) => [health.system, health]));
    expect(bySystem.get('ceet')).toMatchObject({
      name: 'CEET — Compagnie Énergie Électrique du Togo',
      calls: 2,
      successRate: 0.5,
      latencyMsP50: 12,
      latencyMsP95: 30,
      circuit: 'closed',
      lastFailureCode: 'BACKEND_TIMEOUT',
      lastFailureAt: new Date(at),
    });
    expect(bySystem.get('rnec')).toMatchObject({ name: "RNEC — Registre national de l'état civil", calls: 0, successRate: null, lastFailureAt: null });
    expect(bySystem.get('urbanisme')).toMatchObject({ calls: 0, circuit: 'closed' });
    expect(bySystem.get('mines')).toMatchObject({ name: 'SIGEM — Titres miniers et autorisations énergétiques', calls: 0, circuit: 'closed' });
  });

  it('refuses the figures to anyone but a supervisor', async () => {
    const result = await ask(citizen);
    expect(result.errors?.map((error) => error.extensions?.code)).toContain('FORBIDDEN');
  });
});
