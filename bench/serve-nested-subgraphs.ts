// The nested scenario's four bench-only subgraphs in one process, each an @apollo/server on its own ephemeral
// loopback port (no inline tracing: no gateway here asks for it). Logs one JSON line: `listening` with the first URL and every subgraph's URL by name.
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { nestedWorld, nestedWorldOptions } from './nested-data.js';
import { nestedSubgraphNames, nestedSubgraphSchemas } from './nested-subgraphs.js';

const schemas = nestedSubgraphSchemas(nestedWorld(nestedWorldOptions));
const servers: ApolloServer[] = [];
const urls: Record<string, string> = {};
for (const name of nestedSubgraphNames) {
  const server = new ApolloServer({ schema: schemas[name], plugins: [ApolloServerPluginInlineTraceDisabled()] });
  servers.push(server);
  const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: 0 } });
  urls[name] = url;
}
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    void Promise.all(servers.map((s) => s.stop())).finally(() => process.exit(0));
  });
}
console.log(JSON.stringify({ msg: 'listening', url: urls.accounts, subgraphs: urls }));
