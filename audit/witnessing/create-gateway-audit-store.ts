import type { Logger } from '../../lib/log/index.js';
import { createPgPool } from '../../lib/postgres/index.js';
import { createCheckpointVerifier, createWitnessClient } from '../../witness/client/index.js';
import type { AuditConfig } from '../audit-config.js';
import type { AuditTrail } from '../audit-store.js';
import { createFileAuditStore } from '../file-audit-store.js';
import { createPostgresAuditStore } from '../postgres/index.js';
import { checkpointCopyPathOf } from './checkpoint-copy.js';
import { createWitnessedAuditStore, type GatewayAuditStore } from './witnessed-audit-store.js';

/**
 * The gateway's trail from its configuration: the file, or PostgreSQL when DATABASE_URL is set (one chain for every
 * replica; migrated when opened), its keys, its witness and the witness's keys.
 */
export function createGatewayAuditStore(config: AuditConfig, log: Logger): GatewayAuditStore {
  const auditLog = log.child({ component: 'audit' });
  const client = createWitnessClient({ url: config.witness.url, token: config.witness.token, timeoutMs: config.witness.timeoutMs });
  const trail: AuditTrail =
    config.database === undefined
      ? createFileAuditStore({ path: config.path, keyring: config.keyring })
      : createPostgresAuditStore({
          pool: createPgPool({
            url: config.database.url,
            applicationName: 'guichet-gateway-audit',
            max: config.database.poolMax,
            onError: (error) => auditLog.warn({ err: error }, 'idle PostgreSQL connection lost'),
          }),
          ownsPool: true,
          keyring: config.keyring,
          onHealthChange: (status) =>
            status.up
              ? auditLog.info({ store: status.store }, 'audit trail database answers again')
              : auditLog.error({ store: status.store, reason: status.lastError }, 'audit trail database unreachable: personal data refused'),
        });
  return createWitnessedAuditStore({
    trail,
    witness: client,
    verify: createCheckpointVerifier(config.witness.publicKeys ? { jwks: config.witness.publicKeys } : { jwksUrl: client.jwksUrl }),
    logId: config.logId,
    checkpointIntervalMs: config.witness.checkpointIntervalMs,
    maxLagMs: config.witness.maxLagMs,
    maxLagRecords: config.witness.maxLagRecords,
    // The local copy sits beside a file trail; a replica on PostgreSQL has no trail folder of its own.
    ...(config.database === undefined ? { checkpointCopyPath: checkpointCopyPathOf(config.path) } : {}),
    log: auditLog,
  });
}
