import { randomBytes } from 'node:crypto';
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import { closeServer, listen } from '../lib/http/index.js';
import { createLogger } from '../lib/log/index.js';
import { main } from '../scripts/audit-verify.js';
import { createCheckpointVerifier, createWitnessClient } from '../witness/client/index.js';
import { startTestWitness } from '../witness/test-support/start-test-witness.js';
import { createFileAuditStore } from './file-audit-store.js';
import { headPathOf } from './head-anchor.js';
import { entry, readLines, tempLogPath, testKey, writeLines } from './test-support/audit-fixtures.js';
import { createWitnessedAuditStore } from './witnessing/witnessed-audit-store.js';

async function run(path: string, env: NodeJS.ProcessEnv = { AUDIT_HMAC_KEY: testKey }) {
  const output: string[] = [];
  const code = await main({ path, env, write: (line) => output.push(line) });
  return { code, output };
}

async function logOf(count: number): Promise<string> {
  const store = createFileAuditStore({ path: tempLogPath(), hmacKey: testKey });
  await store.append(Array.from({ length: count }, (_, i) => entry(`10000000000${i}`)));
  await store.close();
  return store.path;
}

describe('audit:verify', () => {
  it('exits 0 with a one-line summary on an intact log', async () => {
    const path = await logOf(4);
    expect(await run(path)).toEqual({ code: 0, output: [`audit log ok: 4 record(s) verified in ${path} (not checked against a witness: AUDIT_WITNESS_URL is not set)`] });
  });

  it('exits 1 and names the first bad record on a tampered log', async () => {
    const path = await logOf(4);
    const lines = readLines(path);
    writeLines(path, [lines[0]!, lines[2]!, lines[1]!, lines[3]!]);
    const { code, output } = await run(path);
    expect(code).toBe(1);
    expect(output).toEqual([expect.stringMatching(/^audit log TAMPERED at record #2 \(line 2\): expected seq 2, found 3/)]);
  });

  it('exits 1 when the end of the log was cut', async () => {
    const path = await logOf(4);
    writeLines(path, readLines(path).slice(0, 3));
    expect((await run(path)).code).toBe(1);
  });

  it('exits 1 when checked with another key (records not sealed by this writer)', async () => {
    const path = await logOf(2);
    expect((await run(path, { AUDIT_HMAC_KEY: 'another-key-0123456789abcdef-0123456789' })).output[0]).toContain('MAC invalid');
  });

  it('exits 2 on bad configuration (production without a key)', async () => {
    const path = tempLogPath();
    writeFileSync(path, '');
    const { code, output } = await run(path, { NODE_ENV: 'production' });
    expect(code).toBe(2);
    expect(output[0]).toContain('AUDIT_HMAC_KEY: required in production');
  });
});

describe('audit:verify against a witness', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** A trail of 6 records written through the gateway's witnessed store, its tip signed, its anchor at 3 kept. */
  async function witnessedTrail() {
    const witness = await startTestWitness();
    cleanups.push(() => witness.close());
    const path = tempLogPath();
    const logId = `verify-${randomBytes(4).toString('hex')}`;
    const client = createWitnessClient({ url: witness.url, token: witness.token });
    const store = createWitnessedAuditStore({
      trail: createFileAuditStore({ path, hmacKey: testKey, sync: false }),
      witness: client,
      verify: createCheckpointVerifier({ jwksUrl: client.jwksUrl }),
      logId,
      checkpointIntervalMs: 10,
      maxLagMs: 60_000,
      maxLagRecords: 1_000,
      log: createLogger('audit-verify-test', 'silent'),
    });
    await store.open();
    await store.append([1, 2, 3].map((i) => entry(`80000000000${i}`)));
    const oldAnchor = `${path}.anchor-at-3`;
    copyFileSync(headPathOf(path), oldAnchor);
    await store.append([4, 5, 6].map((i) => entry(`80000000000${i}`)));
    await store.close();
    return { witness, path, logId, oldAnchor };
  }

  const verifyAgainst = async (path: string, witnessUrl: string, logId: string, extra: Partial<Parameters<typeof main>[0]> = {}) => {
    const output: string[] = [];
    const code = await main({ path, env: { AUDIT_HMAC_KEY: testKey }, witnessUrl, logId, write: (line) => output.push(line), ...extra });
    return { code, output };
  };

  it('exits 0 on an intact trail, saying how far the witness vouches for it', async () => {
    const { witness, path, logId } = await witnessedTrail();
    const { code, output } = await verifyAgainst(path, witness.url, logId);
    expect({ code, output }).toEqual({
      code: 0,
      output: [
        expect.stringMatching(
          new RegExp(`^audit log ok: 6 record\\(s\\) verified in \\S+ \\(witnessed up to seq 6 by ${witness.url}: \\d+ signed checkpoint\\(s\\) of log ${logId}, the last on \\S+\\)$`),
        ),
      ],
    });
  });

  it.each<[string, (trail: Awaited<ReturnType<typeof witnessedTrail>>) => Promise<void>]>([
    [
      'the log truncated and an older authentic anchor put back',
      async ({ path, oldAnchor }) => {
        writeLines(path, readLines(path).slice(0, 3));
        copyFileSync(oldAnchor, headPathOf(path));
      },
    ],
    [
      'both files deleted',
      async ({ path }) => {
        rmSync(path);
        rmSync(headPathOf(path));
      },
    ],
    [
      'a chain restarted at 0',
      async ({ path }) => {
        rmSync(path);
        rmSync(headPathOf(path));
        const writer = createFileAuditStore({ path, hmacKey: testKey, sync: false });
        await writer.append([entry('900000000001')]);
        await writer.close();
      },
    ],
  ])('exits 1 in one line on %s (which verified "ok" without the witness)', async (_name, attack) => {
    const trail = await witnessedTrail();
    await attack(trail);
    expect((await run(trail.path)).code).toBe(0); // the defect: the files alone look fine
    const { code, output } = await verifyAgainst(trail.path, trail.witness.url, trail.logId);
    expect(code).toBe(1);
    expect(output).toEqual([expect.stringMatching(/^audit log TAMPERED at record #\d+ \(line \d+\): .*but the witness signed seq 6/)]);
  });

  it('exits 1 when the witness cannot be reached, or its checkpoints do not verify with the pinned keys', async () => {
    const { witness, path, logId } = await witnessedTrail();
    const other = await startTestWitness();
    const otherKeys = await createWitnessClient({ url: other.url }).jwks();
    await other.close();
    expect((await verifyAgainst(path, witness.url, logId, { witnessPublicKeys: otherKeys })).output).toEqual([expect.stringMatching(/^audit log NOT VERIFIED: witness checkpoint not trusted/)]);
    expect((await verifyAgainst(path, other.url, logId)).output).toEqual([expect.stringMatching(/^audit log NOT VERIFIED: witness unavailable/)]);
    expect((await verifyAgainst(path, other.url, logId)).code).toBe(1);
  });

  it('exits 1 when the witness serves a list whose checkpoints do not link (one altered, its signature kept)', async () => {
    const { witness, path, logId } = await witnessedTrail();
    // A stand-in in front of the witness that rewrites the first checkpoint of every list it serves.
    const proxy = createServer((req, res) => {
      void (async () => {
        const upstream = await fetch(new URL(req.url ?? '/', witness.url));
        let body = await upstream.text();
        if (req.url?.startsWith('/checkpoints?')) {
          const page = JSON.parse(body) as { checkpoints: string[]; next: number | null };
          const [header, payload, signature] = page.checkpoints[0]!.split('.');
          const statement = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
          page.checkpoints[0] = [header, Buffer.from(JSON.stringify({ ...statement, hash: 'e'.repeat(64) })).toString('base64url'), signature].join('.');
          body = JSON.stringify(page);
        }
        res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(body);
      })();
    });
    const proxyUrl = await listen(proxy, '127.0.0.1', 0);
    cleanups.push(() => closeServer(proxy, 100));
    const { code, output } = await verifyAgainst(path, proxyUrl, logId);
    expect(code).toBe(1);
    expect(output).toEqual([expect.stringMatching(/^audit log NOT VERIFIED: the witness's checkpoints do not form one chain: checkpoint n 2 does not link to the one before/)]);
  });

  it('notes the checkpoints the witness refused for the log', async () => {
    const { witness, path, logId } = await witnessedTrail();
    const refused = await createWitnessClient({ url: witness.url, token: witness.token }).submit({ log: logId, seq: 0, hash: '0'.repeat(64) });
    expect(refused.kind).toBe('refused');
    const { code, output } = await verifyAgainst(path, witness.url, logId);
    expect(code).toBe(0);
    expect(output[0]).toContain(`the witness refused 1 checkpoint(s) of this log (GET ${witness.url}/alarms?log=${logId})`);
  });

  it('requires a witness in production', async () => {
    const output: string[] = [];
    expect(await main({ path: tempLogPath(), env: { NODE_ENV: 'production', AUDIT_HMAC_KEY: testKey }, write: (line) => output.push(line) })).toBe(2);
    expect(output[0]).toContain('AUDIT_WITNESS_URL: required in production');
  });
});
