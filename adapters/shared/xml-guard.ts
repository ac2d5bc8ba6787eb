import type { AxiosInstance } from 'axios';
import { RefusedPayloadError } from './refused-payload.js';

/** Case-insensitive: sax, under node-soap, takes `<!doctype` for a DOCTYPE too. */
const dtdMarkup = /<!(?:DOCTYPE|ENTITY)/i;
/** `<xsd:import schemaLocation=…>`, `<wsdl:import location=…>`, `<xsd:include …>`: documents node-soap would go and fetch. */
const externalDocument = /<(?:[\w.-]+:)?(?:import|include|redefine)\b[^>]*\b(?:schemaL|l)ocation\s*=/i;

/**
 * Refuses XML that declares a DTD or entities, before any parser sees it. No legacy answer needs one, and they
 * are how XXE (external entities: local files, internal URLs) and entity-expansion bombs ("billion laughs") get in.
 * sax (node-soap's parser) expands none of them today; this keeps it so whatever parser comes next.
 */
export function refuseDtd(body: string): void {
  const found = dtdMarkup.exec(body);
  if (found) throw new RefusedPayloadError(`XML with a DTD or entity declaration (${found[0]} at offset ${found.index}) refused before parsing`);
}

/** A WSDL must be self-contained: an import or include would make node-soap fetch whatever URL the document names. */
export function refuseWsdlImports(wsdl: string): void {
  const found = externalDocument.exec(wsdl);
  if (found) throw new RefusedPayloadError(`WSDL importing another document (${found[0].slice(0, 60)}) refused`);
}

/** Every answer read through `http` (node-soap's calls and the WSDL fetch alike) passes `refuseDtd` before anyone parses it. */
export function guardXmlResponses(http: AxiosInstance): void {
  http.interceptors.response.use((response) => {
    const data: unknown = response.data;
    if (typeof data === 'string') refuseDtd(data);
    else if (data instanceof Uint8Array) refuseDtd(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1'));
    else if (data !== undefined && data !== null && data !== '') throw new RefusedPayloadError(`unexpected ${typeof data} body: XML answers are read as text`);
    return response;
  });
}
