export { createRelayFetch } from './create-relay-fetch.js';
export type { RelayFetchOptions, RelayGraphQLResponse, RelayRequestParameters } from './create-relay-fetch.js';
