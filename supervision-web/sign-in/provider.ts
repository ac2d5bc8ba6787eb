/** What the room knows of its OIDC provider: two settings from the gateway, the rest from discovery. */
export interface Provider {
  readonly issuer: string;
  readonly clientId: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly revocationEndpoint?: string;
  readonly deviceAuthorizationEndpoint?: string;
}

/**
 * Reads the issuer and client id the gateway serves (`/supervision/sign-in.json`), then the provider's discovery
 * document; undefined when the gateway names no provider. The document's `issuer` must be the one configured
 * (OIDC Discovery §4.3), or a look-alike could name other endpoints.
 */
export async function loadProvider(): Promise<Provider | undefined> {
  const settings = (await (await fetch('/supervision/sign-in.json', { cache: 'no-cache' })).json()) as { issuer: string | null; clientId: string | null };
  if (settings.issuer === null || settings.clientId === null) return undefined;
  const base = settings.issuer.replace(/\/+$/, '');
  const discovery = (await (await fetch(`${base}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
  if (discovery.issuer !== settings.issuer) throw new Error(`discovery issuer ${String(discovery.issuer)} is not ${settings.issuer}`);
  const text = (name: string) => (typeof discovery[name] === 'string' ? (discovery[name] as string) : undefined);
  const authorizationEndpoint = text('authorization_endpoint');
  const tokenEndpoint = text('token_endpoint');
  if (authorizationEndpoint === undefined || tokenEndpoint === undefined) throw new Error('the provider publishes no authorization or token endpoint');
  const revocationEndpoint = text('revocation_endpoint');
  const deviceAuthorizationEndpoint = text('device_authorization_endpoint');
  return {
    issuer: settings.issuer,
    clientId: settings.clientId,
    authorizationEndpoint,
    tokenEndpoint,
    ...(revocationEndpoint === undefined ? {} : { revocationEndpoint }),
    ...(deviceAuthorizationEndpoint === undefined ? {} : { deviceAuthorizationEndpoint }),
  };
}

/** A token endpoint's answer: tokens, or an OAuth error code (`network` when there was no answer). */
export type TokenAnswer =
  | { readonly kind: 'tokens'; readonly accessToken: string; readonly expiresInS: number; readonly refreshToken?: string; readonly idToken?: string }
  | { readonly kind: 'error'; readonly error: string; readonly interval?: number };

/** POSTs a form to one of the provider's endpoints; public client: `client_id` in the body, no secret. */
export async function postForm(url: string, form: Record<string, string>): Promise<Record<string, unknown> | undefined> {
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form), cache: 'no-store' });
    return (await response.json()) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

export async function requestTokens(provider: Provider, form: Record<string, string>): Promise<TokenAnswer> {
  const body = await postForm(provider.tokenEndpoint, { client_id: provider.clientId, ...form });
  if (body === undefined) return { kind: 'error', error: 'network' };
  if (typeof body.access_token === 'string') {
    return {
      kind: 'tokens',
      accessToken: body.access_token,
      expiresInS: typeof body.expires_in === 'number' ? body.expires_in : 300,
      ...(typeof body.refresh_token === 'string' ? { refreshToken: body.refresh_token } : {}),
      ...(typeof body.id_token === 'string' ? { idToken: body.id_token } : {}),
    };
  }
  return { kind: 'error', error: typeof body.error === 'string' ? body.error : 'server_error' };
}
