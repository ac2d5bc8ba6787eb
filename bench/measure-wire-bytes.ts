import { Agent, request } from 'node:http';
import { defaultCompression } from '../lib/http/index.js';
import { mintAccessToken, type BenchIdp, type Caller } from './credential-pool.js';
import { cpuMeter } from './process-cpu.js';
import type { Scenario } from './scenarios.js';

export interface WireBytesOptions {
  /** The gateway measured: its GraphQL URL and its process (CPU of the whole tree: cluster workers included). */
  readonly gateway: { readonly url: string; readonly pid: number };
  /** The bench's scenarios: their first request each is measured (dashboard, status, catalogue). */
  readonly scenarios: readonly Scenario[];
  readonly callers: readonly Caller[];
  readonly idp: BenchIdp;
  /** Status polls per arm of the 304 figure. Default 300. */
  readonly polls?: number;
  readonly log: (line: string) => void;
}

/** One answer's bytes on the wire (body only, headers aside) as sent, in gzip and in brotli. */
export interface WireSize {
  readonly scenario: string;
  readonly identity: number;
  readonly gzip: number;
  readonly br: number;
}

export interface WireBytesFigures {
  readonly sizes: readonly WireSize[];
  /** A status poll over GET answered in full vs by `304 Not Modified` (If-None-Match), sequentially. */
  readonly poll?: {
    readonly polls: number;
    /** Gateway CPU ms per poll, full answer (brotli, as a phone asks) and 304. */
    readonly fullCpuMs: number;
    readonly notModifiedCpuMs: number;
    /** Bytes of the response (status line and headers included) of each. */
    readonly fullBytes: number;
    readonly notModifiedBytes: number;
  };
}

interface Reply {
  readonly status: number;
  readonly bodyBytes: number;
  /** Status line, headers and body, as counted on the socket. */
  readonly totalBytes: number;
  readonly etag?: string;
}

const measured = ['dashboard', 'status', 'catalogue'] as const;

/**
 * What compression and ETags save on the wire: the dashboard, a status poll and the catalogue as sent with no
 * coding, gzip and brotli; then a status poll answered in full vs by a 304 — the gateway's CPU per poll (it still
 * runs the query: only serialisation, compression and bytes are spared) and the bytes each costs.
 */
export async function measureWireBytes({ gateway, scenarios, callers, idp, polls = 300, log }: WireBytesOptions): Promise<WireBytesFigures> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const tokens = new Map<number, string | undefined>();
  const tokenOf = async (index: number) => {
    if (!tokens.has(index)) {
      const caller = callers[index];
      tokens.set(index, caller === undefined || caller.role === 'anonymous' ? undefined : await mintAccessToken(idp, caller));
    }
    return tokens.get(index);
  };
  try {
    const sizes: WireSize[] = [];
    let poll: WireBytesFigures['poll'];
    for (const name of measured) {
      const scenario = scenarios.find((s) => s.name === name);
      const first = scenario?.requests[0];
      if (first === undefined) continue;
      const token = await tokenOf(first.caller);
      const auth: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
      const post = (acceptEncoding: string) => send(agent, gateway.url, 'POST', { 'content-type': 'application/json', 'accept-encoding': acceptEncoding, ...auth }, first.body);
      const [identity, gzip, br] = [await post('identity'), await post('gzip'), await post('br')];
      sizes.push({ scenario: name, identity: identity.bodyBytes, gzip: gzip.bodyBytes, br: br.bodyBytes });
      log(`wire bytes, ${name}: ${identity.bodyBytes} B as is, ${gzip.bodyBytes} B gzip, ${br.bodyBytes} B brotli`);
      if (name !== 'status') continue;
      // The poll over GET, as a phone sends it: the same document and variables in the query string.
      const { query, variables } = JSON.parse(first.body.toString('utf8')) as { query: string; variables?: unknown };
      const search = new URLSearchParams({ query, ...(variables === undefined ? {} : { variables: JSON.stringify(variables) }) });
      const url = `${gateway.url}?${search}`;
      const headers = { 'apollo-require-preflight': 'true', 'accept-encoding': 'br', ...auth };
      const full = await send(agent, url, 'GET', headers);
      if (full.etag === undefined) {
        log('wire bytes: the status poll has no ETag; no 304 figure');
        continue;
      }
      const arm = async (extra: Record<string, string>) => {
        const meter = cpuMeter({ gateway: [gateway.pid] });
        let last: Reply | undefined;
        for (let i = 0; i < polls; i++) last = await send(agent, url, 'GET', { ...headers, ...extra });
        return { cpuMs: (meter().gateway ?? 0) / polls, last };
      };
      // Alternating arms twice over, so that a drift of the machine weighs on both alike.
      const fullRuns = [];
      const revalidatedRuns = [];
      for (let round = 0; round < 2; round++) {
        fullRuns.push(await arm({}));
        revalidatedRuns.push(await arm({ 'if-none-match': full.etag }));
      }
      const notModified = revalidatedRuns[0]?.last;
      if (notModified?.status !== 304) throw new Error(`a poll with its ETag got HTTP ${notModified?.status}, not 304`);
      const mean = (runs: { cpuMs: number }[]) => runs.reduce((sum, r) => sum + r.cpuMs, 0) / runs.length;
      poll = { polls: polls * 2, fullCpuMs: mean(fullRuns), notModifiedCpuMs: mean(revalidatedRuns), fullBytes: full.totalBytes, notModifiedBytes: notModified.totalBytes };
      log(`wire bytes, status poll: ${poll.fullCpuMs.toFixed(2)} ms CPU full vs ${poll.notModifiedCpuMs.toFixed(2)} ms CPU for a 304`);
    }
    return { sizes, ...(poll ? { poll } : {}) };
  } finally {
    agent.destroy();
  }
}

function send(agent: Agent, url: string, method: string, headers: Readonly<Record<string, string>>, body?: Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent }, (res) => {
      let bodyBytes = 0;
      res.on('data', (chunk: Buffer) => (bodyBytes += chunk.length));
      res.on('error', reject);
      res.on('end', () => {
        // Each header line is `name: value\r\n`: two bytes after the name, two after the value.
        const headerBytes = res.rawHeaders.reduce((sum, part) => sum + Buffer.byteLength(part) + 2, 0) + `HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n\r\n`.length;
        const etag = res.headers.etag;
        resolve({ status: res.statusCode ?? 0, bodyBytes, totalBytes: headerBytes + bodyBytes, ...(etag === undefined ? {} : { etag }) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The figures as a Markdown section of the bench's results. */
export function formatWireBytes(figures: WireBytesFigures): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
  const saved = (from: number, to: number) => `${Math.round((1 - to / from) * 100)} %`;
  const lines = [
    '### Bytes on the wire',
    '',
    `One answer each, body only, as the gateway sends it by \`Accept-Encoding\` (brotli quality ${defaultCompression.brotliQuality}, gzip level ${defaultCompression.gzipLevel}, from ${defaultCompression.minBytes} B).`,
    '',
    '| answer | as is | gzip | brotli | brotli saves |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...figures.sizes.map((s) => `| ${s.scenario} | ${kb(s.identity)} | ${kb(s.gzip)} | ${kb(s.br)} | ${saved(s.identity, s.br)} |`),
  ];
  const { poll } = figures;
  if (poll) {
    lines.push(
      '',
      `A status poll over GET, ${poll.polls} polls per arm, one at a time, asking for brotli: answered in full or by \`304 Not Modified\` to \`If-None-Match\`. The gateway still runs the query for a 304 (the answer must be known to be unchanged); it spares serialisation, compression and the bytes.`,
      '',
      '| poll | gateway CPU per poll | bytes on the wire (headers included) |',
      '| --- | ---: | ---: |',
      `| full answer | ${poll.fullCpuMs.toFixed(2)} ms | ${poll.fullBytes} B |`,
      `| 304 Not Modified | ${poll.notModifiedCpuMs.toFixed(2)} ms | ${poll.notModifiedBytes} B |`,
    );
  }
  return lines.join('\n');
}
