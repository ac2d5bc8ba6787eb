import { createServer } from 'node:http';
import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { parse } from 'graphql';
import type { Principal } from '../../auth/index.js';
import { createGraphQLHandler } from '../../lib/graphql-http/index.js';
import { closeServer, createRequestListener, listen } from '../../lib/http/index.js';
import type { Logger } from '../../lib/log/index.js';
import { auditPlugin, type AuditedContext } from '../audit-plugin.js';
import type { AuditStore } from '../audit-store.js';
import { collectAccess } from '../collect-access.js';
import type { TinySubgraph } from './tiny-subgraph.js';

type ReceivedResponse = Parameters<NonNullable<RemoteGraphQLDataSource['didReceiveResponse']>>[0];

/** The wiring the real gateway gets: each subgraph response goes through `collectAccess`. */
class AuditingDataSource extends RemoteGraphQLDataSource<AuditedContext> {
  constructor(
    readonly name: string,
    url: string,
  ) {
    super({ url });
  }

  override didReceiveResponse({ response, context }: ReceivedResponse) {
    return collectAccess(context, response, this.name);
  }
}

export interface TinyGatewayOptions {
  readonly subgraphs: readonly TinySubgraph[];
  readonly store: AuditStore;
  readonly log: Logger;
  readonly principal: Principal;
  readonly failClosed?: boolean;
}

export interface TinyGateway {
  post(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: { data?: unknown; errors?: unknown[]; extensions?: unknown } }>;
  close(): Promise<void>;
}

/** A real ApolloGateway + Apollo Server over HTTP in front of tiny subgraphs, with the audit plugin. */
export async function startTinyGateway({ subgraphs, store, log, principal, failClosed }: TinyGatewayOptions): Promise<TinyGateway> {
  const composed = composeServices(subgraphs.map(({ name, url, typeDefs }) => ({ name, url, typeDefs: parse(typeDefs) })));
  if (composed.errors) throw new Error(composed.errors.map((error) => error.message).join('\n'));
  const gateway = new ApolloGateway({ supergraphSdl: composed.supergraphSdl, buildService: ({ name, url }) => new AuditingDataSource(name, url ?? '') });
  const server = new ApolloServer<AuditedContext>({ gateway, plugins: [auditPlugin({ store, log, failClosed })] });
  await server.start();
  const graphql = createGraphQLHandler({ server, context: async (req) => ({ principal, traceId: String(req.headers['x-trace-id'] ?? 'no-trace') }) });
  const httpServer = createServer(createRequestListener({ '/graphql': graphql }));
  const base = await listen(httpServer, '127.0.0.1', 0);
  return {
    async post(query, variables, headers = {}) {
      const response = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
      return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: unknown[]; extensions?: unknown } };
    },
    async close() {
      await closeServer(httpServer, 100);
      await server.stop();
    },
  };
}
