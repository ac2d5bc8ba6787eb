import type { MinistryCode } from '../schema/procedures.js';

/** Who may act in the graph. */
export type Role = 'citizen' | 'agent' | 'supervisor' | 'integrator';

/**
 * The caller, as the gateway established it from a verified access token and hands it to every subgraph in the
 * internal token. Never carries a name; a NIU only for a citizen (their own).
 */
export interface Principal {
  /** Subject of the access token (`sub`): stable per person or client. */
  readonly subject: string;
  readonly role: Role | 'anonymous';
  /** The citizen's own NIU (role `citizen` only). */
  readonly niu?: string;
  /**
   * NIFs of the companies the citizen holds a mandate for (manager or declared representative), as the identity
   * provider signed them in the `companies` claim (role `citizen` only; absent: none). Never taken from a request.
   */
  readonly companies?: readonly string[];
  /** The agent's ministry (role `agent` only). */
  readonly ministry?: MinistryCode;
  /**
   * What the caller may do, as checked against `@requiresScopes` in the SDL: the role itself (`citizen`, `agent`,
   * `supervisor`), `agent:<MINISTRY>` for agents, and the scopes granted to an integrator (`citizens:read`,
   * `dossiers:read`, `dossiers:write`…).
   */
  readonly scopes: readonly string[];
  /** OAuth client the request came through (`portail-web`, `app-mobile`, an integrator's id). */
  readonly clientId: string;
}

export const anonymousPrincipal: Principal = { subject: 'anonymous', role: 'anonymous', scopes: [], clientId: 'anonymous' };

/**
 * Scopes an integrator may be granted. `documents:any`: may send documents outside the trusted manifest when the
 * gateway enforces it; `webhooks:manage`: may register webhooks (which receive the dossier events `dossiers:read` allows).
 */
export const integratorScopes = ['citizens:read', 'dossiers:read', 'dossiers:write', 'supervision:read', 'documents:any', 'webhooks:manage'] as const;
export type IntegratorScope = (typeof integratorScopes)[number];

/** The scopes a principal carries by role, before any granted to an integrator. */
export function scopesOfRole(role: Role, ministry?: MinistryCode): string[] {
  switch (role) {
    case 'citizen':
      return ['citizen'];
    case 'agent':
      return ministry ? ['agent', `agent:${ministry}`] : ['agent'];
    case 'supervisor':
      return ['supervisor', 'supervision:read'];
    case 'integrator':
      return [];
  }
}
