import { pathToFileURL } from 'node:url';
import type { JSONWebKeySet } from 'jose';
import { createFileAuditStore, readAuditVerifyConfig, type AuditVerification, type AuditVerifyConfig, type WitnessedTip } from '../audit/index.js';
import { ConfigError } from '../lib/config/index.js';
import {
  checkpointDigest,
  CheckpointSignatureError,
  createCheckpointVerifier,
  createWitnessClient,
  WitnessUnavailableError,
  type SignedCheckpoint,
} from '../witness/client/index.js';

export interface AuditVerifyOptions {
  /** Log to check. Default: `AUDIT_LOG_PATH`, else `.data/audit/audit.jsonl` at the package root. */
  readonly path?: string;
  /** Default: `AUDIT_HMAC_KEY`, else the development key (outside production). Previous keys: `AUDIT_HMAC_PREVIOUS_KEYS`. */
  readonly hmacKey?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly write?: (line: string) => void;
  /** The witness to check the log against. Default: `AUDIT_WITNESS_URL` (required in production); none otherwise. */
  readonly witnessUrl?: string;
  /** The log's name at the witness. Default: `AUDIT_LOG_ID`, else `guichet`. */
  readonly logId?: string;
  /** The witness's public keys to trust. Default: `AUDIT_WITNESS_PUBLIC_KEYS` (a JWKS file), else the witness's JWKS. */
  readonly witnessPublicKeys?: JSONWebKeySet;
}

/** One line for operators: how many records, and either `ok` or the first bad record and why. */
export function summarize(path: string, result: AuditVerification): string {
  const notes = result.notes?.length ? ` (${result.notes.join('; ')})` : '';
  if (result.ok) return `audit log ok: ${result.count} record(s) verified in ${path}${notes}`;
  const at = result.firstBadIndex === undefined ? '' : ` at record #${result.firstBadIndex + 1} (line ${result.firstBadIndex + 1})`;
  return `audit log TAMPERED${at}: ${result.reason ?? 'unknown reason'}; ${result.count} record(s) verified before it, in ${path}`;
}

/**
 * `npm run audit:verify [path]`: checks the chain and its anchor and, with a witness, each record the witness signed
 * and the log's end against its last signed checkpoint. Resolves with the exit code (0 ok, 1 tampered or not
 * verifiable, 2 configuration).
 */
export async function main({ path, hmacKey, env = process.env, write = (line) => process.stdout.write(`${line}\n`), witnessUrl, logId, witnessPublicKeys }: AuditVerifyOptions = {}): Promise<number> {
  let config: AuditVerifyConfig;
  try {
    // What the caller gives wins over the environment (and a path given is the only one looked for).
    const overrides: NodeJS.ProcessEnv = {
      ...(path === undefined ? {} : { AUDIT_LOG_PATH: path }),
      ...(hmacKey === undefined ? {} : { AUDIT_HMAC_KEY: hmacKey }),
      ...(witnessUrl === undefined ? {} : { AUDIT_WITNESS_URL: witnessUrl }),
      ...(logId === undefined ? {} : { AUDIT_LOG_ID: logId }),
    };
    config = readAuditVerifyConfig('audit-verify', { ...env, ...overrides });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    write(error.message);
    return 2;
  }
  const logPath = config.path;
  const witness = config.witness === undefined ? undefined : { ...config.witness, ...(witnessPublicKeys ? { publicKeys: witnessPublicKeys } : {}) };
  // The witness first, then the files: the writer reports a tip only once it is in the file, so the file read after
  // the checkpoints is never legitimately behind them.
  let witnessed: WitnessReading | undefined;
  if (witness) {
    try {
      witnessed = await readWitness(witness.url, config.logId, witness.publicKeys);
    } catch (error) {
      if (!(error instanceof WitnessUnavailableError || error instanceof CheckpointSignatureError || error instanceof WitnessChainError)) throw error;
      write(`audit log NOT VERIFIED: ${error.message} (log ${config.logId} at ${witness.url}; ${logPath})`);
      return 1;
    }
  }
  const store = createFileAuditStore({ path: logPath, keyring: config.keyring });
  try {
    const result = await store.verifyAgainst(witnessed?.checkpoints ?? []);
    const notes = [...(result.notes ?? []), ...(witness && witnessed ? witnessNotes(witness.url, config.logId, witnessed) : ['not checked against a witness: AUDIT_WITNESS_URL is not set'])];
    write(summarize(logPath, { ...result, notes }));
    return result.ok ? 0 : 1;
  } catch (error) {
    write(`audit log unreadable: ${error instanceof Error ? error.message : String(error)} (${logPath})`);
    return 1;
  } finally {
    await store.close();
  }
}

interface WitnessReading {
  readonly checkpoints: readonly SignedCheckpoint[];
  readonly alarms: number;
}

/** The witness's own chain of checkpoints of a log is broken: it lost or replaced one. */
class WitnessChainError extends Error {}

/** Every checkpoint of the log, each signature verified, and the witness's own chain of them unbroken. */
async function readWitness(url: string, logId: string, publicKeys: JSONWebKeySet | undefined): Promise<WitnessReading> {
  const client = createWitnessClient({ url, timeoutMs: 10_000 });
  const verify = createCheckpointVerifier(publicKeys ? { jwks: publicKeys } : { jwksUrl: client.jwksUrl });
  const checkpoints: SignedCheckpoint[] = [];
  for (const jws of await client.all(logId)) {
    const checkpoint = await verify(jws);
    const previous = checkpoints[checkpoints.length - 1];
    const problem =
      checkpoint.log !== logId ? `a checkpoint of log ${checkpoint.log} among those of ${logId}`
      : checkpoint.n !== (previous?.n ?? 0) + 1 ? `checkpoint n ${checkpoint.n} follows n ${previous?.n ?? 0}`
      : checkpoint.prev !== (previous ? checkpointDigest(previous.jws) : null) ? `checkpoint n ${checkpoint.n} does not link to the one before`
      : previous && checkpoint.seq <= previous.seq ? `checkpoint n ${checkpoint.n} does not go past seq ${previous.seq}`
      : undefined;
    if (problem) throw new WitnessChainError(`the witness's checkpoints do not form one chain: ${problem}`);
    checkpoints.push(checkpoint);
  }
  return { checkpoints, alarms: (await client.alarms(logId)).length };
}

function witnessNotes(url: string, logId: string, { checkpoints, alarms }: WitnessReading): string[] {
  const last: WitnessedTip | undefined = checkpoints[checkpoints.length - 1];
  const notes = [last ? `witnessed up to seq ${last.seq} by ${url}: ${checkpoints.length} signed checkpoint(s) of log ${logId}, the last on ${last.witnessedAt}` : `the witness at ${url} holds no checkpoint of log ${logId}`];
  if (alarms > 0) notes.push(`the witness refused ${alarms} checkpoint(s) of this log (GET ${new URL(`alarms?log=${logId}`, url.endsWith('/') ? url : `${url}/`).href})`);
  return notes;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main({ path: process.argv[2] });
}
