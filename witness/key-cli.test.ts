import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './key-cli.js';
import { loadWitnessKeyring } from './signing/index.js';

async function run(args: string[]) {
  const output: string[] = [];
  const code = await main(args, {}, (line) => output.push(line));
  return { code, output };
}

describe('npm run witness:key', () => {
  it('creates a key file once, then rotates it', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'guichet-witness-cli-')), 'keys.json');
    const created = await run(['create', path]);
    expect(created).toEqual({ code: 0, output: [expect.stringMatching(/^witness key created: \S+ in /)] });
    expect((await run(['create', path])).code).toBe(1);
    const rotated = await run(['rotate', path]);
    expect(rotated.code).toBe(0);
    expect(rotated.output[0]).toMatch(/retired \(public key kept\)/);
    expect((await loadWitnessKeyring(path, { create: false })).publicJwks).toHaveLength(2);
  });

  it('says how to use it', async () => {
    expect(await run(['frobnicate'])).toEqual({ code: 2, output: [expect.stringContaining('usage: npm run witness:key -- create|rotate')] });
    expect((await run(['rotate', join(tmpdir(), 'no-such-dir-guichet', 'k.json')])).code).toBe(1);
  });
});
