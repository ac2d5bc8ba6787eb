import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  /** The TLS server name the client sent (SNI), for an https receiver. */
  readonly servername: string | null;
}

/** Answers one received request; the body has been read in full. */
export type ReceiverHandler = (request: ReceivedRequest, response: http.ServerResponse) => void;

export interface Receiver {
  readonly port: number;
  /** `http(s)://127.0.0.1:<port><path>`. */
  url(path?: string): string;
  readonly requests: ReceivedRequest[];
  /** TCP connections accepted, whether or not a request followed. */
  connections(): number;
  close(): Promise<void>;
}

/** A real webhook receiver on 127.0.0.1 (a random port), recording what it gets; https when given a key and cert. */
export async function startReceiver(handler: ReceiverHandler = (_, response) => response.end('ok'), tls?: { key: string; cert: string }): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  let connections = 0;
  const listener: http.RequestListener = (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const socket = request.socket as { servername?: string | false };
      const received: ReceivedRequest = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        servername: typeof socket.servername === 'string' ? socket.servername : null,
      };
      requests.push(received);
      handler(received, response);
    });
  };
  const server = tls === undefined ? http.createServer(listener) : https.createServer({ key: tls.key, cert: tls.cert }, listener);
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const scheme = tls === undefined ? 'http' : 'https';
  return {
    port,
    url: (path = '/hooks') => `${scheme}://127.0.0.1:${port}${path}`,
    requests,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
