// How a subgraph tells the gateway that an answer it allows caching rests on the change feeds (internal headers).
export { CACHE_BOUND_HEADER, FEED_OWNERS_HEADER, FEED_PROOF_HEADER, FEED_PROVEN_AT_HEADER, feedOwnersOf, feedProvenAtOf } from './feed-proof-headers.js';
