import { integratorScopes } from '../auth/index.js';
import { sendJson, type RouteHandler } from '../lib/http/index.js';
import type { SigningKey } from './signing-key.js';

/** Absolute URLs of the IdP's endpoints, from its issuer. */
export function idpEndpoints(issuer: string) {
  const base = issuer.replace(/\/+$/, '');
  return {
    jwksUri: `${base}/.well-known/jwks.json`,
    tokenEndpoint: `${base}/token`,
    devTokenEndpoint: `${base}/dev/token`,
    authorizationEndpoint: `${base}/authorize`,
    deviceAuthorizationEndpoint: `${base}/device_authorization`,
    revocationEndpoint: `${base}/revoke`,
  };
}

/**
 * OpenID Connect Discovery 1.0 metadata (and RFC 8414's), limited to what this IdP does: in production client
 * credentials only; outside it also end users' sign-in (`signIn`: code flow with PKCE, refresh, device grant).
 */
export function openidConfiguration(issuer: string, key: SigningKey, signIn = false) {
  const { jwksUri, tokenEndpoint, authorizationEndpoint, deviceAuthorizationEndpoint, revocationEndpoint } = idpEndpoints(issuer);
  const endUsers = signIn
    ? {
        authorization_endpoint: authorizationEndpoint,
        device_authorization_endpoint: deviceAuthorizationEndpoint,
        revocation_endpoint: revocationEndpoint,
        revocation_endpoint_auth_methods_supported: ['none'],
        code_challenge_methods_supported: ['S256'],
        response_modes_supported: ['query'],
        prompt_values_supported: ['none', 'login'],
        authorization_response_iss_parameter_supported: true,
      }
    : {};
  return {
    issuer,
    jwks_uri: jwksUri,
    token_endpoint: tokenEndpoint,
    ...endUsers,
    grant_types_supported: signIn ? ['client_credentials', 'authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'] : ['client_credentials'],
    token_endpoint_auth_methods_supported: signIn ? ['client_secret_basic', 'client_secret_post', 'none'] : ['client_secret_basic', 'client_secret_post'],
    response_types_supported: signIn ? ['code'] : ['token'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: [key.alg],
    scopes_supported: signIn ? ['openid', 'profile', 'offline_access', ...integratorScopes] : [...integratorScopes],
    claims_supported: ['iss', 'aud', 'sub', 'exp', 'iat', 'jti', 'client_id', 'role', 'niu', 'ministry', 'scope', ...(signIn ? ['nonce', 'auth_time', 'name'] : [])],
  };
}

export function discoveryRoute(issuer: string, key: SigningKey, signIn = false): RouteHandler {
  const body = openidConfiguration(issuer, key, signIn);
  return (_req, res) => sendJson(res, 200, body, { 'cache-control': 'public, max-age=300' });
}

/** The public key only; verifiers cache it (jose refetches on an unknown `kid`). */
export function jwksRoute(key: SigningKey): RouteHandler {
  const body = { keys: [key.publicJwk] };
  return (_req, res) => sendJson(res, 200, body, { 'cache-control': 'public, max-age=300' });
}
