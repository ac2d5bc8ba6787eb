// Stock @apollo/gateway + @apollo/server over the bench's supergraph, with no tuning: the standalone server and
// the default RemoteGraphQLDataSource. Two additions only: Guichet's subgraphs accept only requests carrying the
// gateway's internal token, so the token the bench client signed is passed on as is; and WORKERS > 1 runs that
// many copies under node:cluster (the bench compares gateways at equal workers). Logs one JSON `listening` line.
import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

const internalTokenHeader = 'x-guichet-internal-token';
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 4000);
const workers = Number(process.env.WORKERS ?? 1);
const supergraphPath = process.env.SUPERGRAPH_PATH;
if (!supergraphPath) throw new Error('SUPERGRAPH_PATH is required');

if (workers > 1 && cluster.isPrimary) {
  let listening = 0;
  for (let i = 0; i < workers; i += 1) {
    cluster.fork().on('message', (message) => {
      listening += message === 'listening' ? 1 : 0;
      if (listening === workers) console.log(JSON.stringify({ msg: 'listening', url: `http://${host}:${port}`, workers }));
    });
  }
  // Workers go with the primary, whichever way it is stopped.
  for (const signal of ['SIGTERM', 'SIGINT']) {
    process.on(signal, () => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.kill();
      process.exit(0);
    });
  }
} else {
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(supergraphPath, 'utf8'),
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource({
        url,
        willSendRequest({ request, context }) {
          if (context.internalToken) request.http?.headers.set(internalTokenHeader, context.internalToken);
        },
      }),
  });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { host, port },
    context: async ({ req }) => ({ internalToken: req.headers[internalTokenHeader] }),
  });
  if (cluster.isWorker) {
    process.on('disconnect', () => process.exit(0));
    process.send?.('listening');
  }
  else console.log(JSON.stringify({ msg: 'listening', url: url.replace(/\/$/, '') }));
}
