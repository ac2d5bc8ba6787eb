// RNEC v2 (REST/JSON) as a port of the adapter: client, payloads, mapping to the same clean records as SOAP.
export { createRnecV2Port, RnecV2Operation } from './rnec-v2-port.js';
export { readV2Reply } from './rnec-v2-client.js';
