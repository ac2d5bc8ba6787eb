/**
 * The claim the development IdP (`idp/`, any NODE_ENV but production) puts in every token it signs — `/dev/token`'s and
 * the client-credentials grant's alike, since its demo clients' secrets are public. A production gateway refuses any
 * token carrying it, whatever its issuer, audience or signature: pointing a production gateway at a development IdP,
 * or leaving an IdP in development mode, fails closed. Signed like every claim, so it cannot be stripped without the key.
 */
export const DEVELOPMENT_TOKEN_CLAIM = 'guichet_dev';
