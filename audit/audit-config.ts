import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { dataPath } from '../lib/files/index.js';
import type { JSONWebKeySet } from 'jose';
import { z } from 'zod';
import { ConfigError, envInt, envMs, envNodeEnv, envUrl, readConfig } from '../lib/config/index.js';
import { defaultWitnessUrl, developmentWitnessToken, logIdPattern, witnessTokenMinLength } from '../witness/client/index.js';
import { auditKeyIdPattern, createAuditKeyring, defaultAuditKeyId, type AuditKeyring } from './audit-keyring.js';

/** Accepted outside production only, so that `npm start` works with nothing to configure. */
export const developmentAuditKey = 'guichet-development-audit-key-do-not-use-in-production';

/** The log's name at the witness unless `AUDIT_LOG_ID` says otherwise. */
export const defaultAuditLogId = 'guichet';

const auditReaderEnvSchema = z.object({
  /** JSON Lines log; relative paths are taken from the working directory. Default `.data/audit/audit.jsonl` at the package root. */
  AUDIT_LOG_PATH: z.string().min(1, 'must not be empty').optional(),
  /** The gateway's PostgreSQL (scaled mode): the trail lives there, one chain for every replica, instead of the file. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'expected a postgres:// URL')
    .optional(),
  /** Connections of the trail's pool, per process that writes it (the primary, or a single process). */
  DATABASE_POOL_MAX: envInt(10, 1, 100),
});

/** Where the trail lives in scaled mode. */
export interface AuditDatabaseConfig {
  readonly url: string;
  readonly poolMax: number;
}

const keyIdSchema = z.string().regex(auditKeyIdPattern, 'expected 1 to 32 letters, digits, ".", "_" or "-"');

/** What the writer (the gateway) and the checker (`audit:verify`) both read. */
const auditCheckerEnvSchema = auditReaderEnvSchema.extend({
  NODE_ENV: envNodeEnv(),
  /** HMAC key sealing records and the anchor: at least 32 characters; required in production. */
  AUDIT_HMAC_KEY: z.string().min(32, 'expected at least 32 characters').optional(),
  /** The id records sealed with AUDIT_HMAC_KEY carry. */
  AUDIT_HMAC_KEY_ID: keyIdSchema.default(defaultAuditKeyId),
  /** The log's name at the witness: one writer, one name. */
  AUDIT_LOG_ID: z.string().regex(logIdPattern, 'expected lowercase letters, digits, ".", "_" or "-", at most 64').default(defaultAuditLogId),
  /** A JWKS file of the witness's public keys to trust instead of the keys the witness serves. */
  AUDIT_WITNESS_PUBLIC_KEYS: z.string().min(1, 'must not be empty').optional(),
});

/** Environment of the audit trail's writer (the gateway) and checker (`audit:verify`). */
export const auditEnvSchema = auditCheckerEnvSchema.extend({
  /** Base URL of the witness the gateway reports its chain tip to. Required in production. */
  AUDIT_WITNESS_URL: envUrl().optional(),
  /** The writer's bearer token at the witness; required in production. */
  WITNESS_TOKEN: z.string().min(witnessTokenMinLength, `expected at least ${witnessTokenMinLength} characters`).optional(),
  /** Longest wait between an append and the checkpoint that reports it. */
  AUDIT_CHECKPOINT_INTERVAL_MS: envInt(1_000, 10, 3_600_000),
  /** How long records may stay unwitnessed (witness down) before personal data is refused. */
  AUDIT_WITNESS_MAX_LAG_MS: envMs(60_000),
  /** How many records may stay unwitnessed before personal data is refused. */
  AUDIT_WITNESS_MAX_LAG_RECORDS: envInt(10_000, 1),
  /** Each call to the witness, connection to last byte. */
  AUDIT_WITNESS_TIMEOUT_MS: envInt(2_000, 100, 60_000),
});

export interface AuditWitnessConfig {
  readonly url: string;
  /** Pinned public keys (AUDIT_WITNESS_PUBLIC_KEYS), or undefined: the witness's own JWKS. */
  readonly publicKeys?: JSONWebKeySet;
}

export interface AuditConfig {
  /** The log file; its anchor sits beside it (`audit.head`). Unused when `database` is set. */
  readonly path: string;
  /** PostgreSQL instead of the file (DATABASE_URL). */
  readonly database?: AuditDatabaseConfig;
  /** The current key (AUDIT_HMAC_KEY). */
  readonly hmacKey: string;
  /** True when the development key is in use (worth a warning at start-up). */
  readonly developmentKey: boolean;
  /** Every key: the previous ones verify, the current one seals. */
  readonly keyring: AuditKeyring;
  /** The log's name at the witness. */
  readonly logId: string;
  readonly witness: AuditWitnessConfig & {
    readonly token: string;
    /** True when the development token is in use. */
    readonly developmentToken: boolean;
    readonly checkpointIntervalMs: number;
    readonly maxLagMs: number;
    readonly maxLagRecords: number;
    readonly timeoutMs: number;
  };
}

/** What `audit:verify` needs: no writer token, and a witness only when one is named. */
export interface AuditVerifyConfig {
  readonly path: string;
  readonly database?: AuditDatabaseConfig;
  readonly keyring: AuditKeyring;
  readonly logId: string;
  readonly witness?: AuditWitnessConfig;
}

/** The gateway's audit configuration: the trail, its keys and its witness. */
export function readAuditConfig(service: string, env: NodeJS.ProcessEnv = process.env): AuditConfig {
  const { parsed, keyring, publicKeys } = readWith(
    service,
    auditEnvSchema,
    env,
    (options, problems) => {
      if (options.NODE_ENV !== 'production') return;
      if (options.AUDIT_WITNESS_URL === undefined) problems.push('AUDIT_WITNESS_URL: required in production (the witness that vouches for the trail)');
      if (options.WITNESS_TOKEN === undefined) problems.push('WITNESS_TOKEN: required in production');
      else if (options.WITNESS_TOKEN === developmentWitnessToken) problems.push('WITNESS_TOKEN: the development token is not allowed in production');
    },
    (options, problems) => {
      if (options.AUDIT_WITNESS_MAX_LAG_MS <= options.AUDIT_CHECKPOINT_INTERVAL_MS) {
        problems.push(`AUDIT_WITNESS_MAX_LAG_MS: must be longer than AUDIT_CHECKPOINT_INTERVAL_MS (${options.AUDIT_CHECKPOINT_INTERVAL_MS}), or every record would count as lagging`);
      }
    },
  );
  return {
    path: logPathOf(parsed),
    ...databaseOf(parsed),
    hmacKey: parsed.AUDIT_HMAC_KEY ?? developmentAuditKey,
    developmentKey: parsed.AUDIT_HMAC_KEY === undefined,
    keyring,
    logId: parsed.AUDIT_LOG_ID,
    witness: {
      url: parsed.AUDIT_WITNESS_URL ?? defaultWitnessUrl,
      ...(publicKeys ? { publicKeys } : {}),
      token: parsed.WITNESS_TOKEN ?? developmentWitnessToken,
      developmentToken: parsed.WITNESS_TOKEN === undefined,
      checkpointIntervalMs: parsed.AUDIT_CHECKPOINT_INTERVAL_MS,
      maxLagMs: parsed.AUDIT_WITNESS_MAX_LAG_MS,
      maxLagRecords: parsed.AUDIT_WITNESS_MAX_LAG_RECORDS,
      timeoutMs: parsed.AUDIT_WITNESS_TIMEOUT_MS,
    },
  };
}

const auditVerifyEnvSchema = auditCheckerEnvSchema.extend({ AUDIT_WITNESS_URL: envUrl().optional() });

/**
 * `audit:verify`'s configuration. The witness is checked when AUDIT_WITNESS_URL names one (required in production);
 * outside production there is no default, so that a copy of a trail can still be checked on its own.
 */
export function readAuditVerifyConfig(service: string, env: NodeJS.ProcessEnv = process.env): AuditVerifyConfig {
  const { parsed, keyring, publicKeys } = readWith(service, auditVerifyEnvSchema, env, (options, problems) => {
    if (options.NODE_ENV === 'production' && options.AUDIT_WITNESS_URL === undefined) problems.push('AUDIT_WITNESS_URL: required in production (the witness that vouches for the trail)');
  });
  return {
    path: logPathOf(parsed),
    ...databaseOf(parsed),
    keyring,
    logId: parsed.AUDIT_LOG_ID,
    ...(parsed.AUDIT_WITNESS_URL === undefined ? {} : { witness: { url: parsed.AUDIT_WITNESS_URL, ...(publicKeys ? { publicKeys } : {}) } }),
  };
}

/**
 * For a process that only lists records (the dossiers subgraph): the log's path, and no key: whoever holds the key
 * can forge records, so it stays with the writer and the checker.
 */
export function readAuditReaderConfig(service: string, env: NodeJS.ProcessEnv = process.env): { readonly path: string; readonly database?: AuditDatabaseConfig } {
  const parsed = readConfig(service, auditReaderEnvSchema, env);
  return { path: logPathOf(parsed), ...databaseOf(parsed) };
}

/** `.data/audit/audit.jsonl` under the package root, from `audit/*.ts` as from `dist/audit/*.js`. */
export function defaultAuditLogPath(): string {
  return dataPath('audit', 'audit.jsonl');
}

/**
 * `id:key,id:key`, oldest first. Parsed apart from the schema so that a problem never prints a key: the ConfigError
 * names the position and what is wrong, not the value.
 */
export function parsePreviousKeys(text: string): { readonly keys: { id: string; key: string }[]; readonly problems: string[] } {
  const keys: { id: string; key: string }[] = [];
  const problems: string[] = [];
  text.split(',').forEach((item, index) => {
    const colon = item.indexOf(':');
    const id = colon === -1 ? '' : item.slice(0, colon).trim();
    const key = colon === -1 ? '' : item.slice(colon + 1);
    if (!auditKeyIdPattern.test(id)) problems.push(`AUDIT_HMAC_PREVIOUS_KEYS: entry ${index + 1} is not "id:key" with an id of 1 to 32 letters, digits, ".", "_" or "-"`);
    else if (key.length < 32) problems.push(`AUDIT_HMAC_PREVIOUS_KEYS: the key of id ${JSON.stringify(id)} is shorter than 32 characters`);
    else keys.push({ id, key });
  });
  return { keys, problems };
}

type CheckerEnv = z.infer<typeof auditCheckerEnvSchema>;

/** Reads a schema with the checker's shared rules (keys, pinned witness keys), then `rules` of the caller's own. */
function readWith<S extends typeof auditCheckerEnvSchema>(
  service: string,
  schema: S,
  env: NodeJS.ProcessEnv,
  ...rules: ((options: z.infer<S>, problems: string[]) => void)[]
): { parsed: z.infer<S>; keyring: AuditKeyring; publicKeys?: JSONWebKeySet } {
  const { AUDIT_HMAC_PREVIOUS_KEYS: previousText, ...rest } = env;
  const problems: string[] = [];
  const previous = previousText === undefined || previousText === '' ? { keys: [], problems: [] } : parsePreviousKeys(previousText);
  problems.push(...previous.problems);
  let parsed: z.infer<S>;
  try {
    parsed = readConfig(service, schema, rest);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(service, [...error.problems, ...problems]);
    throw error;
  }
  const options: CheckerEnv = parsed;
  if (options.NODE_ENV === 'production') {
    if (options.AUDIT_HMAC_KEY === undefined) problems.push('AUDIT_HMAC_KEY: required in production');
    else if (options.AUDIT_HMAC_KEY === developmentAuditKey) problems.push('AUDIT_HMAC_KEY: the development key is not allowed in production');
  }
  const ids = [...previous.keys.map((key) => key.id), options.AUDIT_HMAC_KEY_ID];
  if (new Set(ids).size !== ids.length) problems.push(`AUDIT_HMAC_PREVIOUS_KEYS: key ids must be unique and differ from AUDIT_HMAC_KEY_ID (${JSON.stringify(options.AUDIT_HMAC_KEY_ID)})`);
  const publicKeys = options.AUDIT_WITNESS_PUBLIC_KEYS === undefined ? undefined : readPinnedKeys(resolve(options.AUDIT_WITNESS_PUBLIC_KEYS), problems);
  for (const rule of rules) rule(parsed, problems);
  if (problems.length > 0) throw new ConfigError(service, problems);
  const keyring = createAuditKeyring({ id: options.AUDIT_HMAC_KEY_ID, key: options.AUDIT_HMAC_KEY ?? developmentAuditKey }, previous.keys);
  return { parsed, keyring, ...(publicKeys ? { publicKeys } : {}) };
}

function readPinnedKeys(path: string, problems: string[]): JSONWebKeySet | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    const keys = typeof value === 'object' && value !== null ? (value as { keys?: unknown }).keys : undefined;
    if (Array.isArray(keys) && keys.length > 0 && keys.every((key) => typeof key === 'object' && key !== null)) return value as JSONWebKeySet;
    problems.push(`AUDIT_WITNESS_PUBLIC_KEYS: ${path} is not a JWKS ({"keys": [...]}) with at least one key`);
  } catch (error) {
    problems.push(`AUDIT_WITNESS_PUBLIC_KEYS: ${path} cannot be read as JSON (${(error as NodeJS.ErrnoException).code ?? 'invalid JSON'})`);
  }
  return undefined;
}

function logPathOf(parsed: { readonly AUDIT_LOG_PATH?: string | undefined }): string {
  return parsed.AUDIT_LOG_PATH === undefined ? defaultAuditLogPath() : resolve(parsed.AUDIT_LOG_PATH);
}

function databaseOf(parsed: { readonly DATABASE_URL?: string | undefined; readonly DATABASE_POOL_MAX: number }): { database?: AuditDatabaseConfig } {
  return parsed.DATABASE_URL === undefined ? {} : { database: { url: parsed.DATABASE_URL, poolMax: parsed.DATABASE_POOL_MAX } };
}
