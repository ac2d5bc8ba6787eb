import { main as verifyAuditTrail } from '../audit-verify.js';
import type { ScaledStack } from '../stack/index.js';

/** `npm run audit:verify` on the scaled stack's trail (PostgreSQL), against its witness's signed checkpoints. */
export async function verifySharedTrail(stack: ScaledStack): Promise<{ readonly records: number; readonly verified: boolean; readonly detail: string }> {
  const lines: string[] = [];
  const code = await verifyAuditTrail({
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: stack.databaseUrl, AUDIT_WITNESS_URL: stack.witnessUrl },
    write: (line) => lines.push(line),
  });
  const detail = lines.join('; ');
  return { records: Number(/(\d+) record\(s\)/.exec(detail)?.[1] ?? 0), verified: code === 0, detail };
}
