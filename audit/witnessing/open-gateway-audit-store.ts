import type { Logger } from '../../lib/log/index.js';
import type { AuditConfig } from '../audit-config.js';
import type { GatewayAuditStore } from './witnessed-audit-store.js';

/**
 * Opens the trail at start-up (a damaged trail stops the start: extending it would hide the damage under a new
 * anchor) and says where it stands. A trail its witness does not vouch for does not stop the start: the gateway
 * serves what is public and refuses personal data, and `/ready` says why.
 */
export async function openGatewayAuditStore(store: Pick<GatewayAuditStore, 'open' | 'state'>, config: AuditConfig, log: Logger, fields: Record<string, unknown> = {}): Promise<void> {
  const tip = await store.open();
  const state = await store.state();
  log.info(
    { ...fields, auditSeq: tip.seq, auditHash: tip.hash, auditLog: config.logId, auditStore: config.database ? 'postgres' : config.path, witness: config.witness.url, audit: state.status },
    'audit log opened',
  );
  if (config.developmentKey) log.warn('audit log sealed with the development key (set AUDIT_HMAC_KEY)');
  if (config.witness.developmentToken) log.warn('audit witness reached with the development token (set WITNESS_TOKEN)');
}
