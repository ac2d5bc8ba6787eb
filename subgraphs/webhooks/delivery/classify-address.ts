import ipaddr from 'ipaddr.js';

export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

/** Why an address may not be a webhook's target, or null when it is a public (globally routed) unicast address. */
export interface BlockedRange {
  /** ipaddr.js's range name (`loopback`, `private`, `linkLocal`, `carrierGradeNat`, `uniqueLocal`…) or ours. */
  readonly range: string;
  /** How the IPv4 address was embedded in the IPv6 one, when it was (`IPv4-mapped`, `NAT64`, `6to4`, `Teredo`…). */
  readonly via: string | null;
}

/** Parses an address as the resolver or the URL gives it (brackets and an IPv6 zone tolerated); null if it is none. */
export function parseAddress(text: string): IpAddress | null {
  let bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  // ipaddr.js reads `::10.0.0.1` as `::ffff:a00:1`; the WHATWG parser (and the kernel) read `::a00:1`.
  if (bare.includes(':') && bare.includes('.')) bare = canonicalIpv6(bare) ?? bare;
  try {
    return ipaddr.parse(bare);
  } catch {
    return null;
  }
}

function canonicalIpv6(text: string): string | null {
  try {
    return new URL(`http://[${text}]/`).hostname.slice(1, -1);
  } catch {
    return null;
  }
}

/** An IPv6 address carrying an IPv4 one in its low 32 bits (mapped, SIIT, compatible) as that IPv4 address. */
export function unmapAddress(address: IpAddress): IpAddress {
  if (address.kind() === 'ipv6') {
    const v6 = address as ipaddr.IPv6;
    const range = v6.range();
    if (range === 'ipv4Mapped') return v6.toIPv4Address();
  }
  return address;
}

function lowIpv4(v6: ipaddr.IPv6, xor = 0): ipaddr.IPv4 {
  const high = v6.parts[6]! ^ (xor >>> 16);
  const low = v6.parts[7]! ^ (xor & 0xffff);
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

function classifyIpv4(v4: ipaddr.IPv4): string | null {
  const range = v4.range();
  // Everything ipaddr.js does not call `unicast` is special-purpose (RFC 6890): loopback, 0/8, RFC 1918, CGNAT
  // 100.64/10, link-local 169.254/16 (cloud metadata), multicast, broadcast, 240/4, documentation, benchmarking…
  return range === 'unicast' ? null : range;
}

/**
 * Classifies one address. Only globally routed unicast passes: IPv4 that ipaddr.js calls `unicast`, IPv6 in 2000::/3
 * that it calls `unicast`. An IPv6 address that embeds an IPv4 one (IPv4-mapped, SIIT, NAT64 64:ff9b::/96, 6to4
 * 2002::/16, Teredo 2001::/32) is judged by the IPv4 address(es) it reaches, since that is where the packets end up;
 * the deprecated IPv4-compatible ::/96 is refused outright.
 */
export function classifyAddress(address: IpAddress): BlockedRange | null {
  if (address.kind() === 'ipv4') {
    const range = classifyIpv4(address as ipaddr.IPv4);
    return range === null ? null : { range, via: null };
  }
  const v6 = address as ipaddr.IPv6;
  const range = v6.range();
  const embedded = (via: string, ...v4s: ipaddr.IPv4[]): BlockedRange | null => {
    for (const v4 of v4s) {
      const inner = classifyIpv4(v4);
      if (inner !== null) return { range: inner, via };
    }
    return null;
  };
  switch (range) {
    case 'ipv4Mapped':
      return embedded('IPv4-mapped', lowIpv4(v6));
    case 'rfc6145':
      return embedded('SIIT', lowIpv4(v6));
    case 'rfc6052':
      // 64:ff9b::/96 is the well-known NAT64 prefix; 64:ff9b:1::/48 is for local use (RFC 8215): never public.
      return v6.parts[2] === 0 && v6.parts[3] === 0 && v6.parts[4] === 0 && v6.parts[5] === 0 ? embedded('NAT64', lowIpv4(v6)) : { range: 'localNat64', via: null };
    case '6to4': {
      const a = v6.parts[1]!;
      const b = v6.parts[2]!;
      return embedded('6to4', new ipaddr.IPv4([a >> 8, a & 0xff, b >> 8, b & 0xff]));
    }
    case 'teredo': {
      // Server address in bits 32–63, client address obfuscated (XOR 0xffffffff) in the low 32 bits.
      const server = new ipaddr.IPv4([v6.parts[2]! >> 8, v6.parts[2]! & 0xff, v6.parts[3]! >> 8, v6.parts[3]! & 0xff]);
      return embedded('Teredo', server, lowIpv4(v6, 0xffffffff));
    }
    case 'unicast': {
      // ::/96 is the IPv4-compatible form (::a.b.c.d), deprecated by RFC 4291 and never a real receiver: ipaddr.js calls
      // it `unicast`; refused whatever it embeds, with the embedded range named when it is special.
      if (v6.parts.slice(0, 6).every((part) => part === 0)) return embedded('IPv4-compatible', lowIpv4(v6)) ?? { range: 'ipv4Compatible', via: null };
      // Outside 2000::/3 nothing is allocated for global unicast (IANA): reserved.
      if ((v6.parts[0]! & 0xe000) !== 0x2000) return { range: 'reserved', via: null };
      return null;
    }
    default:
      return { range, via: null };
  }
}

/** `loopback`, `private via IPv4-mapped`: the English label in delivery errors. */
export function describeBlockedRange(blocked: BlockedRange): string {
  return blocked.via === null ? blocked.range : `${blocked.range} via ${blocked.via}`;
}

const FRENCH_RANGES: Readonly<Record<string, string>> = {
  unspecified: 'adresse non spécifiée',
  broadcast: 'diffusion générale',
  multicast: 'multidiffusion',
  linkLocal: 'lien local, dont les métadonnées des nuages 169.254.169.254',
  loopback: 'boucle locale',
  carrierGradeNat: 'NAT d’opérateur 100.64.0.0/10',
  private: 'réseau privé RFC 1918',
  uniqueLocal: 'réseau privé IPv6 fc00::/7',
  deprecatedSiteLocal: 'site local IPv6 fec0::/10',
  localNat64: 'NAT64 local',
  ipv4Compatible: 'IPv4 compatible',
};

/** The range in French, for the integrator's message. */
export function describeBlockedRangeInFrench(blocked: BlockedRange): string {
  const range = FRENCH_RANGES[blocked.range] ?? `plage réservée (${blocked.range})`;
  return blocked.via === null ? range : `${range}, atteinte par ${blocked.via}`;
}
