// Reads a route makes through this very gateway's /graphql, with its caller's token, so that the graph's own rules decide.
export { dossierAccessOperation, readDossierAccess, type DossierAccess, type DossierAccessOperation, type ReadDossierAccessOptions } from './read-dossier-access.js';
export { selfGraphqlUrl } from './self-graphql-url.js';
