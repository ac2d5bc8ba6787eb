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

/**
 * Opens the trail at start-up (a damaged trail stops the start: extending it would hide the damage under a new
 * anchor) and says where it stands. A trail its witness does not vouch for does not stop the start: the gateway
 * serves what is public and refuses personal data, and `/ready` says why.
 */
export async function openGatewayAuditStore(store: Pick<GatewayAuditStore, 'open' | 'state'>, config: AuditConfig, log: Logger, fields: Record<string, unknown> = {}): Promise<void> {
  const tip = await store.open();
  const state = await store.state();
  log.info({ ...fields, auditSeq: tip.seq, auditHash: tip.hash, auditLog: config.logId, witness: config.witness.url, audit: state.status }, 'audit log opened');
  if (config.developmentKey) log.warn('audit log sealed with the development key (set AUDIT_HMAC_KEY)');
  if (config.witness.developmentToken) log.warn('audit witness reached with the development token (set WITNESS_TOKEN)');
}

/** The `audit` part of `GET /ready`: not ready while the trail does not accept records. */
export async function auditReadiness(store: Pick<GatewayAuditStore, 'state'>): Promise<{ readonly ready: boolean; readonly report: Record<string, unknown> }> {
  try {
    const { accepting, ...report } = await store.state();
    return { ready: accepting, report };
  } catch (error) {
    return { ready: false, report: { status: 'unknown', reason: error instanceof Error ? error.message : String(error) } };
  }
}
