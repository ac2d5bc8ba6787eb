import { integratorScopes } from '../auth/index.js';
import { sendJson, type RouteHandler } from '../lib/http/index.js';
import type { SigningKey } from './signing-key.js';

/** Absolute URLs of the IdP's endpoints, from its issuer. */
export function idpEndpoints(issuer: string) {
  const base = issuer.replace(/\/+$/, '');
  return { jwksUri: `${base}/.well-known/jwks.json`, tokenEndpoint: `${base}/token`, devTokenEndpoint: `${base}/dev/token` };
}

/** OpenID Connect Discovery 1.0 metadata, limited to what this IdP does (no end-user login: tokens only). */
export function openidConfiguration(issuer: string, key: SigningKey) {
  const { jwksUri, tokenEndpoint } = idpEndpoints(issuer);
  return {
    issuer,
    jwks_uri: jwksUri,
    token_endpoint: tokenEndpoint,
    grant_types_supported: ['client_credentials'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    response_types_supported: ['token'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: [key.alg],
    scopes_supported: [...integratorScopes],
    claims_supported: ['iss', 'aud', 'sub', 'exp', 'iat', 'jti', 'client_id', 'role', 'niu', 'ministry', 'scope'],
  };
}

export function discoveryRoute(issuer: string, key: SigningKey): RouteHandler {
  const body = openidConfiguration(issuer, key);
  return (_req, res) => sendJson(res, 200, body, { 'cache-control': 'public, max-age=300' });
}

/** The public key only; verifiers cache it (jose refetches on an unknown `kid`). */
export function jwksRoute(key: SigningKey): RouteHandler {
  const body = { keys: [key.publicJwk] };
  return (_req, res) => sendJson(res, 200, body, { 'cache-control': 'public, max-age=300' });
}
