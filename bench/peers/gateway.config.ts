// Hive Gateway over the bench's supergraph, with its defaults. The one addition: Guichet's subgraphs accept only
// requests carrying the gateway's internal token, so the token the bench client signed is passed on as is.
import { defineConfig } from '@graphql-hive/gateway';

const internalTokenHeader = 'x-guichet-internal-token';

export const gatewayConfig = defineConfig({
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({ [internalTokenHeader]: request.headers.get(internalTokenHeader) }),
  },
});
