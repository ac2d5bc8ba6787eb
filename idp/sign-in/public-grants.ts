import type { ServerResponse } from 'node:http';
import { sendJson } from '../../lib/http/index.js';
import type { AccessTokenClaims } from '../create-token-minter.js';
import { noStore, sendOAuthError } from '../oauth-error.js';
import { signIdToken } from './id-token.js';
import { pkceMatches } from './pkce.js';
import type { RefreshFamily } from './refresh-families.js';
import type { SignInContext } from './sign-in-context.js';

export const deviceCodeGrantType = 'urn:ietf:params:oauth:grant-type:device_code';

/** The grants of the room's public client, beside the integrators' client credentials. */
export const publicGrantTypes = ['authorization_code', 'refresh_token', deviceCodeGrantType] as const;

async function sendTokens(ctx: SignInContext, res: ServerResponse, family: RefreshFamily, refreshToken: string, idToken?: { nonce?: string; authTimeS: number; name: string }): Promise<void> {
  const { accessToken, expiresInSeconds } = await ctx.minter.mint(family.claims);
  const id_token =
    idToken === undefined
      ? undefined
      : await signIdToken({
          key: ctx.key,
          issuer: ctx.issuer,
          clientId: family.clientId,
          subject: family.claims.sub,
          name: idToken.name,
          authTimeS: idToken.authTimeS,
          ttlSeconds: ctx.tokenTtlSeconds,
          ...(idToken.nonce === undefined ? {} : { nonce: idToken.nonce }),
        });
  sendJson(
    res,
    200,
    {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: expiresInSeconds,
      refresh_token: refreshToken,
      // Keycloak's name for it: the absolute end of the sign-in, which rotation never extends.
      refresh_expires_in: Math.max(0, Math.floor((family.expiresAtMs - Date.now()) / 1000)),
      scope: family.scope,
      ...(id_token === undefined ? {} : { id_token }),
    },
    noStore,
  );
}

const invalidGrant = (res: ServerResponse, description: string) => sendOAuthError(res, 400, 'invalid_grant', description);

/**
 * The token endpoint's grants for the room's public client (`client_id` in the body, no secret): the authorization
 * code (PKCE verified; a code is single-use, and its replay revokes what its first use started), the refresh token
 * (rotated on every use; a rotated token presented again revokes its family) and the device code (RFC 8628 §3.4).
 */
export async function publicGrant(ctx: SignInContext, res: ServerResponse, params: URLSearchParams): Promise<void> {
  const grantType = params.get('grant_type');
  const clientId = params.get('client_id');
  if (clientId === null) return sendOAuthError(res, 401, 'invalid_client', 'client_id is required for a public client');
  if (clientId !== ctx.client.clientId) return sendOAuthError(res, 401, 'invalid_client', 'unknown client');
  if (params.has('client_secret')) return sendOAuthError(res, 401, 'invalid_client', 'this client is public: it has no secret');
  switch (grantType) {
    case 'authorization_code': {
      const code = params.get('code');
      const redirectUri = params.get('redirect_uri');
      const verifier = params.get('code_verifier');
      if (code === null || redirectUri === null || verifier === null) return sendOAuthError(res, 400, 'invalid_request', 'code, redirect_uri and code_verifier are required');
      const redeemed = ctx.codes.redeem(code);
      if (redeemed.kind === 'reused') {
        if (redeemed.familyId !== undefined) ctx.families.revoke(redeemed.familyId);
        ctx.log.warn({ clientId }, 'authorization code replayed; tokens issued for it revoked');
        return invalidGrant(res, 'authorization code already used');
      }
      if (redeemed.kind !== 'redeemed') return invalidGrant(res, `authorization code ${redeemed.kind}`);
      const { grant } = redeemed;
      if (grant.clientId !== clientId) return invalidGrant(res, 'authorization code issued to another client');
      if (grant.redirectUri !== redirectUri) return invalidGrant(res, 'redirect_uri does not match the authorization request');
      if (!pkceMatches(verifier, grant.codeChallenge)) return invalidGrant(res, 'code_verifier does not match the code_challenge');
      const claims: AccessTokenClaims = { sub: grant.supervisor.subject, client_id: clientId, role: 'supervisor' };
      const { family, refreshToken } = ctx.families.start({ clientId, kind: 'person', claims, scope: grant.scope });
      redeemed.bindFamily(family.id);
      ctx.log.info({ subject: claims.sub, clientId, family: family.id }, 'authorization code exchanged');
      return sendTokens(ctx, res, family, refreshToken, { authTimeS: grant.authTimeS, name: grant.supervisor.displayName, ...(grant.nonce === undefined ? {} : { nonce: grant.nonce }) });
    }
    case 'refresh_token': {
      const presented = params.get('refresh_token');
      if (presented === null) return sendOAuthError(res, 400, 'invalid_request', 'refresh_token is required');
      const rotated = ctx.families.rotate(presented, clientId);
      if (rotated.kind === 'reused') {
        ctx.log.warn({ clientId, subject: rotated.family.claims.sub, family: rotated.family.id }, 'refresh token reused; its family revoked');
        return invalidGrant(res, 'refresh token already used: the whole sign-in is revoked');
      }
      if (rotated.kind !== 'rotated') return invalidGrant(res, `refresh token ${rotated.kind === 'wrong-client' ? 'issued to another client' : rotated.kind}`);
      return sendTokens(ctx, res, rotated.family, rotated.refreshToken);
    }
    case deviceCodeGrantType: {
      const deviceCode = params.get('device_code');
      if (deviceCode === null) return sendOAuthError(res, 400, 'invalid_request', 'device_code is required');
      const polled = ctx.devices.poll(deviceCode, clientId);
      switch (polled.kind) {
        case 'pending':
          return sendOAuthError(res, 400, 'authorization_pending', 'the user has not approved this device yet');
        case 'slow-down':
          return sendOAuthError(res, 400, 'slow_down', 'polling too fast: wait 5 more seconds between requests');
        case 'denied':
          return sendOAuthError(res, 400, 'access_denied', 'the user denied this device');
        case 'expired':
          return sendOAuthError(res, 400, 'expired_token', 'the device code expired: start again');
        case 'unknown':
        case 'consumed':
        case 'wrong-client':
          return invalidGrant(res, `device code ${polled.kind === 'wrong-client' ? 'issued to another client' : polled.kind === 'consumed' ? 'already used' : 'unknown'}`);
        case 'approved': {
          const { authorization, approvedBy } = polled;
          // A screen is no person: its own subject, and only the scope that reads the room's figures.
          const claims: AccessTokenClaims = { sub: `ecran-${authorization.userCode.replace('-', '').toLowerCase()}`, client_id: clientId, role: 'integrator', scope: authorization.scope };
          const { family, refreshToken } = ctx.families.start({ clientId, kind: 'screen', claims, scope: authorization.scope, approvedBy, userCode: authorization.userCode });
          ctx.log.info({ subject: claims.sub, approvedBy, family: family.id }, 'wall screen signed in');
          return sendTokens(ctx, res, family, refreshToken);
        }
      }
    }
  }
  return sendOAuthError(res, 400, 'unsupported_grant_type', 'unsupported grant_type');
}
