// RNEC v2: a REST/JSON API over the same registry as the SOAP port, served by the same simulator under /v2.
export { v2RequestListener } from './v2-listener.js';
export { v2OperationOf } from './v2-routes.js';
export { problem, problemReply } from './v2-problem.js';
export { RnecV2Operation, rnecV2Operations, RNEC_V2_PATH } from './v2-operations.js';
export type { PersonneV2, ActeV2, DemandeV2, EtapeV2, TypeActeV2, PieceV2 } from './v2-records.js';
