import { z } from 'zod';
import { integratorScopes, niuPattern } from '../auth/index.js';
import { BodyTooLargeError, readBody, sendJson, type RouteHandler } from '../lib/http/index.js';
import type { Logger } from '../lib/log/index.js';
import { ministriesWithASystem } from '../schema/legacy-systems.js';
import type { MinistryCode } from '../schema/procedures.js';
import type { AccessTokenClaims, TokenMinter } from './create-token-minter.js';
import { noStore, sendOAuthError } from './oauth-error.js';

/** Ministries with a simulated system: the only ones an agent can be issued a development token for. */
export const devAgentMinistries = ministriesWithASystem as readonly [MinistryCode, ...MinistryCode[]];

/** Client ids of development tokens, per role, unless the request names one. */
export const devClientIds = { citizen: 'portail-web', agent: 'console-agents', supervisor: 'console-supervision', integrator: 'integrateur-dev' } as const;

const identifier = z.string().regex(/^[A-Za-z0-9._:@-]{1,64}$/, '1 à 64 lettres, chiffres ou . _ : @ -');

const devTokenRequestSchema = z.strictObject({
  role: z.enum(['citizen', 'agent', 'supervisor', 'integrator'], { error: 'role attendu : citizen, agent, supervisor ou integrator' }),
  niu: z.string().regex(niuPattern, 'un NIU compte 12 chiffres').optional(),
  ministry: z.enum(devAgentMinistries, { error: `ministère attendu : ${devAgentMinistries.join(', ')}` }).optional(),
  /** An array or one space- or comma-separated string. */
  scopes: z
    .union([z.array(z.string()), z.string().transform((s) => s.split(/[\s,]+/).filter((x) => x !== ''))])
    .pipe(z.array(z.enum(integratorScopes, { error: `portées possibles : ${integratorScopes.join(', ')}` })))
    .optional(),
  subject: identifier.optional(),
  clientId: identifier.optional(),
});
type DevTokenRequest = z.infer<typeof devTokenRequestSchema>;

/** The claims to sign, or a French explanation of what is wrong with the request. */
function claimsFor(request: DevTokenRequest, minter: TokenMinter): AccessTokenClaims | string {
  const { role, niu, ministry, scopes, subject, clientId = devClientIds[role] } = request;
  if (niu !== undefined && role !== 'citizen') return 'niu ne vaut que pour role=citizen';
  if (ministry !== undefined && role !== 'agent') return 'ministry ne vaut que pour role=agent';
  if (scopes !== undefined && role !== 'integrator') return 'scopes ne vaut que pour role=integrator';
  switch (role) {
    case 'citizen':
      if (niu === undefined) return 'niu requis pour role=citizen';
      return { sub: subject ?? minter.citizenSubject(niu), client_id: clientId, role, niu };
    case 'agent':
      if (ministry === undefined) return `ministry requis pour role=agent (${devAgentMinistries.join(', ')})`;
      return { sub: subject ?? `agent-${ministry.toLowerCase().replace(/_/g, '-')}-demo`, client_id: clientId, role, ministry };
    case 'supervisor':
      return { sub: subject ?? 'superviseur-demo', client_id: clientId, role };
    case 'integrator':
      if (scopes === undefined || scopes.length === 0) return `scopes requis pour role=integrator (${integratorScopes.join(', ')})`;
      return { sub: subject ?? clientId, client_id: clientId, role, scope: [...new Set(scopes)].join(' ') };
  }
}

/**
 * The claims of a development token for `request` (`{ role, niu?, ministry?, scopes?, subject?, clientId? }`), or a
 * French explanation of what is wrong with it: the `/dev/token` route's, and the production-mode stack's person tokens
 * (scripts/stack/sign-access-token.ts), so that both issue the same subjects and client ids.
 */
export function devTokenClaims(request: unknown, minter: TokenMinter): AccessTokenClaims | string {
  const parsed = devTokenRequestSchema.safeParse(request);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    const message = issue?.code === 'unrecognized_keys' ? `champ inconnu : ${issue.keys.join(', ')}` : (issue?.message ?? 'requête invalide');
    return field === '' ? message : `${field} : ${message}`;
  }
  return claimsFor(parsed.data, minter);
}

/**
 * `POST /dev/token` (development only: not routed when NODE_ENV=production): a token for any seeded citizen, an
 * agent of a simulated ministry, a supervisor or an integrator with the scopes asked, from a JSON body
 * `{ role, niu?, ministry?, scopes?, subject?, clientId? }`.
 */
export function devTokenRoute(options: {
  readonly minter: TokenMinter;
  readonly isKnownNiu: (niu: string) => boolean;
  /** The NIFs of the companies a citizen holds a mandate for (the seeded world's register of mandates). */
  readonly companiesOf: (niu: string) => readonly string[];
  readonly worldLabel: string;
  readonly log: Logger;
}): RouteHandler {
  return async (req, res) => {
    if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) return sendOAuthError(res, 400, 'invalid_request', 'corps attendu en application/json');
    let value: unknown;
    try {
      value = JSON.parse(await readBody(req, 4_096));
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        // The rest of the body is still on the wire: close the connection after this answer.
        res.setHeader('connection', 'close');
        return sendOAuthError(res, 413, 'invalid_request', 'corps limité à 4096 octets');
      }
      return sendOAuthError(res, 400, 'invalid_request', 'corps JSON illisible');
    }
    const asked = devTokenClaims(value, options.minter);
    if (typeof asked === 'string') return sendOAuthError(res, 400, 'invalid_request', asked);
    if (asked.niu !== undefined && !options.isKnownNiu(asked.niu)) {
      return sendOAuthError(res, 400, 'unknown_niu', `aucun citoyen avec ce NIU dans le monde simulé (${options.worldLabel})`);
    }
    // The mandates come from the register, never from the request: a caller cannot ask for a company's.
    const companies = asked.niu === undefined ? [] : options.companiesOf(asked.niu);
    const claims: AccessTokenClaims = companies.length > 0 ? { ...asked, companies } : asked;
    const { accessToken, expiresInSeconds } = await options.minter.mint(claims);
    // Subjects are pseudonymous; the NIU is never logged.
    options.log.info({ role: claims.role, subject: claims.sub, clientId: claims.client_id, ministry: claims.ministry, scope: claims.scope }, 'development token issued');
    sendJson(res, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: expiresInSeconds }, noStore);
  };
}
