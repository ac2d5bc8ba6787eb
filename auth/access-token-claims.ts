import type { JWTPayload } from 'jose';
import { z } from 'zod';
import { MinistryCode } from '../schema/procedures.js';
import { AuthenticationError } from './authentication-error.js';
import { integratorScopes, scopesOfRole, type Principal } from './principal.js';
import { companiesSchema, identifierSchema, niuPattern } from './principal-schema.js';

/**
 * The claims Guichet reads from an access token (besides `iss`, `aud`, `exp`, `nbf`, `iat`, checked by the verifier):
 *
 * | claim       | who          | meaning                                                                       |
 * | ----------- | ------------ | ----------------------------------------------------------------------------- |
 * | `sub`       | everyone     | stable id of the person or client (pseudonymous: never a NIU or a name)       |
 * | `client_id` | everyone     | OAuth client the token was issued to (RFC 9068); `azp` is accepted instead    |
 * | `role`      | everyone     | `citizen`, `agent`, `supervisor` or `integrator`                              |
 * | `niu`       | citizen only | the citizen's own NIU, 12 digits (required for a citizen, refused otherwise)  |
 * | `ministry`  | agent only   | a MinistryCode (`ENERGY`…) (required for an agent, refused otherwise)         |
 * | `companies` | citizen only | NIFs of the companies the citizen holds a mandate for (≤ 20; refused otherwise) |
 * | `scope`     | integrators  | space-separated granted scopes; only `integratorScopes` count, others ignored |
 *
 * A real OIDC provider plugs in by emitting these claims (e.g. protocol mappers in Keycloak). Other claims are ignored.
 */
const claimsSchema = z.looseObject({
  sub: identifierSchema,
  client_id: identifierSchema.optional(),
  azp: identifierSchema.optional(),
  role: z.enum(['citizen', 'agent', 'supervisor', 'integrator']),
  niu: z.string().regex(niuPattern).optional(),
  companies: companiesSchema.optional(),
  ministry: z.enum(MinistryCode).optional(),
  scope: z.string().max(1_024).optional(),
});

const grantable = new Set<string>(integratorScopes);

/** Maps verified claims to a Principal; any missing, unknown or contradictory claim is an AuthenticationError. */
export function principalFromClaims(payload: JWTPayload): Principal {
  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success) {
    const claims = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? '?')))];
    throw new AuthenticationError(`invalid claims: ${claims.join(', ')}`);
  }
  const { sub, client_id: clientIdClaim, azp, role, niu, companies, ministry, scope } = parsed.data;
  if (clientIdClaim !== undefined && azp !== undefined && clientIdClaim !== azp) throw new AuthenticationError('client_id and azp disagree');
  const clientId = clientIdClaim ?? azp;
  if (clientId === undefined) throw new AuthenticationError('invalid claims: client_id');
  if ((role === 'citizen') !== (niu !== undefined)) throw new AuthenticationError(role === 'citizen' ? 'invalid claims: citizen without niu' : `invalid claims: niu on a ${role} token`);
  if ((role === 'agent') !== (ministry !== undefined)) throw new AuthenticationError(role === 'agent' ? 'invalid claims: agent without ministry' : `invalid claims: ministry on a ${role} token`);
  if (companies !== undefined && role !== 'citizen') throw new AuthenticationError(`invalid claims: companies on a ${role} token`);
  // Only integrators hold granted scopes; a provider's own scopes (`openid profile`…) never widen a role.
  const granted = role === 'integrator' ? [...new Set((scope ?? '').split(' ').filter((s) => grantable.has(s)))] : [];
  return {
    subject: sub,
    role,
    ...(niu === undefined ? {} : { niu }),
    // An empty list is no mandate: left out, so the principal is the same as a token without the claim.
    ...(companies === undefined || companies.length === 0 ? {} : { companies }),
    ...(ministry === undefined ? {} : { ministry }),
    scopes: [...scopesOfRole(role, ministry), ...granted],
    clientId,
  };
}
