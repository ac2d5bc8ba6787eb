import { defaultManifestPath, readManifest } from '../gateway/trusted-documents/index.js';
import { mintAccessToken, type BenchIdp } from './credential-pool.js';
import { percentile } from './bench-figures.js';
import type { LegacyUrls } from './legacy-calls.js';
import { setLegacyMode } from './set-legacy-mode.js';

/** Time to the dashboard's identity with `@defer`, against the whole answer without it, on the realistic latencies. */
export interface DeferFigures {
  /** The network between the phone and the gateway: loopback, or a simulated mobile link (bench/throttling-proxy.ts). */
  readonly link: string;
  readonly samples: number;
  /** The dashboard without `@defer`: one JSON answer, ms to its last byte. */
  readonly wholeMs: Percentiles;
  /** The same with its dossiers deferred: ms to the first part (the identity), then to the last part. */
  readonly firstPartMs: Percentiles;
  readonly lastPartMs: Percentiles;
  /** Bytes of the first part's payload (what a phone can show first) and of the whole answer. */
  readonly firstPartBytes: number;
  readonly wholeBytes: number;
}

export interface Percentiles {
  readonly p50: number;
  readonly p95: number;
}

export interface MeasureDeferOptions {
  /** The gateway's GraphQL URL. */
  readonly url: string;
  readonly idp: BenchIdp;
  readonly legacyUrls: LegacyUrls;
  /** Citizens whose dashboards are asked for, in turn. */
  readonly citizens: readonly string[];
  /** What lies between the client and `url`, as the table names it. Default 'loopback'. */
  readonly link?: string;
  /** Requests of each kind, alternating (one at a time: a latency figure, not a throughput one). */
  readonly samples: number;
  readonly log: (line: string) => void;
}

/** The shipped documents (clients/operations), as a portal sends them: the same rules as in production. */
function dashboardDocuments(): { readonly whole: string; readonly deferred: string } {
  const operations = readManifest(defaultManifestPath()).operations;
  const body = (name: string) => {
    const found = operations.find((o) => o.name === name)?.body;
    if (found === undefined) throw new Error(`${name} is not in clients/trusted-documents.json: run npm run documents`);
    return found;
  };
  return { whole: body('MyDashboard'), deferred: body('MyDashboardDeferred') };
}

/**
 * The dashboard asked for whole and with its civil acts and dossiers deferred, alternately, one request at a time,
 * with the simulators at their realistic latencies. Each citizen is asked once per kind before the figures count
 * (the gateway's shared reads and the subgraphs' caches would otherwise flatter whichever kind comes second).
 */
export async function measureDefer(options: MeasureDeferOptions): Promise<DeferFigures> {
  await setLegacyMode(options.legacyUrls, 'latency');
  const documents = dashboardDocuments();
  const tokens = await Promise.all(options.citizens.map((niu) => mintAccessToken(options.idp, { role: 'citizen' as const, niu })));
  options.log(`@defer: ${options.samples} dashboards whole and ${options.samples} deferred, one at a time, realistic latencies`);
  const whole: number[] = [];
  const first: number[] = [];
  const last: number[] = [];
  let firstPartBytes = 0;
  let wholeBytes = 0;
  for (let i = 0; i < options.samples; i++) {
    // A different citizen each time: no read shared with the previous request.
    const token = tokens[i % tokens.length]!;
    const plain = await timeWhole(options.url, token, documents.whole);
    whole.push(plain.ms);
    wholeBytes = plain.bytes;
    const parts = await timeParts(options.url, token, documents.deferred);
    first.push(parts.firstMs);
    last.push(parts.lastMs);
    firstPartBytes = parts.firstBytes;
  }
  const summary = (values: number[]): Percentiles => {
    const sorted = [...values].sort((a, b) => a - b);
    return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) };
  };
  return { link: options.link ?? 'loopback', samples: options.samples, wholeMs: summary(whole), firstPartMs: summary(first), lastPartMs: summary(last), firstPartBytes, wholeBytes };
}

async function timeWhole(url: string, token: string, query: string): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: headers(token, 'application/json'), body: JSON.stringify({ query }) });
  const text = await response.text();
  if (!response.ok) throw new Error(`dashboard: HTTP ${response.status} ${text.slice(0, 200)}`);
  return { ms: performance.now() - started, bytes: Buffer.byteLength(text) };
}

/** Reads the multipart answer as it arrives: the first part is complete once its closing delimiter is in. */
async function timeParts(url: string, token: string, query: string): Promise<{ firstMs: number; lastMs: number; firstBytes: number }> {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: headers(token, 'multipart/mixed; deferSpec=20220824, application/json;q=0.9'), body: JSON.stringify({ query }) });
  if (!response.ok || !response.body) throw new Error(`deferred dashboard: HTTP ${response.status}`);
  if (!(response.headers.get('content-type') ?? '').startsWith('multipart/mixed')) throw new Error(`deferred dashboard: answered as ${response.headers.get('content-type')}`);
  const decoder = new TextDecoder();
  let text = '';
  let firstMs: number | undefined;
  let firstBytes = 0;
  for await (const chunk of response.body) {
    text += decoder.decode(chunk, { stream: true });
    if (firstMs === undefined) {
      // The first part sits between the opening delimiter and the next one.
      const match = /\r\n---\r\n[\s\S]*?\r\n\r\n([\s\S]*?)\r\n---/.exec(text);
      if (match) {
        firstMs = performance.now() - started;
        firstBytes = Buffer.byteLength(match[1]!);
      }
    }
  }
  const lastMs = performance.now() - started;
  return { firstMs: firstMs ?? lastMs, lastMs, firstBytes };
}

function headers(token: string, accept: string): Record<string, string> {
  return { 'content-type': 'application/json', accept, authorization: `Bearer ${token}` };
}

/** The figure as Markdown, for the bench's results. */
export function formatDeferFigures(figures: DeferFigures): string {
  const row = (name: string, p: Percentiles) => `| ${name} | ${p.p50.toFixed(0)} | ${p.p95.toFixed(0)} |`;
  return [
    `### \`@defer\`: the dashboard's identity first, over ${figures.link} (${figures.samples} requests of each kind, one at a time, realistic legacy latencies)`,
    '',
    '| | p50 (ms) | p95 (ms) |',
    '| --- | ---: | ---: |',
    row('whole answer, without `@defer`', figures.wholeMs),
    row('with `@defer`: first part (identity)', figures.firstPartMs),
    row('with `@defer`: last part (civil acts, dossiers)', figures.lastPartMs),
    '',
    `First part ${figures.firstPartBytes} bytes of JSON; the whole answer ${figures.wholeBytes} bytes.`,
  ].join('\n');
}
