import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { genesisHash } from './chain.js';
import { createFileAuditStore } from './file-audit-store.js';
import { headPathOf } from './head-anchor.js';
import { parseRecord } from './parse-record.js';
import { entry, readLines, tempLogPath, testKey, writeLines } from './test-support/audit-fixtures.js';
import type { WitnessedTip } from './verify-chain.js';

/**
 * The attacks the anchor alone cannot see, each applied to a trail of 6 records whose tip (seq 6) a witness signed
 * and whose anchor at seq 3 was kept aside: each must verify "ok" without the witness (the defect) and fail with it.
 */
async function witnessedTrail(): Promise<{ path: string; oldAnchor: string; tip: WitnessedTip; atThree: WitnessedTip }> {
  const path = tempLogPath();
  const store = createFileAuditStore({ path, hmacKey: testKey, sync: false });
  await store.append([1, 2, 3].map((i) => entry(`40000000000${i}`)));
  const oldAnchor = `${path}.anchor-at-3`;
  copyFileSync(headPathOf(path), oldAnchor);
  await store.append([4, 5, 6].map((i) => entry(`40000000000${i}`)));
  await store.close();
  const records = readLines(path).map((line) => parseRecord(line)!);
  return { path, oldAnchor, tip: { seq: 6, hash: records[5]!.hash, witnessedAt: '2026-11-01T10:00:00.000Z' }, atThree: { seq: 3, hash: records[2]!.hash } };
}

const attacks: readonly [string, (trail: Awaited<ReturnType<typeof witnessedTrail>>) => Promise<void>, RegExp][] = [
  [
    'log truncated and an older authentic anchor put back',
    async ({ path, oldAnchor }) => {
      writeLines(path, readLines(path).slice(0, 3));
      copyFileSync(oldAnchor, headPathOf(path));
    },
    /the log ends at seq 3 but the witness signed seq 6 on 2026-11-01T10:00:00.000Z: records cut from the end, an older trail put back, or the trail wiped/,
  ],
  [
    'both files deleted',
    async ({ path }) => {
      rmSync(path);
      rmSync(headPathOf(path));
    },
    /the log holds no record but the witness signed seq 6/,
  ],
  [
    'a new chain restarted at 0 by the writer',
    async ({ path }) => {
      rmSync(path);
      rmSync(headPathOf(path));
      const writer = createFileAuditStore({ path, hmacKey: testKey, sync: false });
      await writer.append([entry('500000000001'), entry('500000000002')]);
      await writer.close();
    },
    /the log ends at seq 2 but the witness signed seq 6/,
  ],
  [
    'the records rewritten with the key after the witnessed point (a compromised writer)',
    async ({ path, oldAnchor }) => {
      writeLines(path, readLines(path).slice(0, 3));
      copyFileSync(oldAnchor, headPathOf(path));
      const writer = createFileAuditStore({ path, hmacKey: testKey, sync: false });
      await writer.append([4, 5, 6].map((i) => entry(`40000000000${i}`, { subject: 'someone-else' })));
      await writer.close();
    },
    /record seq 6 is not the one the witness signed on 2026-11-01T10:00:00.000Z: the trail was rewritten or forked/,
  ],
];

describe('verification against what a witness signed', () => {
  it.each(attacks)('%s: passes without the witness, fails with it', async (_name, attack, reason) => {
    const trail = await witnessedTrail();
    await attack(trail);
    const store = createFileAuditStore({ path: trail.path, hmacKey: testKey });
    expect(await store.verify()).toMatchObject({ ok: true });
    expect(await store.verifyAgainst([trail.atThree, trail.tip])).toMatchObject({ ok: false, reason: expect.stringMatching(reason) });
  });

  it('an untouched trail verifies against every point signed, the empty chain included', async () => {
    const trail = await witnessedTrail();
    expect(existsSync(trail.path)).toBe(true);
    const store = createFileAuditStore({ path: trail.path, hmacKey: testKey });
    expect(await store.verifyAgainst([{ seq: 0, hash: genesisHash }, trail.atThree, trail.tip])).toEqual({ ok: true, count: 6, notes: [] });
    // A trail ahead of its last checkpoint is normal: records appended since.
    expect(await store.verifyAgainst([trail.atThree])).toMatchObject({ ok: true, count: 6 });
  });

  it('hashAt finds a record by seq, the genesis hash for 0, nothing past the end', async () => {
    const trail = await witnessedTrail();
    const store = createFileAuditStore({ path: trail.path });
    expect(await store.hashAt(3)).toBe(trail.atThree.hash);
    expect(await store.hashAt(0)).toBe(genesisHash);
    expect(await store.hashAt(7)).toBeUndefined();
  });
});
