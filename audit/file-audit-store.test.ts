import { appendFileSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { hashOf, macOf } from './chain.js';
import { createFileAuditStore, type FileAuditStore } from './file-audit-store.js';
import { AuditIntegrityError } from './audit-store.js';
import { parseRecord } from './parse-record.js';
import { entry, readLines, tempLogPath, testKey, writeLines } from './test-support/audit-fixtures.js';

const stores: FileAuditStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

function storeAt(path = tempLogPath(), hmacKey: string | undefined = testKey): FileAuditStore {
  const store = createFileAuditStore({ path, hmacKey });
  stores.push(store);
  return store;
}

/** A log of `count` records on NIUs 100000000001, 100000000002… (cycling over three). */
async function logOf(count: number): Promise<FileAuditStore> {
  const store = storeAt();
  await store.append(Array.from({ length: count }, (_, i) => entry(`10000000000${(i % 3) + 1}`, { traceId: `trace-${i + 1}` })));
  await store.close();
  return store;
}

/** Verifies with a fresh store, as `audit:verify` would. */
const verify = (store: FileAuditStore) => storeAt(store.path).verify();

describe('file audit store: chain', () => {
  it('seals records with seq, prevHash, hash and mac, and verifies them', async () => {
    const store = storeAt();
    const [first, second] = await store.append([entry('100000000001'), entry('100000000002', { action: 'write' })]);
    expect(first).toMatchObject({ seq: 1, prevHash: '0'.repeat(64), niu: '100000000001' });
    expect(second).toMatchObject({ seq: 2, prevHash: first?.hash, action: 'write' });
    expect(await store.verify()).toEqual({ ok: true, count: 2, notes: [] });
    expect(readLines(store.path)).toHaveLength(2);
  });

  it('continues the chain across instances (the writer restarts)', async () => {
    const store = await logOf(3);
    const again = storeAt(store.path);
    const [next] = await again.append([entry('100000000009')]);
    expect(next?.seq).toBe(4);
    expect(await verify(store)).toMatchObject({ ok: true, count: 4 });
  });

  it('open() says where the chain ends', async () => {
    const store = await logOf(3);
    const last = parseRecord(readLines(store.path)[2]!)!;
    expect(await storeAt(store.path).open()).toEqual({ seq: 3, hash: last.hash });
  });

  it('a second writer is noticed, and the chain stays whole', async () => {
    const path = tempLogPath();
    const first = storeAt(path);
    const second = storeAt(path);
    await first.append([entry('100000000001')]);
    await second.append([entry('100000000002')]); // opens after the first: continues its chain
    await expect(first.append([entry('100000000003')])).rejects.toThrow(/changed under its writer/);
    const [retried] = await first.append([entry('100000000003')]); // reopened: continues after the second's record
    expect(retried?.seq).toBe(3);
    expect(await storeAt(path).verify()).toMatchObject({ ok: true, count: 3 });
  });

  it('an empty or absent log verifies as empty', async () => {
    expect(await storeAt().verify()).toEqual({ ok: true, count: 0, notes: [] });
  });

  it('keeps the chain valid under concurrent appends', async () => {
    const store = storeAt();
    const batches = await Promise.all(Array.from({ length: 200 }, (_, i) => store.append([entry(`2000000000${String(i % 50).padStart(2, '0')}`), entry('300000000000', { action: 'write' })])));
    const seqs = batches.flat().map((record) => record.seq);
    expect(new Set(seqs).size).toBe(400);
    expect(Math.max(...seqs)).toBe(400);
    for (const batch of batches) expect(batch[1]?.seq).toBe((batch[0]?.seq ?? 0) + 1); // one request's records stay together
    expect(await verify(store)).toMatchObject({ ok: true, count: 400 });
  });
});

describe('file audit store: tampering is detected', () => {
  it('an edited field', async () => {
    const store = await logOf(5);
    const lines = readLines(store.path);
    lines[2] = lines[2]!.replace('"subject":"agent-7"', '"subject":"agent-8"');
    writeLines(store.path, lines);
    expect(await verify(store)).toMatchObject({ ok: false, count: 2, firstBadIndex: 2, reason: expect.stringContaining('record edited') });
  });

  it('an added field', async () => {
    const store = await logOf(3);
    const lines = readLines(store.path);
    lines[1] = lines[1]!.replace('{', '{"note":"nothing to see",');
    writeLines(store.path, lines);
    expect(await verify(store)).toMatchObject({ ok: false, firstBadIndex: 1 });
  });

  it('a deleted record in the middle', async () => {
    const store = await logOf(5);
    writeLines(
      store.path,
      readLines(store.path).filter((_, i) => i !== 2),
    );
    expect(await verify(store)).toMatchObject({ ok: false, firstBadIndex: 2, reason: expect.stringContaining('expected seq 3, found 4') });
  });

  it('the last record deleted', async () => {
    const store = await logOf(5);
    writeLines(store.path, readLines(store.path).slice(0, 4));
    expect(await verify(store)).toMatchObject({ ok: false, count: 4, firstBadIndex: 4, reason: expect.stringContaining('records deleted from the end') });
  });

  it('the last records deleted, down to none', async () => {
    const store = await logOf(5);
    writeLines(store.path, readLines(store.path).slice(0, 2));
    expect(await verify(store)).toMatchObject({ ok: false, count: 2, reason: expect.stringContaining('anchor says 5') });
    writeFileSync(store.path, '');
    expect(await verify(store)).toMatchObject({ ok: false, count: 0 });
  });

  it('two records swapped', async () => {
    const store = await logOf(5);
    const lines = readLines(store.path);
    writeLines(store.path, [lines[0]!, lines[2]!, lines[1]!, lines[3]!, lines[4]!]);
    expect(await verify(store)).toMatchObject({ ok: false, firstBadIndex: 1, reason: expect.stringContaining('expected seq 2, found 3') });
  });

  it('two records swapped with their seq and links rewritten (hashes recomputed without the key)', async () => {
    const store = await logOf(4);
    const records = readLines(store.path).map((line) => parseRecord(line)!);
    const reordered = [records[0]!, records[2]!, records[1]!, records[3]!];
    let prevHash = records[0]!.hash;
    const forged = reordered.slice(1).map((record, i) => {
      const body = { ...record, seq: i + 2, prevHash };
      const hash = hashOf(body);
      prevHash = hash;
      return { ...body, hash }; // the old mac: the attacker has no key
    });
    writeLines(
      store.path,
      [records[0]!, ...forged].map((record) => JSON.stringify(record)),
    );
    expect(await verify(store)).toMatchObject({ ok: false, firstBadIndex: 1, reason: expect.stringContaining('MAC invalid') });
  });

  it('a forged record appended with a correct hash but no key', async () => {
    const store = await logOf(3);
    const last = parseRecord(readLines(store.path)[2]!)!;
    const body = { ...last, seq: 4, prevHash: last.hash, subject: 'nobody', traceId: 'forged' };
    const hash = hashOf(body);
    appendFileSync(store.path, `${JSON.stringify({ ...body, hash, mac: macOf(Buffer.from('a guessed key'), hash) })}\n`);
    expect(await verify(store)).toMatchObject({ ok: false, count: 3, firstBadIndex: 3, reason: expect.stringContaining('MAC invalid') });
  });

  it('an anchor rewritten without the key, or removed', async () => {
    const store = await logOf(3);
    writeLines(store.path, readLines(store.path).slice(0, 2));
    const record = parseRecord(readLines(store.path)[1]!)!;
    writeFileSync(store.headPath, JSON.stringify({ seq: 2, hash: record.hash, mac: 'ab'.repeat(32) }));
    expect(await verify(store)).toMatchObject({ ok: false, reason: expect.stringContaining('anchor MAC invalid') });
    unlinkSync(store.headPath);
    expect(await verify(store)).toMatchObject({ ok: false, reason: expect.stringContaining('anchor file missing') });
  });

  it('a garbled line', async () => {
    const store = await logOf(3);
    const lines = readLines(store.path);
    lines[1] = lines[1]!.slice(0, 40);
    writeLines(store.path, lines);
    expect(await verify(store)).toMatchObject({ ok: false, firstBadIndex: 1, reason: expect.stringContaining('not an audit record') });
  });

  it('the writer refuses to extend a log whose end was cut', async () => {
    const store = await logOf(4);
    writeLines(store.path, readLines(store.path).slice(0, 3));
    const writer = storeAt(store.path);
    await expect(writer.open()).rejects.toBeInstanceOf(AuditIntegrityError);
    await expect(writer.append([entry('100000000001')])).rejects.toThrow(/anchor says 4/);
    expect(readLines(store.path)).toHaveLength(3); // nothing written over the evidence
  });
});

describe('file audit store: interrupted writes', () => {
  it('a partial last line (a write in progress) is skipped by readers and dropped by the next writer', async () => {
    const store = await logOf(3);
    const partial = readLines(store.path)[0]!.slice(0, 50);
    appendFileSync(store.path, partial);
    expect(await verify(store)).toMatchObject({ ok: true, count: 3, notes: [expect.stringContaining('partial last line')] });
    expect(await storeAt(store.path, undefined).listForNiu('100000000001')).toHaveLength(1);
    const writer = storeAt(store.path);
    await writer.append([entry('100000000001')]);
    expect(readFileSync(store.path, 'utf8')).not.toContain(`${partial}{`);
    expect(await verify(store)).toEqual({ ok: true, count: 4, notes: [] });
  });

  it('records sealed but not yet anchored (crash between the two) verify, and the writer anchors them', async () => {
    const store = await logOf(2);
    const anchorBefore = readFileSync(store.headPath, 'utf8');
    await storeAt(store.path).append([entry('100000000001'), entry('100000000002')]);
    writeFileSync(store.headPath, anchorBefore); // as if the process died before moving the anchor
    expect(await verify(store)).toMatchObject({ ok: true, count: 4, notes: [expect.stringContaining('2 record(s) after the anchor')] });
    await storeAt(store.path).open();
    expect(await verify(store)).toEqual({ ok: true, count: 4, notes: [] });
  });
});

describe('file audit store: listForNiu', () => {
  it("returns only that citizen's records, newest first, limited", async () => {
    const store = await logOf(30); // NIUs …001, …002, …003 in turn
    const reader = storeAt(store.path, undefined); // a reader needs no key
    const all = await reader.listForNiu('100000000002', { limit: 1000 });
    expect(all.map((record) => record.seq)).toEqual([29, 26, 23, 20, 17, 14, 11, 8, 5, 2]);
    expect(all.every((record) => record.niu === '100000000002')).toBe(true);
    expect((await reader.listForNiu('100000000002', { limit: 3 })).map((record) => record.traceId)).toEqual(['trace-29', 'trace-26', 'trace-23']);
    expect(await reader.listForNiu('100000000002')).toHaveLength(10);
    expect(await reader.listForNiu('999999999999')).toEqual([]);
  });

  it("filters before the limit (e.g. without the citizen's own reads)", async () => {
    const store = storeAt();
    await store.append([entry('100000000001', { subject: 'agent-1' }), ...Array.from({ length: 5 }, () => entry('100000000001', { subject: 'citizen-1' }))]);
    const others = await store.listForNiu('100000000001', { limit: 1, where: (record) => record.subject !== 'citizen-1' });
    expect(others.map((record) => record.subject)).toEqual(['agent-1']);
  });

  it('does not match a NIU that only starts the same', async () => {
    const store = storeAt();
    await store.append([entry('1000000000011'), entry('100000000001')]);
    expect((await store.listForNiu('100000000001')).map((record) => record.seq)).toEqual([2]);
  });

  it('reads across chunk boundaries (a log larger than one read)', async () => {
    const store = storeAt();
    await store.append(Array.from({ length: 3000 }, (_, i) => entry(i % 1000 === 0 ? '555555555555' : '100000000001', { traceId: `t${i}` })));
    expect((await store.listForNiu('555555555555')).map((record) => record.traceId)).toEqual(['t2000', 't1000', 't0']);
    expect(await verify(store)).toMatchObject({ ok: true, count: 3000 });
  });

  it('an absent log lists nothing', async () => {
    expect(await storeAt(tempLogPath(), undefined).listForNiu('100000000001')).toEqual([]);
  });
});
