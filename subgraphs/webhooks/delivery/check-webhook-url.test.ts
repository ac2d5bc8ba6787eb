import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, MAX_WEBHOOK_URL_LENGTH } from './check-webhook-url.js';
import { createTargetPolicy, splitTargetAllowList } from './create-target-policy.js';
import { type FakeAnswer, fakeResolver } from './testing/fake-resolver.js';

const PUBLIC_V4 = '41.207.160.1';
const PUBLIC_V6 = '2c0f:f248::1';

function policyWith(allow: readonly string[] = [], table: Readonly<Record<string, FakeAnswer>> = {}) {
  const resolver = fakeResolver(table);
  return { policy: createTargetPolicy({ allow, resolve: resolver.resolve, resolveTimeoutMs: 200 }), calls: resolver.calls };
}

/** Host notations the WHATWG parser turns into a loopback, private or metadata address, with the address expected. */
const literalTargets: ReadonlyArray<readonly [string, string]> = [
  ['127.0.0.1', '127.0.0.1'],
  ['2130706433', '127.0.0.1'],
  ['0x7f000001', '127.0.0.1'],
  ['0x7f.0x0.0x0.0x1', '127.0.0.1'],
  ['0177.0.0.1', '127.0.0.1'],
  ['0177.1', '127.0.0.1'],
  ['127.1', '127.0.0.1'],
  ['127.0.1', '127.0.0.1'],
  ['127.0.0.1.', '127.0.0.1'],
  ['127.000.000.001', '127.0.0.1'],
  ['%31%32%37.0.0.1', '127.0.0.1'],
  ['０x７ｆ.1', '127.0.0.1'],
  ['0', '0.0.0.0'],
  ['0.0.0.0', '0.0.0.0'],
  ['10.0.0.1', '10.0.0.1'],
  ['012.0.0.1', '10.0.0.1'],
  ['167772161', '10.0.0.1'],
  ['172.16.0.1', '172.16.0.1'],
  ['192.168.0.1', '192.168.0.1'],
  ['3232235521', '192.168.0.1'],
  ['100.64.0.1', '100.64.0.1'],
  ['169.254.169.254', '169.254.169.254'],
  ['0xa9fea9fe', '169.254.169.254'],
  ['2852039166', '169.254.169.254'],
  ['224.0.0.1', '224.0.0.1'],
  ['255.255.255.255', '255.255.255.255'],
  ['[::1]', '::1'],
  ['[0:0:0:0:0:0:0:1]', '::1'],
  ['[::]', '::'],
  ['[::ffff:7f00:1]', '::ffff:7f00:1'],
  ['[::ffff:127.0.0.1]', '::ffff:7f00:1'],
  ['[::ffff:a9fe:a9fe]', '::ffff:a9fe:a9fe'],
  ['[::127.0.0.1]', '::7f00:1'],
  ['[64:ff9b::127.0.0.1]', '64:ff9b::7f00:1'],
  ['[64:ff9b::a00:1]', '64:ff9b::a00:1'],
  ['[2002:7f00:1::1]', '2002:7f00:1::1'],
  ['[2002:a9fe:a9fe::1]', '2002:a9fe:a9fe::1'],
  ['[fe80::1]', 'fe80::1'],
  ['[FD00::ABCD]', 'fd00::abcd'],
  ['[fc00::1]', 'fc00::1'],
  ['[ff02::1]', 'ff02::1'],
];

describe('checkWebhookUrl — what the URL itself says', () => {
  it.each([
    ['not a url', 'WEBHOOK_URL_INVALID'],
    ['/relative/path', 'WEBHOOK_URL_INVALID'],
    ['https://', 'WEBHOOK_URL_INVALID'],
    ['https://exa mple.tg/', 'WEBHOOK_URL_INVALID'],
    ['https://256.256.256.256/', 'WEBHOOK_URL_INVALID'],
    [`https://hooks.example.tg/${'a'.repeat(MAX_WEBHOOK_URL_LENGTH)}`, 'WEBHOOK_URL_INVALID'],
    ['ftp://hooks.example.tg/', 'WEBHOOK_URL_SCHEME'],
    ['file:///etc/passwd', 'WEBHOOK_URL_SCHEME'],
    ['gopher://127.0.0.1:6379/_INFO', 'WEBHOOK_URL_SCHEME'],
    ['javascript:alert(1)', 'WEBHOOK_URL_SCHEME'],
    ['data:application/json,{}', 'WEBHOOK_URL_SCHEME'],
    ['ws://hooks.example.tg/', 'WEBHOOK_URL_SCHEME'],
    ['wss://hooks.example.tg/', 'WEBHOOK_URL_SCHEME'],
    ['http://hooks.example.tg/', 'WEBHOOK_URL_SCHEME'],
    ['HTTP://hooks.example.tg/', 'WEBHOOK_URL_SCHEME'],
    ['https://user:pass@hooks.example.tg/', 'WEBHOOK_URL_CREDENTIALS'],
    ['https://user@hooks.example.tg/', 'WEBHOOK_URL_CREDENTIALS'],
    ['https://:pass@hooks.example.tg/', 'WEBHOOK_URL_CREDENTIALS'],
    ['https://hooks.example.tg@127.0.0.1/', 'WEBHOOK_URL_CREDENTIALS'],
    ['https://hooks.example.tg/x#frag', 'WEBHOOK_URL_FRAGMENT'],
    ['https://hooks.example.tg/x#', 'WEBHOOK_URL_FRAGMENT'],
  ])('refuses %s with %s, in French, before any lookup', async (url, code) => {
    const { policy, calls } = policyWith([], { 'hooks.example.tg': [PUBLIC_V4] });
    const check = await checkWebhookUrl(url, policy);
    expect(check).toMatchObject({ ok: false, code });
    if (!check.ok) {
      expect(check.message).toMatch(/webhook|https/);
      expect(check.message).toMatch(/[’éà]/);
      expect(check.reason).toMatch(/^[\x20-\x7e]+$/);
    }
    expect(calls).toEqual([]);
  });

  it.each([
    ['https://hooks.example.tg/x', 'https://hooks.example.tg/x'],
    ['https://HOOKS.Example.TG:8443/a?b=c', 'https://hooks.example.tg:8443/a?b=c'],
    ['https://hooks.example.tg:443/', 'https://hooks.example.tg/'],
    ['https://hooks.example.tg:1/', 'https://hooks.example.tg:1/'],
    ['https://hooks.example.tg:65535/', 'https://hooks.example.tg:65535/'],
    ['  https://hooks.example.tg/  ', 'https://hooks.example.tg/'],
    ['https://hooks.example.tg./', 'https://hooks.example.tg./'],
    ['https://bücher.example.tg/', 'https://xn--bcher-kva.example.tg/'],
    [`https://${PUBLIC_V4}/`, `https://${PUBLIC_V4}/`],
    ['https://0x29cfa001/', `https://${PUBLIC_V4}/`],
    [`https://[${PUBLIC_V6}]/`, `https://[${PUBLIC_V6}]/`],
  ])('accepts %s as %s (any port, normalised)', async (url, normalised) => {
    const { policy } = policyWith([], { 'hooks.example.tg': [PUBLIC_V4, PUBLIC_V6], 'hooks.example.tg.': [PUBLIC_V4], 'xn--bcher-kva.example.tg': [PUBLIC_V4] });
    const check = await checkWebhookUrl(url, policy);
    expect(check).toMatchObject({ ok: true, url: normalised });
  });
});

describe('checkWebhookUrl — every address must be public', () => {
  it.each(literalTargets)('refuses https://%s/ (%s) without a lookup', async (host, address) => {
    const { policy, calls } = policyWith();
    const check = await checkWebhookUrl(`https://${host}/hook`, policy);
    expect(check).toMatchObject({ ok: false, code: 'WEBHOOK_URL_BLOCKED_ADDRESS' });
    if (!check.ok) {
      expect(check.reason).toMatch(new RegExp(`^blocked address ${address.replace(/[.]/g, '\\.')} \\(`));
      expect(check.message).toContain(address);
    }
    expect(calls).toEqual([]);
  });

  it.each(literalTargets.map(([host, address]) => ({ host, address, entry: address.includes(':') ? `${address}/128` : `${address}/32` })))(
    'lets https://$host/ through when the allow-list holds $entry',
    async ({ host, entry }) => {
      const { policy } = policyWith([entry]);
      expect(await checkWebhookUrl(`https://${host}/hook`, policy)).toMatchObject({ ok: true });
    },
  );

  const names: ReadonlyArray<readonly [string, string, readonly string[]]> = [
    ['https://localhost/', 'localhost', ['127.0.0.1', '::1']],
    ['https://LOCALHOST./', 'localhost.', ['127.0.0.1']],
    ['https://metadata.google.internal/computeMetadata/v1/', 'metadata.google.internal', ['169.254.169.254']],
    ['https://intranet.example.tg/', 'intranet.example.tg', ['10.1.2.3']],
    ['https://mixed.example.tg/', 'mixed.example.tg', [PUBLIC_V4, '192.168.1.10']],
    ['https://mixed6.example.tg/', 'mixed6.example.tg', [PUBLIC_V6, 'fd00::1']],
    ['https://mapped.example.tg/', 'mapped.example.tg', ['::ffff:10.0.0.1']],
    ['https://nat64.example.tg/', 'nat64.example.tg', ['64:ff9b::a9fe:a9fe']],
    ['https://cgnat.example.tg/', 'cgnat.example.tg', ['100.100.100.200']],
    ['https://xn--bcher-kva.example.tg/', 'xn--bcher-kva.example.tg', ['127.0.0.1']],
    ['https://BÜCHER.example.tg/', 'xn--bcher-kva.example.tg', ['127.0.0.1']],
  ];
  it.each(names)('refuses %s: the name %s resolves to %j', async (url, name, addresses) => {
    const { policy, calls } = policyWith([], { [name]: addresses });
    const check = await checkWebhookUrl(url, policy);
    expect(check).toMatchObject({ ok: false, code: 'WEBHOOK_URL_BLOCKED_ADDRESS' });
    expect(calls).toEqual([name]);
  });

  it('accepts a name whose every address is public, and returns them all', async () => {
    const { policy } = policyWith([], { 'hooks.example.tg': [PUBLIC_V4, PUBLIC_V6, PUBLIC_V4] });
    expect(await checkWebhookUrl('https://hooks.example.tg/in', policy)).toEqual({
      ok: true,
      url: 'https://hooks.example.tg/in',
      addresses: [
        { address: PUBLIC_V4, family: 4 },
        { address: PUBLIC_V6, family: 6 },
      ],
    });
  });

  it.each([
    ['nowhere.example.tg', 'ENOTFOUND', { error: 'ENOTFOUND' }],
    ['flaky.example.tg', 'EAI_AGAIN', { error: 'EAI_AGAIN' }],
    ['empty.example.tg', 'no address', []],
    ['slow.example.tg', 'timed out after 200 ms', 'hang'],
  ] as const)('answers WEBHOOK_URL_UNRESOLVABLE for %s (%s)', async (name, reason, answer) => {
    const { policy } = policyWith([], { [name]: answer as FakeAnswer });
    const check = await checkWebhookUrl(`https://${name}/`, policy);
    expect(check).toMatchObject({ ok: false, code: 'WEBHOOK_URL_UNRESOLVABLE' });
    if (!check.ok) {
      expect(check.reason).toContain(reason);
      expect(check.message).toContain(name);
    }
  });
});

describe('checkWebhookUrl — a misbehaving resolver', () => {
  it('reads a resolver that throws synchronously as unresolvable, without throwing', async () => {
    const policy = createTargetPolicy({
      resolve: () => {
        throw Object.assign(new Error('boom'), { code: 'EBOOM' });
      },
    });
    expect(await checkWebhookUrl('https://hooks.example.tg/', policy)).toMatchObject({ ok: false, code: 'WEBHOOK_URL_UNRESOLVABLE', reason: 'unresolvable host hooks.example.tg (EBOOM)' });
  });

  it('refuses an answer that is not an address', async () => {
    const { policy } = policyWith([], { 'odd.example.tg': ['not-an-address'] });
    expect(await checkWebhookUrl('https://odd.example.tg/', policy)).toMatchObject({ ok: false, code: 'WEBHOOK_URL_BLOCKED_ADDRESS', reason: 'blocked address not-an-address (unparseable)' });
  });
});

describe('checkWebhookUrl — the allow-list', () => {
  const loopbackReceiver = ['http+127.0.0.0/8', 'http+::1/128'];

  it.each([
    'http://127.0.0.1:4999/hooks',
    'http://2130706433:4999/',
    'http://0x7f000001/',
    'http://0177.0.0.1/',
    'http://127.1/',
    'http://[::ffff:7f00:1]/',
    'http://[::1]:8080/',
    'https://127.0.0.1/',
  ])('lets the tests’ loopback receiver %s through with %j', async (url) => {
    const { policy } = policyWith(loopbackReceiver);
    expect(await checkWebhookUrl(url, policy)).toMatchObject({ ok: true });
  });

  it('lets a name through when every address is in an allowed network, and http only if each network says http+', async () => {
    const table = { 'receiver.test': ['127.0.0.1', '::1'], 'half.test': ['127.0.0.1', '10.0.0.5'] };
    expect(await checkWebhookUrl('http://receiver.test:4999/', policyWith(loopbackReceiver, table).policy)).toMatchObject({ ok: true });
    expect(await checkWebhookUrl('http://receiver.test:4999/', policyWith(['http+127.0.0.0/8', '::1/128'], table).policy)).toMatchObject({ ok: false, code: 'WEBHOOK_URL_SCHEME' });
    expect(await checkWebhookUrl('https://receiver.test:4999/', policyWith(['127.0.0.0/8', '::1/128'], table).policy)).toMatchObject({ ok: true });
    expect(await checkWebhookUrl('https://half.test/', policyWith(loopbackReceiver, table).policy)).toMatchObject({
      ok: false,
      code: 'WEBHOOK_URL_BLOCKED_ADDRESS',
      reason: 'blocked address 10.0.0.5 (private)',
    });
  });

  it('trusts a named host whatever it resolves to, case- and trailing-dot-insensitively; *.domain covers subdomains only', async () => {
    const table = { 'hooks.intranet.tg': ['10.20.0.7'], 'HOOKS.intranet.tg.': ['10.20.0.7'], 'hooks.intranet.tg.': ['10.20.0.7'], 'a.b.ministere.tg': ['10.0.0.9'], 'ministere.tg': ['10.0.0.9'] };
    const { policy } = policyWith(['Hooks.Intranet.TG', '*.ministere.tg', 'http+plain.intranet.tg'], table);
    expect(await checkWebhookUrl('https://hooks.intranet.tg/', policy)).toMatchObject({ ok: true });
    expect(await checkWebhookUrl('https://HOOKS.intranet.tg./', policy)).toMatchObject({ ok: true });
    expect(await checkWebhookUrl('http://hooks.intranet.tg/', policy)).toMatchObject({ ok: false, code: 'WEBHOOK_URL_SCHEME' });
    expect(await checkWebhookUrl('https://a.b.ministere.tg/', policy)).toMatchObject({ ok: true });
    expect(await checkWebhookUrl('https://ministere.tg/', policy)).toMatchObject({ ok: false, code: 'WEBHOOK_URL_BLOCKED_ADDRESS' });
    expect(await checkWebhookUrl('https://evilministere.tg/', policyWith(['*.ministere.tg'], { 'evilministere.tg': ['10.0.0.9'] }).policy)).toMatchObject({ ok: false });
  });

  it('allows http to a public host only through an http+ host entry', async () => {
    const table = { 'legacy.example.tg': [PUBLIC_V4] };
    expect(await checkWebhookUrl('http://legacy.example.tg/', policyWith([], table).policy)).toMatchObject({ ok: false, code: 'WEBHOOK_URL_SCHEME' });
    expect(await checkWebhookUrl('http://legacy.example.tg/', policyWith(['http+127.0.0.0/8'], table).policy)).toMatchObject({ ok: false, code: 'WEBHOOK_URL_SCHEME' });
    expect(await checkWebhookUrl('http://legacy.example.tg/', policyWith(['http+legacy.example.tg'], table).policy)).toMatchObject({ ok: true });
  });

  it('reads IPv4-mapped entries and addresses as the IPv4 they carry', async () => {
    const { policy } = policyWith(['::ffff:10.0.0.0/104'], { 'mapped.test': ['::ffff:10.1.1.1'] });
    expect(await checkWebhookUrl('https://10.9.9.9/', policy)).toMatchObject({ ok: true });
    expect(await checkWebhookUrl('https://mapped.test/', policy)).toMatchObject({ ok: true });
    expect(await checkWebhookUrl('https://11.0.0.1/', policy)).toMatchObject({ ok: true });
    expect(await checkWebhookUrl('https://192.168.0.1/', policy)).toMatchObject({ ok: false });
  });

  it.each([
    '127.1',
    '0x7f000001',
    '10.0.0.0/33',
    '::1/129',
    '10.0.0.0/-1',
    '10.0.0.0/8/8',
    'http+',
    '',
    'exa mple.tg',
    '*.',
    '*',
    'http://hooks.tg',
    'hooks.tg/path',
    'hooks.tg:443',
    '-bad.tg',
    'https+hooks.tg',
  ])('refuses the allow-list entry %j at start-up', (entry) => {
    expect(() => createTargetPolicy({ allow: [entry] })).toThrow(/allow-list entry/);
  });

  it.each(['localhost', 'HTTP+LOCALHOST', 'hooks.intranet.tg.', '*.ministere.tg', 'bücher.tg', '10.0.0.0/8', '[::1]', '[fd00::]/8', 'http+0.0.0.0/0', '::/0', ' 192.168.1.20 '])(
    'reads the allow-list entry %j',
    (entry) => {
      expect(() => createTargetPolicy({ allow: [entry] })).not.toThrow();
    },
  );

  it('splits an allow-list variable on commas and white space', () => {
    expect(splitTargetAllowList(' http+127.0.0.0/8, ::1/128\n hooks.intranet.tg,,')).toEqual(['http+127.0.0.0/8', '::1/128', 'hooks.intranet.tg']);
    expect(splitTargetAllowList('')).toEqual([]);
  });

  it('uses the system resolver by default', async () => {
    const check = await checkWebhookUrl('https://localhost/', createTargetPolicy());
    expect(check).toMatchObject({ ok: false, code: 'WEBHOOK_URL_BLOCKED_ADDRESS' });
    expect(await checkWebhookUrl('https://localhost/', createTargetPolicy({ allow: ['localhost'] }))).toMatchObject({ ok: true });
  });
});
