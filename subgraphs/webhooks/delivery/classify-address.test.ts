import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { classifyAddress, parseAddress } from './classify-address.js';

const classify = (text: string) => {
  const address = parseAddress(text);
  if (address === null) throw new Error(`unparseable ${text}`);
  return classifyAddress(address);
};

/** One sample per special-purpose IPv4 block, with the range ipaddr.js names. */
const blockedV4: ReadonlyArray<readonly [string, string]> = [
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['10.0.0.1', 'private'],
  ['10.255.255.255', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.254', 'private'],
  ['192.168.1.1', 'private'],
  ['100.64.0.1', 'carrierGradeNat'],
  ['100.127.255.254', 'carrierGradeNat'],
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['169.254.169.254', 'linkLocal'],
  ['169.254.0.1', 'linkLocal'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['255.255.255.255', 'broadcast'],
  ['240.0.0.1', 'reserved'],
  ['192.0.0.8', 'reserved'],
  ['192.0.2.1', 'reserved'],
  ['198.18.0.1', 'reserved'],
  ['198.51.100.7', 'reserved'],
  ['203.0.113.9', 'reserved'],
];
const publicV4 = ['8.8.8.8', '1.1.1.1', '41.207.160.1', '196.168.1.1', '172.32.0.1', '100.128.0.1', '11.0.0.1', '126.255.255.255', '223.255.255.254'];

const hex = (v4: string) => {
  const [a, b, c, d] = v4.split('.').map(Number) as [number, number, number, number];
  return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)] as const;
};
/** Every IPv6 form that reaches an IPv4 address, with the label we report. */
const embeddings: ReadonlyArray<readonly [string, (v4: string) => string]> = [
  ['IPv4-mapped', (v4) => `::ffff:${v4}`],
  ['IPv4-mapped', (v4) => `::ffff:${hex(v4).join(':')}`],
  ['SIIT', (v4) => `::ffff:0:${v4}`],
  ['NAT64', (v4) => `64:ff9b::${v4}`],
  ['NAT64', (v4) => `64:ff9b::${hex(v4).join(':')}`],
  ['IPv4-compatible', (v4) => `::${v4}`],
  ['6to4', (v4) => `2002:${hex(v4).join(':')}::1`],
  // Teredo: the server's address in clear, the client's XOR 0xffffffff (here 41.207.160.1, public, for the server form).
  ['Teredo', (v4) => `2001:0:${hex(v4).join(':')}:8000:63bf:d630:5ffe`],
  [
    'Teredo',
    (v4) => {
      const [high, low] = hex(v4).map((part) => (Number.parseInt(part, 16) ^ 0xffff).toString(16));
      return `2001:0:4136:e378:8000:63bf:${high}:${low}`; // server 65.54.227.120
    },
  ],
];

describe('classifyAddress', () => {
  it.each(blockedV4)('blocks %s (%s)', (address, range) => {
    expect(classify(address)).toEqual({ range, via: null });
  });

  it.each(publicV4)('lets the public address %s through', (address) => {
    expect(classify(address)).toBeNull();
  });

  const embeddedCases = embeddings.flatMap(([via, form]) => blockedV4.filter(([v4]) => !(via === 'IPv4-compatible' && v4.startsWith('0.'))).map(([v4, range]) => ({ v6: form(v4), via, range })));
  it.each(embeddedCases)('blocks $v6 ($range via $via)', ({ v6, range, via }) => {
    expect(classify(v6)).toEqual({ range, via });
  });

  const embeddedPublic = embeddings.filter(([via]) => via !== 'IPv4-compatible').flatMap(([via, form]) => publicV4.map((v4) => ({ v6: form(v4), via })));
  it.each(embeddedPublic)('lets $v6 through: $via of a public address', ({ v6 }) => {
    expect(classify(v6)).toBeNull();
  });

  it.each(publicV4)('blocks the deprecated IPv4-compatible form even of the public %s', (v4) => {
    expect(classify(`::${v4}`)).toEqual({ range: 'ipv4Compatible', via: null });
  });

  it.each([
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['fe80::1', 'linkLocal'],
    ['fe80::1%eth0', 'linkLocal'],
    ['febf:ffff::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456:789a::1', 'uniqueLocal'],
    ['fec0::1', 'deprecatedSiteLocal'],
    ['ff02::1', 'multicast'],
    ['ff05::1:3', 'multicast'],
    ['100::1', 'discard'],
    ['2001:db8::1', 'reserved'],
    ['64:ff9b:1::a00:1', 'localNat64'],
    ['4000::1', 'reserved'],
    ['::2', 'unspecified'],
  ])('blocks the IPv6 address %s (%s)', (address, range) => {
    expect(classify(address)?.range).toBe(range);
  });

  it.each(['2001:4860:4860::8888', '2606:4700:4700::1111', '2c0f:f248::1', '2a00:1450:4007:80e::200e'])('lets the public IPv6 address %s through', (address) => {
    expect(classify(address)).toBeNull();
  });

  it('covers every IPv4 range ipaddr.js knows except unicast, so a new one cannot slip through unnoticed', () => {
    const ranges = new Set(blockedV4.map(([, range]) => range));
    // SpecialRanges is ipaddr.js's own table (not in its typings): read it to notice a range added by an upgrade.
    const table = (ipaddr.IPv4.prototype as unknown as { SpecialRanges: Record<string, unknown> }).SpecialRanges;
    const known = Object.keys(table).filter((range) => !['as112', 'amt'].includes(range));
    expect([...ranges].sort()).toEqual(known.sort());
    // as112 and amt are public anycast services, but not webhook receivers: blocked like every special range.
    expect(classify('192.175.48.1')?.range).toBe('as112');
    expect(classify('192.52.193.1')?.range).toBe('amt');
  });

  it('reads what it cannot parse as null', () => {
    expect(parseAddress('not-an-ip')).toBeNull();
    expect(parseAddress('[::1]')?.toString()).toBe('::1');
  });
});
