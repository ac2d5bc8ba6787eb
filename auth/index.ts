export { anonymousPrincipal, integratorScopes, scopesOfRole } from './principal.js';
export type { Principal, Role, IntegratorScope } from './principal.js';
