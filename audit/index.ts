// The audit trail: who read or wrote whose personal data. Subgraphs report (recorder + plugin), the gateway records
// (collector + plugin) into a hash-chained, anchored store vouched for by a witness (its own process); `audit:verify`
// checks both; citizens list their own.
export type { AccessAction, AccessEntry, AuditEntry, AuditRecord, AuditVerification } from './audit-record.js';
export { createAccessRecorder, type AccessRecorder } from './access-recorder.js';
export { accessReportPlugin, accessExtensionKey, type AccessReportingContext } from './access-report-plugin.js';
export { collectAccess, replayAccess, snapshotAccess, type AccessSnapshot, type SubgraphResponse } from './collect-access.js';
export { auditAccess, auditPlugin, type AuditedContext, type AuditPluginOptions } from './audit-plugin.js';
export { AuditIntegrityError, defaultListLimit, maxListLimit, type AuditStore, type AuditTrail, type ListForNiuOptions } from './audit-store.js';
export { createFileAuditStore, type FileAuditStore, type FileAuditStoreOptions } from './file-audit-store.js';
export {
  auditPostgresComponent,
  auditPostgresMigrations,
  createPostgresAuditStore,
  KeyringBehindError,
  type PostgresAuditStore,
  type PostgresAuditStoreOptions,
} from './postgres/index.js';
export type { ChainTip } from './chain.js';
export { createAuditKeyring, defaultAuditKeyId, keyringOf, type AuditKey, type AuditKeyring } from './audit-keyring.js';
export type { WitnessedTip } from './verify-chain.js';
export {
  AuditUnavailableError,
  auditReadiness,
  checkpointCopyPathOf,
  createGatewayAuditStore,
  createWitnessedAuditStore,
  openGatewayAuditStore,
  type AuditState,
  type AuditTrailStatus,
  type GatewayAuditStore,
  type WitnessedAuditStoreOptions,
} from './witnessing/index.js';
export { createMemoryAuditStore, type MemoryAuditStore } from './memory-audit-store.js';
export {
  auditEnvSchema,
  readAuditConfig,
  readAuditReaderConfig,
  readAuditVerifyConfig,
  defaultAuditLogPath,
  defaultAuditLogId,
  developmentAuditKey,
  type AuditConfig,
  type AuditDatabaseConfig,
  type AuditVerifyConfig,
} from './audit-config.js';
export { maskNiu, sensitiveLogPaths, logRedaction } from '../lib/log/index.js';
export { traceIdOf } from '../lib/trace/index.js';
