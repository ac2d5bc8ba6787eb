import type { IncomingMessage, OutgoingHttpHeaders, Server, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { readBody } from '../../lib/http/index.js';
import { CallCounter } from './call-counter.js';
import { drawFault, faultSettingsPatch, latencySettingsPatch, type FaultKind, type FaultSettings, type LatencySettings } from './knobs.js';
import { drawLatencyMs } from './latency.js';

export interface LegacyReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What the fault layer must know of one legacy system to imitate its failures. */
export interface LegacyProfile {
  /** Operation name of a request, for the call counter and fault targeting (e.g. `ConsulterPersonnes`). */
  operationOf(req: IncomingMessage): string;
  /** The system's own server error (SOAP Fault over HTTP 500, JSON 500…). */
  serverError(operation: string): LegacyReply;
  /** An error carried inside an HTTP 200, the way this system would. */
  errorIn200(operation: string): LegacyReply;
  /** The body of a 503 (content type and wording of the system). */
  overloaded(retryAfterSeconds: number): LegacyReply;
}

/** Live knobs of a running simulator; the admin endpoint changes them. */
export interface LegacyControl {
  faults: FaultSettings;
  latency: LatencySettings;
  readonly calls: CallCounter;
}

const ADMIN_PREFIX = '/__admin/';

/** The outcome of a simulator's dossier admin operation. */
export type DossierAdminOutcome = { readonly kind: 'not-found' } | { readonly kind: 'invalid'; readonly error: string } | { readonly kind: 'done'; readonly dossier: unknown };

/**
 * What a simulator with a change feed lets tests do to its dossiers (`POST /__admin/dossiers/<number>/status`):
 * move one to a status, by the ministry's own status code, as an agent would — dated now, so its change feed reports it.
 */
export interface DossierAdmin {
  setStatus(legacyNumber: string, status: string, nowMs: number): DossierAdminOutcome;
}

const DOSSIER_STATUS_PATH = /^\/__admin\/dossiers\/([^/]+)\/status$/;

/**
 * Wraps every request listener already attached to `server` (REST router, node-soap…) in the simulator's
 * admin routes, call counter, latency and fault injection. Call it after the system's handlers are attached.
 */
export function installFaultLayer(server: Server, profile: LegacyProfile, initial: { faults: FaultSettings; latency: LatencySettings }, dossiers?: DossierAdmin): LegacyControl {
  const control: LegacyControl = { faults: { ...initial.faults }, latency: { ...initial.latency }, calls: new CallCounter() };
  const inner = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  const forward = (req: IncomingMessage, res: ServerResponse) => {
    for (const listener of inner) listener.call(server, req, res);
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith(ADMIN_PREFIX)) {
      handleAdmin(req, res, control, initial, dossiers).catch((error: unknown) => sendJson(res, 500, { error: String(error) }));
      return;
    }
    const operation = profile.operationOf(req);
    control.calls.increment(operation);
    if (control.faults.down) {
      req.socket.destroy();
      return;
    }
    const fault = drawFault(control.faults, operation);
    const delayMs = drawLatencyMs(control.latency);
    void (async () => {
      if (delayMs > 0) await sleep(delayMs);
      await applyFault(fault, req, res, control.faults, profile, operation, forward);
    })().catch(() => req.socket.destroy());
  });
  return control;
}

async function applyFault(
  fault: FaultKind | undefined,
  req: IncomingMessage,
  res: ServerResponse,
  faults: FaultSettings,
  profile: LegacyProfile,
  operation: string,
  forward: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<void> {
  switch (fault) {
    case undefined:
      return forward(req, res);
    case 'reset':
      req.socket.resetAndDestroy();
      return;
    case 'overload':
      return send(res, profile.overloaded(faults.retryAfterSeconds), { 'retry-after': String(faults.retryAfterSeconds) });
    case 'timeout':
      await sleep(faults.hangMs);
      if (!res.destroyed) forward(req, res);
      return;
    case 'error':
      return send(res, profile.serverError(operation));
    case 'errorIn200':
      return send(res, profile.errorIn200(operation));
    case 'malformed':
      captureBody(res, (body, write) => write(malform(body), undefined));
      return forward(req, res);
    case 'truncated':
      captureBody(res, (body, write) => write(body.subarray(0, Math.floor(body.length / 2)), body.length));
      return forward(req, res);
  }
}

/** Breaks a body's syntax while keeping its start plausible (XML or JSON alike). */
function malform(body: Buffer): Buffer {
  const cut = body.subarray(0, Math.max(1, Math.floor(body.length * 0.6)));
  return Buffer.concat([cut, Buffer.from('<<<\u0000{"')]);
}

/**
 * Intercepts the real handler's output so a fault can rewrite it. `emit(bytes, announcedLength)` sends the
 * (altered) body; an announced length longer than the bytes sent makes a truncated reply.
 */
function captureBody(res: ServerResponse, transform: (body: Buffer, emit: (bytes: Buffer, announcedLength: number | undefined) => void) => void): void {
  const chunks: Buffer[] = [];
  const original = { write: res.write.bind(res), end: res.end.bind(res), writeHead: res.writeHead.bind(res) };
  let headStatus: number | undefined;
  let headHeaders: OutgoingHttpHeaders = {};
  const toBuffer = (chunk: unknown): Buffer => (Buffer.isBuffer(chunk) ? chunk : typeof chunk === 'string' ? Buffer.from(chunk) : chunk instanceof Uint8Array ? Buffer.from(chunk) : Buffer.alloc(0));

  res.writeHead = ((status: number, ...rest: unknown[]) => {
    headStatus = status;
    const headers = rest.find((arg) => typeof arg === 'object' && arg !== null);
    if (headers && !Array.isArray(headers)) headHeaders = headers as OutgoingHttpHeaders;
    return res;
  }) as ServerResponse['writeHead'];
  res.write = ((chunk: unknown) => {
    chunks.push(toBuffer(chunk));
    return true;
  }) as ServerResponse['write'];
  res.end = ((chunk?: unknown) => {
    if (chunk !== undefined && typeof chunk !== 'function') chunks.push(toBuffer(chunk));
    res.write = original.write;
    res.end = original.end;
    res.writeHead = original.writeHead;
    const body = Buffer.concat(chunks);
    transform(body, (bytes, announcedLength) => {
      for (const [name, value] of Object.entries(headHeaders)) if (value !== undefined) res.setHeader(name, value);
      res.removeHeader('content-length');
      if (announcedLength !== undefined) res.setHeader('content-length', String(announcedLength));
      res.statusCode = headStatus ?? res.statusCode;
      if (announcedLength !== undefined && announcedLength > bytes.length) {
        original.write(bytes);
        // Give the partial body a moment to leave, then cut the connection.
        setTimeout(() => res.socket?.destroy(), 20);
      } else {
        original.end(bytes);
      }
    });
    return res;
  }) as ServerResponse['end'];
}

function send(res: ServerResponse, reply: LegacyReply, extraHeaders: Record<string, string> = {}): void {
  res.writeHead(reply.status, { ...reply.headers, ...extraHeaders, 'content-length': Buffer.byteLength(reply.body) });
  res.end(reply.body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });
}

async function handleAdmin(
  req: IncomingMessage,
  res: ServerResponse,
  control: LegacyControl,
  initial: { faults: FaultSettings; latency: LatencySettings },
  dossiers: DossierAdmin | undefined,
): Promise<void> {
  const path = (req.url ?? '').split('?')[0] ?? '';
  const method = req.method ?? 'GET';
  const dossierStatus = DOSSIER_STATUS_PATH.exec(path);
  if (dossierStatus && dossiers && method === 'POST') {
    const body = parseJson(await readBody(req));
    const status = typeof body === 'object' && body !== null && 'status' in body ? body.status : undefined;
    if (typeof status !== 'string' && typeof status !== 'number') return sendJson(res, 400, { error: 'expected { "status": "<the ministry status code>" }' });
    const outcome = dossiers.setStatus(decodeURIComponent(dossierStatus[1] ?? ''), String(status), Date.now());
    if (outcome.kind === 'not-found') return sendJson(res, 404, { error: `no dossier ${dossierStatus[1]}` });
    if (outcome.kind === 'invalid') return sendJson(res, 400, { error: outcome.error });
    return sendJson(res, 200, { dossier: outcome.dossier });
  }
  if (path === '/__admin/faults' && method === 'GET') return sendJson(res, 200, { faults: control.faults, latency: control.latency });
  if (path === '/__admin/faults' && (method === 'PUT' || method === 'PATCH')) {
    const parsed = faultSettingsPatch.safeParse(parseJson(await readBody(req)));
    if (!parsed.success) return sendJson(res, 400, { error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
    const patch = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as Partial<FaultSettings>;
    control.faults = { ...(method === 'PUT' ? initial.faults : control.faults), ...patch };
    return sendJson(res, 200, { faults: control.faults });
  }
  if (path === '/__admin/latency' && (method === 'PUT' || method === 'PATCH')) {
    const parsed = latencySettingsPatch.safeParse(parseJson(await readBody(req)));
    if (!parsed.success) return sendJson(res, 400, { error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
    const patch = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as Partial<LatencySettings>;
    control.latency = { ...control.latency, ...patch };
    return sendJson(res, 200, { latency: control.latency });
  }
  if (path === '/__admin/calls' && method === 'GET') return sendJson(res, 200, control.calls.snapshot());
  if (path === '/__admin/calls' && method === 'DELETE') {
    control.calls.reset();
    return sendJson(res, 200, {});
  }
  if (path === '/__admin/reset' && method === 'POST') {
    control.faults = { ...initial.faults };
    control.latency = { ...initial.latency };
    control.calls.reset();
    return sendJson(res, 200, { faults: control.faults, latency: control.latency });
  }
  return sendJson(res, 404, { error: `no admin route ${method} ${path}` });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text || '{}');
  } catch {
    return undefined;
  }
}
