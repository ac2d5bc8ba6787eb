import type { IncomingMessage, ServerResponse } from 'node:http';
import { faultEnvelope, RnecFault } from './rnec-fault.js';
import { decodeXop, isMultipartRelated, XopError } from './xop-decoder.js';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Wraps node-soap's request listener so that an MTOM request (`multipart/related`) to the SOAP endpoint reaches
 * it as the plain envelope (see decodeXop). node-soap takes a body already read from `req.body` (its hook for
 * express middlewares) and echoes the request's content type on its answer: both are set here, so the answer is
 * `text/xml` like any other. A malformed MTOM body, or one over `maxBytes`, is a `soap:Client` Fault.
 */
export function decodingMtom(listener: Listener, { path, maxBytes }: { readonly path: string; readonly maxBytes: number }): Listener {
  return (req, res) => {
    const requestPath = (req.url ?? '').split('?')[0];
    if (req.method !== 'POST' || requestPath !== path || !isMultipartRelated(req.headers['content-type'])) return listener(req, res);
    readRaw(req, maxBytes).then(
      (body) => {
        let xml: string;
        try {
          xml = decodeXop(req.headers['content-type'] ?? '', body);
        } catch (error) {
          const message = error instanceof XopError ? `Requête MTOM illisible : ${error.message}.` : 'Requête MTOM illisible.';
          return sendFault(res, new RnecFault('PARAMETRE_INVALIDE', message));
        }
        Object.assign(req, { body: Buffer.from(xml, 'utf8') });
        req.headers['content-type'] = 'text/xml; charset=utf-8';
        listener(req, res);
      },
      () => sendFault(res, new RnecFault('PIECE_TROP_VOLUMINEUSE', `La requête dépasse ${Math.floor(maxBytes / 1_000_000)} Mo.`), true),
    );
  };
}

function sendFault(res: ServerResponse, fault: RnecFault, close = false): void {
  // An unread body cannot be drained reliably: the connection is closed after the answer.
  res.writeHead(500, { 'content-type': 'text/xml; charset=utf-8', ...(close ? { connection: 'close' } : {}) }).end(faultEnvelope(fault));
}

/** The body as bytes (MTOM parts are binary), refused past `maxBytes`. */
function readRaw(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.removeAllListeners('data');
        req.pause();
        reject(new Error('body too large'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
