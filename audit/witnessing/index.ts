// The trail and its witness, gateway side: checkpoints out, fail closed when the trail is not vouched for.
export { AuditUnavailableError, type AuditState, type AuditTrailStatus } from './audit-state.js';
export { checkpointCopyPathOf } from './checkpoint-copy.js';
export { auditReadiness } from './audit-readiness.js';
export { createGatewayAuditStore } from './create-gateway-audit-store.js';
export { openGatewayAuditStore } from './open-gateway-audit-store.js';
export { createWitnessedAuditStore, type GatewayAuditStore, type WitnessedAuditStoreOptions } from './witnessed-audit-store.js';
