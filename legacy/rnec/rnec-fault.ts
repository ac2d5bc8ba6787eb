/** RNEC's error codes, carried in a fault's detail (`rnec:ERREUR/CODE_ERREUR`) or in `CODE_RETOUR`. */
export type RnecErrorCode = 'PERSONNE_INTROUVABLE' | 'ACTE_INTROUVABLE' | 'DEMANDE_INTROUVABLE' | 'PARAMETRE_INVALIDE' | 'TROP_DE_NIU' | 'TROP_DE_PIECES' | 'PIECE_TROP_VOLUMINEUSE' | 'ERREUR_INTERNE';

/** A refusal of the registry: `soap:Client` for the caller's mistakes, `soap:Server` for its own failures. */
export class RnecFault extends Error {
  constructor(
    readonly code: RnecErrorCode,
    message: string,
    readonly side: 'Client' | 'Server' = 'Client',
  ) {
    super(message);
    this.name = 'RnecFault';
  }
}

/** The object node-soap expects to be thrown to answer with a SOAP 1.1 Fault (always HTTP 500, as SOAP 1.1 says). */
export function toSoapFault(fault: RnecFault): { Fault: Record<string, unknown> } {
  return {
    Fault: {
      faultcode: `soap:${fault.side}`,
      faultstring: fault.message,
      detail: { 'rnec:ERREUR': { 'rnec:CODE_ERREUR': fault.code, 'rnec:MESSAGE_ERREUR': fault.message } },
      statusCode: 500,
    },
  };
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The same Fault written by hand, for replies the fault layer sends without node-soap. */
export function faultEnvelope(fault: RnecFault): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:rnec="urn:tg:gouv:rnec:v1"><soap:Body><soap:Fault>' +
    `<faultcode>soap:${fault.side}</faultcode><faultstring>${escapeXml(fault.message)}</faultstring>` +
    `<detail><rnec:ERREUR><rnec:CODE_ERREUR>${fault.code}</rnec:CODE_ERREUR><rnec:MESSAGE_ERREUR>${escapeXml(fault.message)}</rnec:MESSAGE_ERREUR></rnec:ERREUR></detail>` +
    '</soap:Fault></soap:Body></soap:Envelope>'
  );
}

/** A normal response element whose `CODE_RETOUR` reports an error: the registry's habit of failing inside a 200. */
export function errorResponseEnvelope(operation: string, code: RnecErrorCode, message: string): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:rnec="urn:tg:gouv:rnec:v1"><soap:Body>' +
    `<rnec:${operation}Response><rnec:CODE_RETOUR>${code}</rnec:CODE_RETOUR><rnec:MESSAGE_RETOUR>${escapeXml(message)}</rnec:MESSAGE_RETOUR></rnec:${operation}Response>` +
    '</soap:Body></soap:Envelope>'
  );
}
