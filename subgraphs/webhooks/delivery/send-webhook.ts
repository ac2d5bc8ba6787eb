import http from 'node:http';
import https from 'node:https';
import type { LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import { TLSSocket, rootCertificates } from 'node:tls';
import { checkWebhookUrl } from './check-webhook-url.js';
import type { ResolvedAddress, TargetPolicy } from './create-target-policy.js';
import { describeNetworkError } from './describe-network-error.js';

export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;
export const DEFAULT_WEBHOOK_MAX_RESPONSE_BYTES = 64 * 1024;
export const DEFAULT_WEBHOOK_USER_AGENT = 'Guichet-Webhooks/1.0';

export interface SendWebhookOptions {
  readonly url: string;
  /** The signature headers (`signWebhook`) and any other the caller adds; framing headers are ours. */
  readonly headers: Readonly<Record<string, string>>;
  /** The JSON body, exactly as signed. */
  readonly body: string;
  readonly policy: TargetPolicy;
  /** One deadline for everything: resolution, connection, TLS, sending, response headers and body. */
  readonly timeoutMs?: number;
  /** The response body is read and thrown away up to this size, then the connection is cut. */
  readonly maxResponseBytes?: number;
  readonly userAgent?: string;
  /** Extra trusted certificate authorities (PEM), for a private PKI or a test's self-signed receiver. */
  readonly ca?: string | readonly string[];
}

export interface WebhookSendResult {
  /** The receiver's HTTP status, null when none arrived (refused, blocked, timeout before the headers). */
  readonly statusCode: number | null;
  /** Null on success (a 2xx, body read or capped in time); otherwise why, in English, for the delivery log. */
  readonly error: string | null;
  readonly durationMs: number;
}

/** Headers the sender sets itself: a caller's copy would corrupt framing or the pinning. */
const OWN_HEADERS = new Set(['host', 'content-type', 'content-length', 'transfer-encoding', 'connection', 'user-agent']);
const MAX_LOCATION_CHARS = 200;

type Phase = 'resolving the host' | 'connecting' | 'waiting for the response' | 'reading the response body';

/**
 * Sends one webhook message (a POST of `body`) and reports what happened; never throws, never follows a redirect.
 * The target is checked again here (`checkWebhookUrl`) and the connection goes only to the addresses that check
 * accepted: the request's `lookup` answers with them, so no second DNS answer (a rebinding) can redirect it, while
 * the Host header and TLS SNI keep the original host name. Success is a 2xx status.
 */
export async function sendWebhook(options: SendWebhookOptions): Promise<WebhookSendResult> {
  const started = performance.now();
  const durationMs = () => Math.round(performance.now() - started);
  const timeoutMs = options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  try {
    const outcome = await attempt(options, timeoutMs);
    return { ...outcome, durationMs: durationMs() };
  } catch (error) {
    return { statusCode: null, error: describeNetworkError(error), durationMs: durationMs() };
  }
}

type Outcome = Omit<WebhookSendResult, 'durationMs'>;

function attempt(options: SendWebhookOptions, timeoutMs: number): Promise<Outcome> {
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_WEBHOOK_MAX_RESPONSE_BYTES;
  return new Promise<Outcome>((settle) => {
    let done = false;
    let phase: Phase = 'resolving the host';
    let statusCode: number | null = null;
    let request: http.ClientRequest | undefined;
    const finish = (outcome: Outcome) => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      // After an answer or a failure the connection has nothing more to give: cut it (the receiver's tail is ignored).
      request?.destroy();
      settle(outcome);
    };
    const deadline = setTimeout(() => finish({ statusCode, error: `timeout after ${timeoutMs} ms while ${phase}` }), timeoutMs);

    checkWebhookUrl(options.url, options.policy).then(
      (check) => {
        if (done) return;
        if (!check.ok) return finish({ statusCode: null, error: check.reason });
        phase = 'connecting';
        try {
          // Throws at once on what Node refuses to send (a header value with a line break…): reported, not thrown.
          request = open(new URL(check.url), check.addresses, options);
        } catch (error) {
          return finish({ statusCode: null, error: describeNetworkError(error) });
        }
        request.on('socket', (socket) => {
          socket.once(socket instanceof TLSSocket ? 'secureConnect' : 'connect', () => {
            phase = 'waiting for the response';
          });
        });
        request.on('error', (error) =>
          finish({ statusCode, error: phase === 'reading the response body' ? `${describeNetworkError(error)} while reading the response body` : describeNetworkError(error) }),
        );
        request.on('response', (response) => {
          statusCode = response.statusCode ?? null;
          phase = 'reading the response body';
          const verdict = (): Outcome => judge(statusCode, response.headers.location);
          let received = 0;
          response.on('data', (chunk: Buffer) => {
            received += chunk.length;
            if (received > maxResponseBytes) finish(verdict());
          });
          response.on('end', () => finish(verdict()));
          response.on('error', (error) => finish({ statusCode, error: `${describeNetworkError(error)} while reading the response body` }));
          // Closed before its end (a cut body): `end` never comes; after a complete body this is a no-op (already done).
          response.on('close', () => {
            if (!response.complete) finish({ statusCode, error: 'connection closed while reading the response body' });
          });
        });
        request.end(options.body);
      },
      (error: unknown) => finish({ statusCode: null, error: describeNetworkError(error) }),
    );
  });
}

function judge(statusCode: number | null, location: string | undefined): Outcome {
  if (statusCode === null) return { statusCode, error: 'no HTTP status' };
  if (statusCode >= 200 && statusCode < 300) return { statusCode, error: null };
  if (statusCode >= 300 && statusCode < 400) {
    const to = location === undefined ? '' : ` to ${location.length > MAX_LOCATION_CHARS ? `${location.slice(0, MAX_LOCATION_CHARS)}…` : location}`;
    return { statusCode, error: `HTTP ${statusCode} redirect${to} not followed` };
  }
  return { statusCode, error: `HTTP ${statusCode}` };
}

function open(url: URL, addresses: readonly ResolvedAddress[], options: SendWebhookOptions): http.ClientRequest {
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const pinned: LookupAddress[] = addresses.map(({ address }) => ({ address, family: isIP(address) === 6 ? 6 : 4 }));
  // Called by net.connect instead of dns.lookup (never for an IP literal, which is itself the checked address); with
  // `all` (Happy Eyeballs) every checked address is offered, otherwise the first.
  const lookup: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all === true) callback(null, pinned);
    else callback(null, pinned[0]!.address, pinned[0]!.family);
  };
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers)) if (!OWN_HEADERS.has(name.toLowerCase())) headers[name] = value;
  headers['content-type'] = 'application/json';
  headers['content-length'] = String(Buffer.byteLength(options.body));
  headers['user-agent'] = options.userAgent ?? DEFAULT_WEBHOOK_USER_AGENT;
  headers.connection = 'close';
  const common: http.RequestOptions = {
    method: 'POST',
    hostname,
    port: url.port === '' ? undefined : Number(url.port),
    path: `${url.pathname}${url.search}`,
    headers,
    // A fresh connection each time: a pooled socket would skip the pinning of this send.
    agent: false,
    lookup,
  };
  if (url.protocol === 'http:') return http.request(common);
  // SNI carries the host name (never an IP literal, which TLS forbids there); the certificate is checked against it.
  const servername = isIP(hostname) === 0 ? hostname.replace(/\.$/, '') : undefined;
  // Extra CAs are added to Node's bundled roots, not put in their place.
  const extra = options.ca === undefined ? [] : typeof options.ca === 'string' ? [options.ca] : options.ca;
  return https.request({ ...common, servername, ca: extra.length === 0 ? undefined : [...rootCertificates, ...extra] });
}
