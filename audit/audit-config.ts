import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { envNodeEnv, readConfig } from '../lib/config/index.js';

/** Accepted outside production only, so that `npm start` works with nothing to configure. */
export const developmentAuditKey = 'guichet-development-audit-key-do-not-use-in-production';

const auditReaderEnvSchema = z.object({
  /** JSON Lines log; relative paths are taken from the working directory. Default `.data/audit/audit.jsonl` at the package root. */
  AUDIT_LOG_PATH: z.string().min(1, 'must not be empty').optional(),
});

/** Environment of the audit trail's writer (the gateway) and checker (`audit:verify`). */
export const auditEnvSchema = auditReaderEnvSchema
  .extend({
    NODE_ENV: envNodeEnv(),
    /** HMAC key sealing records and the anchor: at least 32 characters; required in production. */
    AUDIT_HMAC_KEY: z.string().min(32, 'expected at least 32 characters').optional(),
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.AUDIT_HMAC_KEY !== undefined, { path: ['AUDIT_HMAC_KEY'], message: 'required in production' });

export interface AuditConfig {
  /** The log file; its anchor sits beside it (`audit.head`). */
  readonly path: string;
  readonly hmacKey: string;
  /** True when the development key is in use (worth a warning at start-up). */
  readonly developmentKey: boolean;
}

export function readAuditConfig(service: string, env: NodeJS.ProcessEnv = process.env): AuditConfig {
  const parsed = readConfig(service, auditEnvSchema, env);
  return {
    path: parsed.AUDIT_LOG_PATH === undefined ? defaultAuditLogPath() : resolve(parsed.AUDIT_LOG_PATH),
    hmacKey: parsed.AUDIT_HMAC_KEY ?? developmentAuditKey,
    developmentKey: parsed.AUDIT_HMAC_KEY === undefined,
  };
}

/**
 * For a process that only lists records (the dossiers subgraph): the log's path, and no key: whoever holds the key
 * can forge records, so it stays with the writer and the checker.
 */
export function readAuditReaderConfig(service: string, env: NodeJS.ProcessEnv = process.env): { readonly path: string } {
  const parsed = readConfig(service, auditReaderEnvSchema, env);
  return { path: parsed.AUDIT_LOG_PATH === undefined ? defaultAuditLogPath() : resolve(parsed.AUDIT_LOG_PATH) };
}

/** `.data/audit/audit.jsonl` under the package root, from `audit/*.ts` as from `dist/audit/*.js`. */
export function defaultAuditLogPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package root not found above the audit module');
    dir = parent;
  }
  return join(dir, '.data', 'audit', 'audit.jsonl');
}
