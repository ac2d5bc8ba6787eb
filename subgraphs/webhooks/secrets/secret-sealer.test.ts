import { describe, expect, it } from 'vitest';
import { createSecretSealer } from './secret-sealer.js';

describe('createSecretSealer', () => {
  const secrets = ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', '', 'é'.repeat(100), 'a.b.c.d'];

  it.each(secrets)('opens what it sealed (%#), never the same text twice', (secret) => {
    const sealer = createSecretSealer(['key one']);
    const a = sealer.seal(secret);
    expect(sealer.open(a)).toBe(secret);
    expect(sealer.seal(secret)).not.toBe(a);
    expect(a).not.toContain(secret || 'impossible');
  });

  it('rotates: the new key seals, the old one still opens what it sealed', () => {
    const old = createSecretSealer(['old key']);
    const sealedBefore = old.seal('whsec_before');
    const rotated = createSecretSealer(['new key', 'old key']);
    expect(rotated.open(sealedBefore)).toBe('whsec_before');
    const sealedAfter = rotated.seal('whsec_after');
    expect(createSecretSealer(['new key']).open(sealedAfter)).toBe('whsec_after');
    expect(() => old.open(sealedAfter)).toThrow(/not configured/);
  });

  it.each([
    ['not sealed', 'whsec_plain'],
    ['wrong version', 'v2.x.y.z.w'],
    ['missing part', 'v1.x.y.z'],
  ])('refuses %s', (_, text) => {
    expect(() => createSecretSealer(['k']).open(text)).toThrow();
  });

  it('refuses a tampered ciphertext or tag (GCM authenticates)', () => {
    const sealer = createSecretSealer(['k']);
    const parts = sealer.seal('whsec_secret').split('.');
    for (const index of [2, 3, 4]) {
      const tampered = [...parts];
      const value = tampered[index] ?? '';
      tampered[index] = (value[0] === 'A' ? 'B' : 'A') + value.slice(1);
      expect(() => sealer.open(tampered.join('.'))).toThrow();
    }
  });
});
