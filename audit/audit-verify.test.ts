import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../scripts/audit-verify.js';
import { createFileAuditStore } from './file-audit-store.js';
import { entry, readLines, tempLogPath, testKey, writeLines } from './test-support/audit-fixtures.js';

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
