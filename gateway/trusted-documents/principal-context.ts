import type { Principal } from '../../auth/principal.js';

/** What these plugins need of the gateway's Apollo context: the caller, established before Apollo runs. */
export interface PrincipalContext {
  readonly principal: Principal;
}
