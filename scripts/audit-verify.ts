import { pathToFileURL } from 'node:url';
import type { JSONWebKeySet } from 'jose';
import { createFileAuditStore, createPostgresAuditStore, readAuditVerifyConfig, type AuditTrail, type AuditVerification, type AuditVerifyConfig, type WitnessedTip } from '../audit/index.js';
import { createPgPool } from '../lib/postgres/index.js';
import { ConfigError } from '../lib/config/index.js';
import {
  checkpointDigest,
  CheckpointSignatureError,
  createCheckpointVerifier,
  createWitnessClient,
  decodeLinkedCheckpoint,
  WitnessUnavailableError,
  type SignedCheckpoint,
} from '../witness/client/index.js';

export interface AuditVerifyOptions {
  /** Log to check. Default: the PostgreSQL trail when `DATABASE_URL` is set, else `AUDIT_LOG_PATH`, else `.data/audit/audit.jsonl` at the package root. */
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
  // A path given on the command line is a file to check, even where the gateway writes to PostgreSQL.
  const database = path === undefined ? config.database : undefined;
  const logPath = database === undefined ? config.path : `PostgreSQL ${redactedUrl(database.url)}`;
  const witness = config.witness === undefined ? undefined : { ...config.witness, ...(witnessPublicKeys ? { publicKeys: witnessPublicKeys } : {}) };
  let reading: WitnessReading | undefined;
  if (witness) {
    try {
      // The witness's last checkpoint first, then the files: the writer reports a tip only once it is in the file,
      // so the file read after it is never legitimately behind it; checkpoints taken later are not awaited.
      reading = await openWitness(witness.url, config.logId, witness.publicKeys);
    } catch (error) {
      if (!isWitnessError(error)) throw error;
      write(`audit log NOT VERIFIED: ${error.message} (log ${config.logId} at ${witness.url}; ${logPath})`);
      return 1;
    }
  }
  const store: AuditTrail =
    database === undefined
      ? createFileAuditStore({ path: logPath, keyring: config.keyring })
      : createPostgresAuditStore({ pool: createPgPool({ url: database.url, applicationName: 'guichet-audit-verify', max: 1 }), ownsPool: true, keyring: config.keyring });
  try {
    const result = await store.verifyAgainst(reading?.checkpoints ?? []);
    const notes = [...(result.notes ?? []), ...(witness && reading ? reading.notes() : ['not checked against a witness: AUDIT_WITNESS_URL is not set'])];
    write(summarize(logPath, { ...result, notes }));
    return result.ok ? 0 : 1;
  } catch (error) {
    if (witness && isWitnessError(error)) {
      write(`audit log NOT VERIFIED: ${error.message} (log ${config.logId} at ${witness.url}; ${logPath})`);
      return 1;
    }
    write(`audit log unreadable: ${error instanceof Error ? error.message : String(error)} (${logPath})`);
    return 1;
  } finally {
    await store.close();
  }
}

/** The database's URL without its password, for the summary line. */
function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'DATABASE_URL';
  }
}

interface WitnessReading {
  /** The log's checkpoints up to the last one signed when the check began, ascending, read page by page. */
  readonly checkpoints: AsyncIterable<WitnessedTip>;
  /** What to add to the summary once they were read. */
  notes(): string[];
}

/** The witness's own chain of checkpoints of a log is broken: it lost or replaced one. */
class WitnessChainError extends Error {}

const isWitnessError = (error: unknown): error is Error => error instanceof WitnessUnavailableError || error instanceof CheckpointSignatureError || error instanceof WitnessChainError;

/**
 * The log's last signed checkpoint (its signature verified), then every checkpoint up to it, page by page: each page
 * is authenticated by one signature, its last checkpoint's, and the hash links (`prev`) that tie every checkpoint
 * to the one after it, across pages too. A long-lived log costs one signature per thousand checkpoints and
 * constant memory.
 */
async function openWitness(url: string, logId: string, publicKeys: JSONWebKeySet | undefined): Promise<WitnessReading> {
  const client = createWitnessClient({ url, timeoutMs: 10_000 });
  const verify = createCheckpointVerifier(publicKeys ? { jwks: publicKeys } : { jwksUrl: client.jwksUrl });
  const latestJws = await client.latest(logId);
  const latest = latestJws === undefined ? undefined : await verify(latestJws);
  if (latest && latest.log !== logId) throw new WitnessChainError(`the witness answered a checkpoint of log ${latest.log}`);
  const alarms = (await client.alarms(logId)).length;
  let read = 0;
  async function* checkpoints(): AsyncGenerator<WitnessedTip> {
    if (!latest) return;
    let previous: SignedCheckpoint | undefined;
    for await (const jwss of client.pages(logId)) {
      const page = jwss.map((jws) => decodeLinkedCheckpoint(jws));
      const last = page[page.length - 1];
      if (last) await verify(last.jws);
      // The whole page is authenticated (links up to its signed last) before any of it is used.
      for (const checkpoint of page) {
        const problem =
          checkpoint.log !== logId
            ? `a checkpoint of log ${checkpoint.log} among those of ${logId}`
            : checkpoint.n !== (previous?.n ?? 0) + 1
              ? `checkpoint n ${checkpoint.n} follows n ${previous?.n ?? 0}`
              : checkpoint.prev !== (previous ? checkpointDigest(previous.jws) : null)
                ? `checkpoint n ${checkpoint.n} does not link to the one before`
                : previous && checkpoint.seq <= previous.seq
                  ? `checkpoint n ${checkpoint.n} does not go past seq ${previous.seq}`
                  : undefined;
        if (problem) throw new WitnessChainError(`the witness's checkpoints do not form one chain: ${problem}`);
        previous = checkpoint;
      }
      for (const checkpoint of page) {
        if (checkpoint.n > latest.n) return;
        read += 1;
        yield checkpoint;
        if (checkpoint.n === latest.n) {
          if (checkpoint.jws !== latest.jws) throw new WitnessChainError(`the witness's list and its latest checkpoint disagree at n ${latest.n}`);
          return;
        }
      }
    }
    throw new WitnessChainError(`the witness's list ends before its latest checkpoint (n ${latest.n})`);
  }
  return {
    checkpoints: checkpoints(),
    notes() {
      const notes = [
        latest
          ? `witnessed up to seq ${latest.seq} by ${url}: ${read} signed checkpoint(s) of log ${logId}, the last on ${latest.witnessedAt}`
          : `the witness at ${url} holds no checkpoint of log ${logId}`,
      ];
      if (alarms > 0) notes.push(`the witness refused ${alarms} checkpoint(s) of this log (GET ${new URL(`alarms?log=${logId}`, url.endsWith('/') ? url : `${url}/`).href})`);
      return notes;
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main({ path: process.argv[2] });
}
