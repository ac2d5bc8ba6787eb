import { pathToFileURL } from 'node:url';
import { createFileAuditStore, readAuditConfig, type AuditConfig, type AuditVerification } from '../audit/index.js';
import { ConfigError } from '../lib/config/index.js';

export interface AuditVerifyOptions {
  /** Log to check. Default: `AUDIT_LOG_PATH`, else `.data/audit/audit.jsonl` at the package root. */
  readonly path?: string;
  /** Default: `AUDIT_HMAC_KEY`, else the development key (outside production). */
  readonly hmacKey?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly write?: (line: string) => void;
}

/** One line for operators: how many records, and either `ok` or the first bad record and why. */
export function summarize(path: string, result: AuditVerification): string {
  const notes = result.notes?.length ? ` (${result.notes.join('; ')})` : '';
  if (result.ok) return `audit log ok: ${result.count} record(s) verified in ${path}${notes}`;
  const at = result.firstBadIndex === undefined ? '' : ` at record #${result.firstBadIndex + 1} (line ${result.firstBadIndex + 1})`;
  return `audit log TAMPERED${at}: ${result.reason ?? 'unknown reason'}; ${result.count} record(s) verified before it, in ${path}`;
}

/** `npm run audit:verify`: checks the chain and its anchor; resolves with the exit code (0 ok, 1 tampered, 2 config). */
export async function main({ path, hmacKey, env = process.env, write = (line) => process.stdout.write(`${line}\n`) }: AuditVerifyOptions = {}): Promise<number> {
  let config: AuditConfig;
  try {
    // A path given on the command line wins over AUDIT_LOG_PATH (and the default is then never looked for).
    config = readAuditConfig('audit-verify', path === undefined ? env : { ...env, AUDIT_LOG_PATH: path });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    write(error.message);
    return 2;
  }
  const logPath = config.path;
  const store = createFileAuditStore({ path: logPath, hmacKey: hmacKey ?? config.hmacKey });
  try {
    const result = await store.verify();
    write(summarize(logPath, result));
    return result.ok ? 0 : 1;
  } catch (error) {
    write(`audit log unreadable: ${error instanceof Error ? error.message : String(error)} (${logPath})`);
    return 1;
  } finally {
    await store.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main({ path: process.argv[2] });
}
