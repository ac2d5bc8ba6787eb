// Several replicas of the supervision subgraph on one PostgreSQL read model: one ingesting leader, the others follow.
export { createPostgresLeaderLease } from './postgres-leader-lease.js';
export type { LeaderLease, PostgresLeaderLeaseOptions } from './postgres-leader-lease.js';
export { createSupervisionReplica } from './supervision-replica.js';
export type { SupervisionReplica, SupervisionReplicaOptions } from './supervision-replica.js';
export { createPostgresFeedReadRelay, FEED_READS_CHANNEL, splitFeedRead } from './postgres-feed-read-relay.js';
export type { FeedReadRelay, PostgresFeedReadRelayOptions } from './postgres-feed-read-relay.js';
