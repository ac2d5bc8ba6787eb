import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { signAccessToken } from './sign-access-token.js';

const keyPath = join(mkdtempSync(join(tmpdir(), 'guichet-sign-')), 'key.json');
const base = { keyPath, issuer: 'http://127.0.0.1:4100', audience: 'guichet' } as const;
// A well-formed NIF: ten digits, the last a Luhn check digit (schema/company-identifiers.ts).
const nif = '1005923006';

describe('signAccessToken (npm start -- --production people’s tokens)', () => {
  it('signs a representative’s companies into the citizen’s token, and none by default', async () => {
    expect(decodeJwt(await signAccessToken({ ...base, role: 'citizen', niu: '664556030999', companies: [nif] }))).toMatchObject({ niu: '664556030999', companies: [nif] });
    expect(decodeJwt(await signAccessToken({ ...base, role: 'citizen', niu: '664556030999' }))).not.toHaveProperty('companies');
  });

  it('refuses a malformed NIF and companies on another role’s token, in French', async () => {
    await expect(signAccessToken({ ...base, role: 'citizen', niu: '664556030999', companies: ['1005923007'] })).rejects.toThrow(/--companies : .*clé de contrôle/);
    await expect(signAccessToken({ ...base, role: 'supervisor', companies: [nif] })).rejects.toThrow(/ne vaut que pour un citoyen/);
  });
});
