import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { freePort } from './free-port.js';
import { spawnServerProcess, stopServerProcess, waitUntilReady, type ServerProcess } from './server-process.js';

/** One balanced service: a loopback frontend port and the replicas behind it. */
export interface BalancedService {
  readonly name: string;
  /** Frontend port; default a free one. */
  readonly port?: number;
  /** `127.0.0.1:<port>` of each replica. */
  readonly servers: readonly { readonly name: string; readonly address: string }[];
  /** Health check path each replica answers 200 on while it can serve. */
  readonly healthPath: string;
  /** Append `X-Forwarded-For` (the gateway then trusts one proxy hop). */
  readonly forwardedFor?: boolean;
}

export interface HaproxyServer {
  /** Frontend port by service name. */
  readonly ports: Readonly<Record<string, number>>;
  readonly configPath: string;
  stop(): Promise<void>;
}

export function haproxyBinary(): string {
  const candidates = [process.env.HAPROXY_BIN, '/usr/sbin/haproxy', '/usr/bin/haproxy'].filter((c): c is string => typeof c === 'string');
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error('haproxy not found: run scripts/install-test-servers.sh (or set HAPROXY_BIN)');
  return found;
}

/**
 * The HAProxy configuration: one HTTP frontend per service, round robin over its replicas, active health checks
 * every 500 ms (a killed replica is out within a second, back as soon as it answers), and a request that could not
 * reach a replica (connection refused, or closed without an answer) retried once on another. Retrying a request
 * that may have been sent is safe here because every Guichet mutation that changes a legacy system is idempotent by
 * its key (the external reference); reads are idempotent anyway.
 */
export function haproxyConfig(services: readonly (BalancedService & { readonly port: number })[]): string {
  const lines = [
    'global',
    '  maxconn 4000',
    '  log stderr format raw local0 notice',
    'defaults',
    '  mode http',
    '  log global',
    '  option httplog',
    '  timeout connect 1s',
    // Long-lived streams: an SSE response is plain HTTP, so `timeout client`/`server` apply to it as inactivity
    // timeouts, and every heartbeat resets them (graphql-sse and the supervision room every 12 s, the internal
    // dossier-event stream every 15 s: far below 130 s). A WebSocket, once upgraded, is a tunnel: `timeout tunnel`
    // replaces both; its pings (SUBSCRIPTIONS_HEARTBEAT_MS, 12 s) keep it well inside the hour.
    '  timeout client 130s',
    '  timeout server 130s',
    '  timeout tunnel 1h',
    '  timeout client-fin 5s',
    // A client gone (an app closing its stream) is passed on to the replica at once. Without it HAProxy notices only
    // when a heartbeat to the closed socket fails, two heartbeats later (about 24 s for SSE), and the gateway counts
    // the stream against its caller's cap all that time.
    '  option abortonclose',
    '  timeout http-keep-alive 30s',
    '  timeout queue 10s',
    '  option redispatch',
    '  retries 2',
    '  retry-on conn-failure empty-response',
    '  default-server inter 500ms fastinter 250ms downinter 500ms fall 2 rise 1 check',
  ];
  for (const service of services) {
    lines.push(`frontend ${service.name}`, `  bind 127.0.0.1:${service.port}`, `  default_backend ${service.name}-replicas`);
    // The gateways' connections to the internal dossier-event stream are few and each (re)connection matters to an
    // operator: logged when the replica answers (not when the stream ends, hours later), with the cursor it resumes
    // from (`{<Last-Event-ID>}`) and the replica that took it. Every other request stays unlogged.
    lines.push(
      '  capture request header Last-Event-ID len 40',
      '  http-request set-log-level notice if { path_end /internal/dossier-events }',
      '  http-request set-log-level silent unless { path_end /internal/dossier-events }',
      '  option logasap',
    );
    if (service.forwardedFor) lines.push('  option forwardfor');
    lines.push(`backend ${service.name}-replicas`, '  balance roundrobin', `  option httpchk GET ${service.healthPath}`, '  http-check expect status 200');
    for (const server of service.servers) lines.push(`  server ${server.name} ${server.address}`);
  }
  return `${lines.join('\n')}\n`;
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** A real HAProxy from the distribution, in the foreground (`-db`), with its configuration in a temporary directory. */
export async function startHaproxy(services: readonly BalancedService[], options: { readonly onLine?: (name: string, line: string) => void } = {}): Promise<HaproxyServer> {
  const withPorts = await Promise.all(services.map(async (service) => ({ ...service, port: service.port ?? (await freePort()) })));
  const dir = mkdtempSync(join(tmpdir(), 'guichet-haproxy-'));
  const configPath = join(dir, 'haproxy.cfg');
  writeFileSync(configPath, haproxyConfig(withPorts));
  const check = spawnServerProcess(haproxyBinary(), ['-c', '-f', configPath], { name: 'haproxy' });
  await check.exited();
  if (check.child.exitCode !== 0) throw new Error(`haproxy refused its configuration:\n${check.recent()}`);
  const server: ServerProcess = spawnServerProcess(haproxyBinary(), ['-db', '-f', configPath], { name: 'haproxy', onLine: options.onLine });
  await waitUntilReady(server, 'HAProxy', async () => (await Promise.all(withPorts.map((s) => accepts(s.port)))).every(Boolean), 10_000);
  return {
    ports: Object.fromEntries(withPorts.map((s) => [s.name, s.port])),
    configPath,
    async stop() {
      await stopServerProcess(server, 'SIGTERM', 5_000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
