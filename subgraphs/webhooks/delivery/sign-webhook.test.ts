import { createHmac, randomBytes } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { signWebhook } from './sign-webhook.js';
import { generateWebhookSecret, isValidWebhookSecret, WEBHOOK_SECRET_BYTES } from './webhook-secret.js';

const secretOf = (bytes: number) => `whsec_${randomBytes(bytes).toString('base64')}`;

/** The spec's formula computed with node:crypto, independently of the package we sign with. */
function expectedSignature(secret: string, id: string, seconds: number, body: string): string {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${seconds}.${body}`).digest('base64')}`;
}

const bodies = [
  '{}',
  '{"type":"dossier.status_changed","data":{"reference":"CEET-2026-000123","status":"EN_COURS"}}',
  '{"texte":"Décision rendue — l’usager doit passer au guichet ✓"}',
  JSON.stringify({ big: 'x'.repeat(100_000) }),
];
const ids = ['msg_2b7c1a', 'msg_01HZX0000000000000000000', 'msg_with.dot'];

describe('generateWebhookSecret', () => {
  it('is whsec_ + base64 of 32 random bytes, valid, and never repeats', () => {
    const secrets = Array.from({ length: 200 }, generateWebhookSecret);
    for (const secret of secrets) {
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
      expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(WEBHOOK_SECRET_BYTES);
      expect(isValidWebhookSecret(secret)).toBe(true);
      // The official package accepts it as a key.
      expect(() => new Webhook(secret)).not.toThrow();
    }
    expect(new Set(secrets).size).toBe(secrets.length);
  });

  it.each([
    [secretOf(24), true],
    [secretOf(48), true],
    [secretOf(64), true],
    [secretOf(23), false],
    [secretOf(65), false],
    [secretOf(32).slice('whsec_'.length), false],
    ['whsec_', false],
    ['whsec_not base64!', false],
    [`whsec_${randomBytes(32).toString('base64url')}_`, false],
  ])('isValidWebhookSecret(%s) is %s', (secret, valid) => {
    expect(isValidWebhookSecret(secret)).toBe(valid);
  });
});

describe('signWebhook', () => {
  const now = new Date();
  const cases = bodies.flatMap((body) => ids.map((id) => ({ body, id })));

  it.each(cases)('verifies with the official package and matches the spec formula ($id, body of $body.length chars)', ({ body, id }) => {
    const secret = generateWebhookSecret();
    const headers = signWebhook({ id, timestamp: now, body, secrets: [secret] });
    const seconds = Math.floor(now.getTime() / 1000);
    expect(headers['webhook-id']).toBe(id);
    expect(headers['webhook-timestamp']).toBe(String(seconds));
    expect(headers['webhook-signature']).toBe(expectedSignature(secret, id, seconds, body));
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it('writes whole seconds, rounding down', () => {
    const headers = signWebhook({ id: 'msg_1', timestamp: new Date(1_760_000_000_999), body: '{}', secrets: [generateWebhookSecret()] });
    expect(headers['webhook-timestamp']).toBe('1760000000');
  });

  it('signs once per secret during a rotation, and each secret verifies on its own', () => {
    const secrets = [generateWebhookSecret(), generateWebhookSecret(), generateWebhookSecret()];
    const body = bodies[1]!;
    const headers = signWebhook({ id: 'msg_rot', timestamp: now, body, secrets });
    const signatures = headers['webhook-signature'].split(' ');
    expect(signatures).toHaveLength(3);
    expect(signatures.every((signature) => signature.startsWith('v1,'))).toBe(true);
    for (const secret of secrets) expect(() => new Webhook(secret).verify(body, { ...headers })).not.toThrow();
    expect(() => new Webhook(generateWebhookSecret()).verify(body, { ...headers })).toThrow(WebhookVerificationError);
  });

  const body = bodies[1]!;
  const tampered: ReadonlyArray<{ name: string; change: (h: Record<string, string>) => { body: string; headers: Record<string, string>; secret?: string } }> = [
    { name: 'a character of the body changed', change: (h) => ({ body: body.replace('EN_COURS', 'EN_COURT'), headers: h }) },
    { name: 'a byte appended to the body', change: (h) => ({ body: `${body} `, headers: h }) },
    { name: 'the body re-serialised with spaces', change: (h) => ({ body: JSON.stringify(JSON.parse(body), null, 1), headers: h }) },
    { name: 'the body empty', change: (h) => ({ body: '', headers: h }) },
    { name: 'the timestamp one second later', change: (h) => ({ body, headers: { ...h, 'webhook-timestamp': String(Number(h['webhook-timestamp']) + 1) } }) },
    { name: 'the timestamp one second earlier', change: (h) => ({ body, headers: { ...h, 'webhook-timestamp': String(Number(h['webhook-timestamp']) - 1) } }) },
    { name: 'another message id', change: (h) => ({ body, headers: { ...h, 'webhook-id': `${h['webhook-id']}x` } }) },
    { name: 'another secret', change: (h) => ({ body, headers: h, secret: generateWebhookSecret() }) },
    { name: 'a v2 label on the signature', change: (h) => ({ body, headers: { ...h, 'webhook-signature': h['webhook-signature']!.replace('v1,', 'v2,') } }) },
    { name: 'the signature header missing', change: ({ 'webhook-signature': _, ...rest }) => ({ body, headers: rest }) },
  ];

  it.each(tampered)('fails verification with $name', ({ change }) => {
    const secret = generateWebhookSecret();
    const headers = { ...signWebhook({ id: 'msg_t', timestamp: now, body, secrets: [secret] }) };
    const altered = change(headers);
    expect(() => new Webhook(altered.secret ?? secret).verify(altered.body, altered.headers)).toThrow(WebhookVerificationError);
  });

  it('fails verification once outside the five-minute tolerance, though the signature is right', () => {
    const secret = generateWebhookSecret();
    const old = signWebhook({ id: 'msg_old', timestamp: new Date(Date.now() - 6 * 60_000), body, secrets: [secret] });
    expect(() => new Webhook(secret).verify(body, { ...old })).toThrow(/too old/);
  });

  it('refuses to sign without a secret or an id', () => {
    expect(() => signWebhook({ id: 'msg_1', timestamp: now, body, secrets: [] })).toThrow(/secret/);
    expect(() => signWebhook({ id: '', timestamp: now, body, secrets: [generateWebhookSecret()] })).toThrow(/id/);
    expect(() => signWebhook({ id: 'msg_1', timestamp: new Date(Number.NaN), body, secrets: [generateWebhookSecret()] })).toThrow(/timestamp/);
  });
});
