import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import soap from 'soap';
import { closeServer, listen } from '../../lib/http/index.js';
import { installFaultLayer, type LegacyControl } from '../shared/index.js';
import { generateWorld } from '../world/index.js';
import type { RnecSimulatorConfig } from './config.js';
import { rnecProfile } from './rnec-profile.js';
import { defaultPieceLimits, RnecRegistry, type PieceLimits } from './rnec-registry.js';
import { decodingMtom } from './mtom-request.js';
import { rnecServices } from './rnec-service.js';
import { RNEC_V2_PATH, v2RequestListener } from './v2/index.js';

/** Where the SOAP port listens; the WSDL is at `<endpoint>?wsdl`. */
export const RNEC_PATH = '/ws/rnec';
const WSDL_ADDRESS = 'http://127.0.0.1:4201/ws/rnec';

export interface RunningRnecSimulator {
  /** The SOAP endpoint (what RNEC_URL points at), e.g. `http://127.0.0.1:4201/ws/rnec`. */
  readonly url: string;
  /** RNEC v2, REST/JSON over the same registry (what RNEC_V2_URL points at), e.g. `http://127.0.0.1:4201/v2`. */
  readonly v2Url: string;
  /** Root of the server, where the `/__admin/` routes live. */
  readonly baseUrl: string;
  readonly control: LegacyControl;
  close(): Promise<void>;
}

/** Starts the RNEC simulator: seeded registry, node-soap port and v2 REST API over it, fault layer in front of both. */
export async function startRnecSimulator(config: RnecSimulatorConfig & { readonly pieceLimits?: PieceLimits }): Promise<RunningRnecSimulator> {
  const pieceLimits = config.pieceLimits ?? defaultPieceLimits;
  const registry = new RnecRegistry(generateWorld(config.world), undefined, pieceLimits);
  // Read beside this module: works from the sources (vitest) and from dist/ (copied by scripts/copy-assets.mjs).
  const wsdlTemplate = readFileSync(new URL('./rnec.wsdl', import.meta.url), 'utf8');
  const server = createServer();
  const baseUrl = await listen(server, config.host, config.port);
  const url = `${baseUrl}${RNEC_PATH}`;
  // node-soap hands requests for other paths to the listeners it found: v2 beside it, a 404 elsewhere (never a hang).
  const v2 = v2RequestListener(registry);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith(`${RNEC_V2_PATH}/`)) return v2(req, res);
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`Service inconnu. Points d’accès RNEC : ${RNEC_PATH} (SOAP), ${RNEC_V2_PATH}/ (REST)\n`);
  });
  try {
    // soap.listen attaches its 'request' listener once the WSDL is parsed: wait for it before the fault layer wraps it.
    await new Promise<void>((resolve, reject) => {
      soap.listen(server, {
        path: RNEC_PATH,
        services: rnecServices(registry),
        xml: wsdlTemplate.replace(WSDL_ADDRESS, url),
        suppressStack: true,
        enableChunkedEncoding: false,
        callback: (error: unknown) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve()),
      });
    });
  } catch (error) {
    await closeServer(server, 0);
    throw error;
  }
  // node-soap cannot read MTOM requests: they are decoded in front of it, inside the fault layer (counted, faulted
  // and delayed like any call). The cap: a full deposit, base64 overhead and envelope included.
  const soapListeners = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  const maxMtomBytes = Math.ceil(pieceLimits.maxPiecesPerDeposit * pieceLimits.maxPieceBytes * 1.4) + 1_000_000;
  for (const listener of soapListeners) server.on('request', decodingMtom(listener.bind(server), { path: RNEC_PATH, maxBytes: maxMtomBytes }));
  const control = installFaultLayer(
    server,
    rnecProfile,
    { faults: config.faults, latency: config.latency },
    {
      setStatus: (numero, statut, nowMs) => registry.setStatus(numero, statut, nowMs),
    },
  );
  return { url, v2Url: `${baseUrl}${RNEC_V2_PATH}`, baseUrl, control, close: () => closeServer(server, 1_000) };
}
