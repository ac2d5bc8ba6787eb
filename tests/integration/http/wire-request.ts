import { request, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

export interface WireResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** The bytes as they crossed the wire (compressed if the server compressed them). */
  readonly wire: Buffer;
  /** The body decoded from its Content-Encoding. */
  readonly text: string;
}

/**
 * One request over node:http, which — unlike fetch — neither adds `Accept-Encoding` nor decodes the body: what a
 * test sends is exactly what the gateway sees, and what it measures is what crossed the wire.
 */
export function wireRequest(url: string, { method = 'GET', headers = {}, body }: { method?: string; headers?: Readonly<Record<string, string>>; body?: string } = {}): Promise<WireResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const wire = Buffer.concat(chunks);
        const coding = res.headers['content-encoding'];
        const decoded = coding === 'br' ? brotliDecompressSync(wire) : coding === 'gzip' ? gunzipSync(wire) : wire;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, wire, text: decoded.toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** `?query=…&variables=…` of a GraphQL GET. */
export function graphqlSearch(query: string, variables?: Record<string, unknown>, operationName?: string): string {
  const search = new URLSearchParams({ query });
  if (variables !== undefined) search.set('variables', JSON.stringify(variables));
  if (operationName !== undefined) search.set('operationName', operationName);
  return `?${search}`;
}
