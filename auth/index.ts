export { anonymousPrincipal, integratorScopes, scopesOfRole } from './principal.js';
export type { Principal, Role, IntegratorScope } from './principal.js';
export { AuthenticationError, isAuthenticationError } from './authentication-error.js';
export { createAccessTokenVerifier } from './create-access-token-verifier.js';
export type { AccessTokenAlgorithm, AccessTokenVerifier, AccessTokenVerifierOptions } from './create-access-token-verifier.js';
export { principalFromClaims } from './access-token-claims.js';
export { DEVELOPMENT_TOKEN_CLAIM } from './development-token.js';
export { checkAccessTokenProfile, normalizeTokenType, UNTYPED, DEFAULT_ACCEPTED_TOKEN_TYPES, DEFAULT_MAX_TOKEN_LIFETIME_SECONDS } from './access-token-profile.js';
export type { AccessTokenProfile } from './access-token-profile.js';
export { createInternalTokenSigner } from './create-internal-token-signer.js';
export type { InternalTokenSigner, InternalTokenSignerOptions } from './create-internal-token-signer.js';
export { createInternalTokenVerifier } from './create-internal-token-verifier.js';
export type { InternalTokenVerifier, InternalTokenVerifierOptions } from './create-internal-token-verifier.js';
export { INTERNAL_TOKEN_HEADER, INTERNAL_TOKEN_ISSUER, INTERNAL_TOKEN_AUDIENCE } from './internal-token.js';
export type { InternalTokenContext } from './internal-token.js';
export { parsePrincipal, niuPattern } from './principal-schema.js';
export {
  accessTokenEnvSchema,
  accessTokenVerifierOptionsFromEnv,
  internalTokenEnvSchema,
  DEFAULT_OIDC_ISSUER,
  DEFAULT_OIDC_AUDIENCE,
  DEV_INTERNAL_TOKEN_SECRET,
} from './auth-env.js';
export type { AccessTokenEnv, InternalTokenEnv } from './auth-env.js';
