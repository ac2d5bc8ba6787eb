// One operational record per gateway request (X-Road style), written in batches to the embedded store (SQLite) or,
// with DATABASE_URL, to PostgreSQL shared by every replica; pruned past retention.
export type { RequestRecord, SubgraphCallRecord, LegacyCallRecord } from './request-record.js';
export { observeGraphQLRoute, type ObserveGraphQLOptions } from './observe-graphql-route.js';
export { createRequestRecordPlugins } from './request-records-plugin.js';
export { bindObservation, observationOf } from './request-observation.js';
export { createBufferedSink, type RecordSink, type BufferedSinkOptions } from './record-sink.js';
export { createSqliteRecordStore, createSqliteRequestRecordStore, type RecordStore } from './sqlite-record-store.js';
export type { RequestRecordStore } from './request-record-store.js';
export { createPostgresRecordStore, requestRecordsPostgresComponent, requestRecordsPostgresMigrations, type PostgresRecordStoreOptions } from './postgres/index.js';
export { openRecordWriter, type RecordWriter, type RecordWriterOptions } from './record-writer.js';
export { requestRecordsEnvSchema, requestRecordsConfigFromEnv, type RequestRecordsConfig } from './request-records-config.js';
export { openConfiguredRecordWriter, createLocalRecordSink } from './local-record-sink.js';
