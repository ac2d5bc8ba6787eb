import type { Logger } from '../../lib/log/index.js';
import { createCheckpointVerifier, createWitnessClient } from '../../witness/client/index.js';
import type { AuditConfig } from '../audit-config.js';
import { createFileAuditStore } from '../file-audit-store.js';
import { checkpointCopyPathOf } from './checkpoint-copy.js';
import { createWitnessedAuditStore, type GatewayAuditStore } from './witnessed-audit-store.js';

/** The gateway's trail from its configuration: the file, its keys, its witness and the witness's keys. */
export function createGatewayAuditStore(config: AuditConfig, log: Logger): GatewayAuditStore {
  const client = createWitnessClient({ url: config.witness.url, token: config.witness.token, timeoutMs: config.witness.timeoutMs });
  return createWitnessedAuditStore({
    trail: createFileAuditStore({ path: config.path, keyring: config.keyring }),
    witness: client,
    verify: createCheckpointVerifier(config.witness.publicKeys ? { jwks: config.witness.publicKeys } : { jwksUrl: client.jwksUrl }),
    logId: config.logId,
    checkpointIntervalMs: config.witness.checkpointIntervalMs,
    maxLagMs: config.witness.maxLagMs,
    maxLagRecords: config.witness.maxLagRecords,
    checkpointCopyPath: checkpointCopyPathOf(config.path),
    log: log.child({ component: 'audit' }),
  });
}
