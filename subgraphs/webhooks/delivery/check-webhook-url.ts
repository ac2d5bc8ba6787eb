import { isIP } from 'node:net';
import { classifyAddress, describeBlockedRange, describeBlockedRangeInFrench, parseAddress } from './classify-address.js';
import { type ResolvedAddress, type TargetPolicy, matchHostEntry, matchNetworkEntries } from './create-target-policy.js';

/** Stable machine codes of a refused webhook URL (the GraphQL layer passes them on as `extensions.code`). */
export type WebhookUrlErrorCode = 'WEBHOOK_URL_INVALID' | 'WEBHOOK_URL_SCHEME' | 'WEBHOOK_URL_CREDENTIALS' | 'WEBHOOK_URL_FRAGMENT' | 'WEBHOOK_URL_UNRESOLVABLE' | 'WEBHOOK_URL_BLOCKED_ADDRESS';

export type WebhookUrlCheck =
  | {
      readonly ok: true;
      /** The URL as the WHATWG parser normalised it (lower-case host, punycode, dotted-quad IPv4): store and send this. */
      readonly url: string;
      /** Every address the host has, each checked: a connection must go to one of these and nowhere else. */
      readonly addresses: readonly ResolvedAddress[];
    }
  | {
      readonly ok: false;
      readonly code: WebhookUrlErrorCode;
      /** For the integrator, in French. */
      readonly message: string;
      /** For logs and the delivery log, in English (`blocked address 10.0.0.1 (private)`). */
      readonly reason: string;
    };

/** Longer URLs are refused: nothing legitimate needs more, and the URL is stored and shown in the delivery log. */
export const MAX_WEBHOOK_URL_LENGTH = 2048;

type Refusal = Extract<WebhookUrlCheck, { ok: false }>;
const refuse = (code: WebhookUrlErrorCode, message: string, reason: string): Refusal => ({ ok: false, code, message, reason });

const HTTPS_ONLY = 'Seules les adresses https:// sont acceptées pour un webhook';

function resolveWithin(policy: TargetPolicy, hostname: string): Promise<readonly ResolvedAddress[] | Refusal> {
  return new Promise((settle) => {
    const timer = setTimeout(() => {
      settle(
        refuse(
          'WEBHOOK_URL_UNRESOLVABLE',
          `Le nom d’hôte « ${hostname} » n’a pas pu être résolu à temps : réessayez, ou vérifiez ses serveurs DNS.`,
          `DNS lookup of ${hostname} timed out after ${policy.resolveTimeoutMs} ms`,
        ),
      );
    }, policy.resolveTimeoutMs);
    // Through a promise chain so that a resolver that throws synchronously is a refusal too.
    Promise.resolve(hostname)
      .then(policy.resolve)
      .then(
        (addresses) => {
          clearTimeout(timer);
          settle(addresses);
        },
        (error: unknown) => {
          clearTimeout(timer);
          const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : 'ERROR';
          settle(
            refuse('WEBHOOK_URL_UNRESOLVABLE', `Le nom d’hôte « ${hostname} » ne se résout en aucune adresse (${code}) : vérifiez l’orthographe et le DNS.`, `unresolvable host ${hostname} (${code})`),
          );
        },
      );
  });
}

/**
 * Decides whether a webhook may be sent to `url`: https only (http only where an `http+` allow-list entry matches), no
 * credentials, no fragment, any port, and EVERY address the host resolves to public unless the allow-list names the
 * host or contains the address. Numeric notations (`2130706433`, `0x7f000001`, `0177.0.0.1`, `127.1`), IPv6 literals,
 * trailing dots, upper case and IDNs are normalised by the WHATWG URL parser first. Run it at registration and again
 * at each send (`sendWebhook` does): an answer can change between the two (DNS rebinding). Never throws.
 */
export async function checkWebhookUrl(rawUrl: string, policy: TargetPolicy): Promise<WebhookUrlCheck> {
  if (rawUrl.length > MAX_WEBHOOK_URL_LENGTH) {
    return refuse('WEBHOOK_URL_INVALID', `L’adresse du webhook dépasse ${MAX_WEBHOOK_URL_LENGTH} caractères.`, `URL longer than ${MAX_WEBHOOK_URL_LENGTH} characters`);
  }
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return refuse('WEBHOOK_URL_INVALID', 'L’adresse du webhook n’est pas une URL absolue valide (par exemple https://exemple.tg/webhooks).', 'invalid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return refuse('WEBHOOK_URL_SCHEME', `${HTTPS_ONLY} (reçu : « ${url.protocol} »).`, `scheme ${url.protocol} not allowed`);
  }
  if (url.username !== '' || url.password !== '') {
    return refuse('WEBHOOK_URL_CREDENTIALS', 'L’adresse du webhook ne doit contenir ni identifiant ni mot de passe : l’authenticité des envois est assurée par leur signature.', 'URL has credentials');
  }
  if (url.href.includes('#')) {
    return refuse('WEBHOOK_URL_FRAGMENT', 'L’adresse du webhook ne doit pas contenir de fragment (#…) : il n’est jamais transmis au serveur.', 'URL has a fragment');
  }
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  // `example.tg.` and `example.tg` are the same host for the allow-list; the resolver gets the name as written.
  const hostKey = host.replace(/\.$/, '');
  const hostEntry = matchHostEntry(policy, hostKey);
  const refuseHttp = (): Refusal =>
    refuse('WEBHOOK_URL_SCHEME', `${HTTPS_ONLY} : http:// est réservé aux cibles autorisées par l’exploitant.`, 'scheme http: not allowed for this target (https only)');
  if (url.protocol === 'http:' && !policy.allow.some((entry) => entry.allowHttp)) return refuseHttp();

  const family = isIP(host);
  const resolved: readonly ResolvedAddress[] | Refusal = family !== 0 ? [{ address: host, family: family === 6 ? 6 : 4 }] : await resolveWithin(policy, host);
  if ('ok' in resolved) return resolved;
  const addresses = dedupe(resolved);
  if (addresses.length === 0) {
    return refuse('WEBHOOK_URL_UNRESOLVABLE', `Le nom d’hôte « ${host} » ne se résout en aucune adresse.`, `unresolvable host ${host} (no address)`);
  }

  let httpAllowed = url.protocol === 'https:' || hostEntry?.allowHttp === true;
  let everyAddressHttp = true;
  for (const { address } of addresses) {
    const parsed = parseAddress(address);
    if (parsed === null) {
      return refuse('WEBHOOK_URL_BLOCKED_ADDRESS', `L’hôte « ${host} » mène à une adresse illisible (${address}).`, `blocked address ${address} (unparseable)`);
    }
    const networks = matchNetworkEntries(policy, parsed);
    everyAddressHttp &&= networks.some((entry) => entry.allowHttp);
    if (hostEntry !== undefined || networks.length > 0) continue;
    const blocked = classifyAddress(parsed);
    if (blocked !== null) {
      return refuse(
        'WEBHOOK_URL_BLOCKED_ADDRESS',
        `${family === 0 ? `L’hôte « ${host} » mène à l’adresse` : 'L’adresse'} ${address} (${describeBlockedRangeInFrench(blocked)}) : un webhook ne peut viser qu’une adresse publique d’Internet, sauf autorisation de l’exploitant.`,
        `blocked address ${address} (${describeBlockedRange(blocked)})`,
      );
    }
  }
  httpAllowed ||= everyAddressHttp;
  if (!httpAllowed) return refuseHttp();
  return { ok: true, url: url.href, addresses };
}

function dedupe(addresses: readonly ResolvedAddress[]): ResolvedAddress[] {
  const unique = new Map<string, ResolvedAddress>();
  for (const entry of addresses) if (!unique.has(entry.address)) unique.set(entry.address, entry);
  return [...unique.values()];
}
