import { createHmac } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main as auditVerify } from '../scripts/audit-verify.js';
import { createAuditKeyring, keyringOf } from './audit-keyring.js';
import { genesisHash, hashOf, macOf } from './chain.js';
import { createFileAuditStore } from './file-audit-store.js';
import { headPathOf } from './head-anchor.js';
import { parseRecord } from './parse-record.js';
import { entry, readLines, tempLogPath, writeLines } from './test-support/audit-fixtures.js';

const k1 = 'first-audit-key-0123456789abcdef-0123456789';
const k2 = 'second-audit-key-0123456789abcdef-012345678';
const k3 = 'third-audit-key-0123456789abcdef-0123456789';
const afterRotation = createAuditKeyring({ id: '2', key: k2 }, [{ id: '1', key: k1 }]);

async function append(path: string, keyring: ReturnType<typeof createAuditKeyring>, count: number, from = 0) {
  const store = createFileAuditStore({ path, keyring, sync: false });
  await store.append(Array.from({ length: count }, (_, i) => entry(`20000000000${(from + i) % 10}`)));
  await store.close();
}

const verifyWith = (path: string, keyring: ReturnType<typeof createAuditKeyring>) => createFileAuditStore({ path, keyring }).verify();

/** A trail as the code before key ids wrote it: no keyId in records nor anchor, the old anchor MAC. */
function writeLegacyTrail(path: string, key: string, count: number): void {
  const lines: string[] = [];
  let prevHash = genesisHash;
  for (let seq = 1; seq <= count; seq += 1) {
    const body = { ...entry(`30000000000${seq % 10}`), seq, prevHash };
    const hash = hashOf(body);
    lines.push(JSON.stringify({ ...body, hash, mac: macOf(Buffer.from(key), hash) }));
    prevHash = hash;
  }
  writeLines(path, lines);
  writeFileSync(headPathOf(path), JSON.stringify({ seq: count, hash: prevHash, mac: createHmac('sha256', key).update(`head:${count}:${prevHash}`).digest('hex') }));
}

describe('HMAC key rotation', () => {
  it('a rotation in the middle of a trail: each record names its key, and the whole trail verifies with the ring', async () => {
    const path = tempLogPath();
    await append(path, keyringOf(k1), 3);
    await append(path, afterRotation, 3, 3);
    const records = readLines(path).map((line) => parseRecord(line)!);
    expect(records.map((record) => [record.seq, record.keyId])).toEqual([
      [1, '1'],
      [2, '1'],
      [3, '1'],
      [4, '2'],
      [5, '2'],
      [6, '2'],
    ]);
    expect(JSON.parse(readFileSync(headPathOf(path), 'utf8'))).toMatchObject({ seq: 6, keyId: '2' });
    expect(await verifyWith(path, afterRotation)).toEqual({ ok: true, count: 6, notes: [] });
    // and through audit:verify, the previous key given as AUDIT_HMAC_PREVIOUS_KEYS
    const output: string[] = [];
    const code = await auditVerify({ path, env: { AUDIT_HMAC_KEY: k2, AUDIT_HMAC_KEY_ID: '2', AUDIT_HMAC_PREVIOUS_KEYS: `1:${k1}` }, write: (line) => output.push(line) });
    expect({ code, line: output[0] }).toEqual({ code: 0, line: expect.stringMatching(/^audit log ok: 6 record\(s\) verified/) });
  });

  it('two rotations, and a writer reopening after each', async () => {
    const path = tempLogPath();
    await append(path, keyringOf(k1), 2);
    await append(path, afterRotation, 2, 2);
    const third = createAuditKeyring({ id: '3', key: k3 }, [
      { id: '1', key: k1 },
      { id: '2', key: k2 },
    ]);
    await append(path, third, 2, 4);
    expect(readLines(path).map((line) => parseRecord(line)!.keyId)).toEqual(['1', '1', '2', '2', '3', '3']);
    expect(await verifyWith(path, third)).toMatchObject({ ok: true, count: 6 });
  });

  it('without the previous key, the records it sealed fail, naming the missing key id', async () => {
    const path = tempLogPath();
    await append(path, keyringOf(k1), 2);
    await append(path, afterRotation, 2, 2);
    expect(await verifyWith(path, keyringOf(k2, '2'))).toMatchObject({ ok: false, firstBadIndex: 0, reason: expect.stringContaining('key id "1", which is not configured') });
  });

  it('a retired key cannot seal a record after one sealed by its successor (a leaked old key forges nothing new)', async () => {
    const path = tempLogPath();
    await append(path, keyringOf(k1), 2);
    await append(path, afterRotation, 2, 2);
    const last = parseRecord(readLines(path)[3]!)!;
    const body = { ...entry('200000000009', { subject: 'forger' }), seq: 5, prevHash: last.hash, keyId: '1' };
    const hash = hashOf(body);
    writeLines(path, [...readLines(path), JSON.stringify({ ...body, hash, mac: macOf(Buffer.from(k1), hash) })]);
    expect(await verifyWith(path, afterRotation)).toMatchObject({ ok: false, firstBadIndex: 4, reason: expect.stringContaining('older than the key of the record before') });
  });

  it('a record relabelled to another key fails (the key id is under the hash)', async () => {
    const path = tempLogPath();
    await append(path, afterRotation, 2);
    writeLines(
      path,
      readLines(path).map((line, i) => (i === 1 ? line.replace('"keyId":"2"', '"keyId":"1"') : line)),
    );
    expect(await verifyWith(path, afterRotation)).toMatchObject({ ok: false, firstBadIndex: 1, reason: expect.stringContaining('record edited') });
  });

  it('records and an anchor written before key ids verify with the oldest key, and the trail goes on under rotation', async () => {
    const path = tempLogPath();
    writeLegacyTrail(path, k1, 3);
    expect(await verifyWith(path, keyringOf(k1))).toEqual({ ok: true, count: 3, notes: [] });
    await append(path, afterRotation, 2, 3);
    expect(readLines(path).map((line) => parseRecord(line)!.keyId ?? null)).toEqual([null, null, null, '2', '2']);
    expect(await verifyWith(path, afterRotation)).toEqual({ ok: true, count: 5, notes: [] });
  });

  it('the anchor names its key under its MAC: relabelled, it no longer verifies', async () => {
    const path = tempLogPath();
    await append(path, afterRotation, 2);
    const anchor = JSON.parse(readFileSync(headPathOf(path), 'utf8')) as Record<string, unknown>;
    writeFileSync(headPathOf(path), JSON.stringify({ ...anchor, keyId: '1' }));
    expect(await verifyWith(path, afterRotation)).toMatchObject({ ok: false, reason: expect.stringContaining('anchor MAC invalid') });
  });
});
