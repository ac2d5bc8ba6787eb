import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { type IpAddress, unmapAddress } from './classify-address.js';

/** One address a host name resolves to. */
export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** Resolves a host name to every address it has; rejects (any error) when it has none. */
export type HostResolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

/** One parsed allow-list entry. */
export type TargetAllowEntry =
  | { readonly kind: 'host'; readonly text: string; readonly host: string; readonly subdomains: boolean; readonly allowHttp: boolean }
  | { readonly kind: 'network'; readonly text: string; readonly network: readonly [IpAddress, number]; readonly allowHttp: boolean };

/** Where webhooks may be sent: built once at start-up by `createTargetPolicy`, passed to every check and send. */
export interface TargetPolicy {
  readonly allow: readonly TargetAllowEntry[];
  readonly resolve: HostResolver;
  /** How long a check waits for the resolver before answering `WEBHOOK_URL_UNRESOLVABLE`. */
  readonly resolveTimeoutMs: number;
}

export interface TargetPolicyOptions {
  /**
   * Exceptions to the public-address rule, e.g. `['http+127.0.0.0/8', 'hooks.intranet.gouv.tg', '10.20.0.0/16']`.
   * An entry is a host name (exact, case-insensitive; `*.example.tg` for every subdomain), an IP address or a CIDR
   * network, optionally prefixed `http+` to also allow plain `http:` for what it matches.
   */
  readonly allow?: readonly string[];
  /** Defaults to the system resolver (`dns.lookup`, all addresses): what a connection would use. */
  readonly resolve?: HostResolver;
  /** Defaults to 5000 ms. */
  readonly resolveTimeoutMs?: number;
}

const HTTP_PREFIX = 'http+';
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** The system resolver: every address, in the resolver's order (`verbatim`), as a connection would see them. */
export const systemResolver: HostResolver = async (hostname) => {
  const found = await lookup(hostname, { all: true, verbatim: true });
  return found.map((entry) => ({ address: entry.address, family: entry.family === 6 ? 6 : 4 }));
};

function parseNetwork(text: string): readonly [IpAddress, number] | null {
  const bare = text.replace(/^\[([^\]]+)\](\/\d+)?$/, '$1$2');
  const parts = bare.split('/');
  if (parts.length > 2) return null;
  const [addressText, prefixText] = parts as [string, string | undefined];
  // Entries must be written plainly: a dotted quad or IPv6, never `127.1` or `0x7f000001`.
  if (!(ipaddr.IPv4.isValidFourPartDecimal(addressText) || ipaddr.IPv6.isValid(addressText))) return null;
  const address = ipaddr.parse(addressText);
  const bits = address.kind() === 'ipv4' ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (prefix > bits) return null;
  // `::ffff:10.0.0.0/104` means 10.0.0.0/8: addresses are compared unmapped.
  const unmapped = unmapAddress(address);
  if (unmapped !== address) return prefix >= 96 ? [unmapped, prefix - 96] : null;
  return [address, prefix];
}

function parseHost(text: string): { host: string; subdomains: boolean } | null {
  const subdomains = text.startsWith('*.');
  const name = subdomains ? text.slice(2) : text;
  let host: string;
  try {
    // The URL parser lower-cases and turns an IDN into its punycode form, as it will for the webhook's URL.
    host = new URL(`http://${name}/`).hostname;
  } catch {
    return null;
  }
  host = host.replace(/\.$/, '');
  // A numeric name (`127.1`) comes out of the URL parser as an address: addresses are written as such.
  if (isIP(host) !== 0 || host.startsWith('[')) return null;
  if (!host.split('.').every((label) => LABEL.test(label))) return null;
  return { host, subdomains };
}

/** Parses one entry; throws (English, names the entry) when it is none of the accepted forms. */
export function parseTargetAllowEntry(entry: string): TargetAllowEntry {
  const text = entry.trim().toLowerCase();
  const allowHttp = text.startsWith(HTTP_PREFIX);
  const body = allowHttp ? text.slice(HTTP_PREFIX.length) : text;
  const network = parseNetwork(body);
  if (network !== null) return { kind: 'network', text, network, allowHttp };
  if (!body.includes('/') && !body.includes(':')) {
    const host = parseHost(body);
    if (host !== null) return { kind: 'host', text, ...host, allowHttp };
  }
  throw new Error(`Invalid webhook target allow-list entry "${entry}": expected a host name, *.domain, an IP address or a CIDR network (dotted-quad IPv4 or IPv6), optionally prefixed "http+"`);
}

/** Splits an allow-list written as one variable (commas and/or white space), for configuration. */
export function splitTargetAllowList(value: string): string[] {
  return value
    .split(/[\s,]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

/** Builds the policy; throws at start-up on an entry it cannot read (a typo must not silently allow nothing or all). */
export function createTargetPolicy(options: TargetPolicyOptions = {}): TargetPolicy {
  const resolveTimeoutMs = options.resolveTimeoutMs ?? 5000;
  if (!(Number.isInteger(resolveTimeoutMs) && resolveTimeoutMs > 0)) throw new Error(`Invalid resolveTimeoutMs ${resolveTimeoutMs}: a positive integer is required`);
  return { allow: (options.allow ?? []).map(parseTargetAllowEntry), resolve: options.resolve ?? systemResolver, resolveTimeoutMs };
}

/** The host entry naming `hostname` (already URL-normalised, trailing dot removed), if any. */
export function matchHostEntry(policy: TargetPolicy, hostname: string): TargetAllowEntry | undefined {
  return policy.allow.find((entry) => entry.kind === 'host' && (entry.subdomains ? hostname.endsWith(`.${entry.host}`) : hostname === entry.host));
}

/** The network entries containing `address` (compared unmapped). */
export function matchNetworkEntries(policy: TargetPolicy, address: IpAddress): TargetAllowEntry[] {
  const target = unmapAddress(address);
  return policy.allow.filter((entry) => entry.kind === 'network' && entry.network[0].kind() === target.kind() && target.match(entry.network[0], entry.network[1]));
}
