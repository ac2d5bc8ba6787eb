import type { IncomingMessage } from 'node:http';
import type { LegacyProfile } from '../shared/index.js';
import { errorResponseEnvelope, faultEnvelope, RnecFault } from './rnec-fault.js';

const xmlHeaders = { 'content-type': 'text/xml; charset=utf-8' };

/**
 * How RNEC fails, for the fault layer. Operation names counted: the SOAP operation from the `SOAPAction` header
 * (`ConsulterPersonnes`, …), which SOAP 1.1 clients always send; `wsdl` for `GET …?wsdl`; `<METHOD> <path>`
 * otherwise. The body is not read here: it still has to reach node-soap.
 */
export const rnecProfile: LegacyProfile = {
  operationOf(req: IncomingMessage): string {
    const action = req.headers.soapaction;
    const value = (Array.isArray(action) ? action[0] : action)?.replace(/"/g, '').trim();
    if (value) return value.split(/[/#]/).pop() || value;
    const [path = '', query = ''] = (req.url ?? '').split('?');
    if (req.method === 'GET' && /^wsdl/i.test(query)) return 'wsdl';
    return `${req.method ?? 'GET'} ${path}`;
  },
  serverError() {
    const fault = new RnecFault('ERREUR_INTERNE', 'Erreur interne du serveur RNEC (base de données indisponible).', 'Server');
    return { status: 500, headers: xmlHeaders, body: faultEnvelope(fault) };
  },
  errorIn200(operation: string) {
    const name = /^[A-Za-z]+$/.test(operation) ? operation : 'Erreur';
    return { status: 200, headers: xmlHeaders, body: errorResponseEnvelope(name, 'ERREUR_INTERNE', 'Erreur interne : verrou mortel détecté (ORA-00060), traitement annulé.') };
  },
  overloaded(retryAfterSeconds: number) {
    return { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `Service RNEC surchargé. Réessayez dans ${retryAfterSeconds} s.` };
  },
};
