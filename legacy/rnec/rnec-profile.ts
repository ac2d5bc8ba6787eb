import type { IncomingMessage } from 'node:http';
import type { LegacyProfile } from '../shared/index.js';
import { errorResponseEnvelope, faultEnvelope, RnecFault } from './rnec-fault.js';
import { problem, problemReply, v2OperationOf } from './v2/index.js';

const xmlHeaders = { 'content-type': 'text/xml; charset=utf-8' };

const isV2 = (operation: string) => operation.startsWith('v2.');

/**
 * How RNEC fails, for the fault layer. Operation names counted: v2's (`v2.consulterPersonne`, …) for anything under
 * `/v2/`; the SOAP operation from the `SOAPAction` header (`ConsulterPersonnes`, …), which SOAP 1.1 clients always
 * send; `wsdl` for `GET …?wsdl`; `<METHOD> <path>` otherwise. The body is not read here: it still has to reach
 * node-soap. Both APIs share the knobs; each fails in its own style, except the 503 of the front proxy (plain text).
 */
export const rnecProfile: LegacyProfile = {
  operationOf(req: IncomingMessage): string {
    if (req.url?.startsWith('/v2/')) return v2OperationOf(req);
    const action = req.headers.soapaction;
    const value = (Array.isArray(action) ? action[0] : action)?.replace(/"/g, '').trim();
    if (value) return value.split(/[/#]/).pop() || value;
    const [path = '', query = ''] = (req.url ?? '').split('?');
    if (req.method === 'GET' && /^wsdl/i.test(query)) return 'wsdl';
    return `${req.method ?? 'GET'} ${path}`;
  },
  serverError(operation: string) {
    if (isV2(operation)) return problemReply(problem(500, 'ERREUR_INTERNE', 'Erreur interne du serveur RNEC (base de données indisponible).'));
    const fault = new RnecFault('ERREUR_INTERNE', 'Erreur interne du serveur RNEC (base de données indisponible).', 'Server');
    return { status: 500, headers: xmlHeaders, body: faultEnvelope(fault) };
  },
  errorIn200(operation: string) {
    // v2's API gateway has the same bad habit: the backend's problem document, relayed with a 200.
    if (isV2(operation)) return { ...problemReply(problem(500, 'ERREUR_INTERNE', 'Erreur interne : verrou mortel détecté (ORA-00060), traitement annulé.')), status: 200 };
    const name = /^[A-Za-z]+$/.test(operation) ? operation : 'Erreur';
    return { status: 200, headers: xmlHeaders, body: errorResponseEnvelope(name, 'ERREUR_INTERNE', 'Erreur interne : verrou mortel détecté (ORA-00060), traitement annulé.') };
  },
  overloaded(retryAfterSeconds: number) {
    return { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `Service RNEC surchargé. Réessayez dans ${retryAfterSeconds} s.` };
  },
};
