import type { GatewayAuditStore } from './witnessed-audit-store.js';

/** The `audit` part of `GET /ready`: not ready while the trail does not accept records. */
export async function auditReadiness(store: Pick<GatewayAuditStore, 'state'>): Promise<{ readonly ready: boolean; readonly report: Record<string, unknown> }> {
  try {
    const { accepting, ...report } = await store.state();
    return { ready: accepting, report };
  } catch (error) {
    return { ready: false, report: { status: 'unknown', reason: error instanceof Error ? error.message : String(error) } };
  }
}
