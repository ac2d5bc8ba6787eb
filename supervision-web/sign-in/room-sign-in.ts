import { jwtClaims, randomUrlSafe, s256 } from './pkce.js';
import { loadProvider, postForm, requestTokens, type Provider } from './provider.js';
import { addressBeforeSignIn, forgetPendingSignIn, forgetSession, pendingSignIn, storedSession, storePendingSignIn, storeSession, type StoredSession } from './stored-session.js';

/** A wall screen's code to show, while a supervisor approves it at the provider. */
export interface DeviceCodeView {
  readonly userCode: string;
  readonly verificationUri: string;
  readonly verificationUriComplete?: string;
}

export interface RoomSignInHandlers {
  /** A new access token (first sign-in or renewal): the live stream reconnects with it. */
  onToken(accessToken: string): void;
  /** The session is over (revoked, expired, refused): the French reason to show. */
  onEnded(message: string, kind: StoredSession['kind']): void;
}

export interface RoomSignIn {
  /** Whether the gateway names a provider (else only the integrators' pasted token). */
  readonly available: boolean;
  /** Whether the provider offers the device grant (wall screens). */
  readonly deviceGrant: boolean;
  /** Completes the provider's redirect back, or resumes this tab's session; true when signed in. */
  resume(): Promise<boolean>;
  /** Sends the browser to the provider's login page. */
  signIn(): Promise<void>;
  /** Wall screen: shows a code and polls until a supervisor approves it (a new code when one expires); true when signed in. */
  signInScreen(show: (view: DeviceCodeView) => void): Promise<boolean>;
  /** Renews at once (the gateway refused an expired token); false when the session is over. */
  renewNow(): Promise<boolean>;
  /** Revokes the session at the provider and forgets it. */
  signOut(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const endedMessages: Readonly<Record<StoredSession['kind'], string>> = {
  person: 'Votre session a pris fin (expirée ou révoquée) : reconnectez-vous.',
  screen: 'Cet écran a été révoqué par un superviseur, ou son autorisation a expiré : il n’affiche plus la salle de supervision. Un superviseur doit l’autoriser à nouveau avec le code ci-dessous.',
};

/** The room's address, exactly as registered at the provider. */
const redirectUri = () => `${window.location.origin}/supervision`;

/**
 * The room's sign-in: the authorization code flow with PKCE (S256, Web Crypto) for a person, the device authorization
 * grant for a wall screen; the access token in memory, renewed with the (rotating) refresh token before it expires,
 * so that a session lasts as long as the provider allows (IDP_REFRESH_TTL_SECONDS: a working day).
 */
export async function createRoomSignIn(handlers: RoomSignInHandlers): Promise<RoomSignIn> {
  let provider: Provider | undefined;
  try {
    provider = await loadProvider();
  } catch {
    provider = undefined;
  }
  let session: StoredSession | undefined;
  let renewTimer: number | undefined;
  /** One renewal at a time: a rotated refresh token presented twice would revoke the whole session. */
  let renewing: Promise<boolean> | undefined;
  /** When the last token came: a fresh token refused at once will not be cured by another (no renewal loop). */
  let tokenAtMs = 0;

  const end = (kind: StoredSession['kind']) => {
    clearTimeout(renewTimer);
    session = undefined;
    forgetSession();
    handlers.onEnded(endedMessages[kind], kind);
  };

  const accept = (kind: StoredSession['kind'], accessToken: string, expiresInS: number, refreshToken: string | undefined) => {
    if (refreshToken !== undefined) {
      session = { refreshToken, kind };
      storeSession(session);
    }
    clearTimeout(renewTimer);
    // A minute ahead for the usual lifetimes, a quarter ahead for short ones (tests): never with an expired token.
    const renewInS = expiresInS > 240 ? expiresInS - 60 : expiresInS * 0.75;
    if (session !== undefined) renewTimer = window.setTimeout(() => void renew(), renewInS * 1000);
    tokenAtMs = Date.now();
    handlers.onToken(accessToken);
  };

  const renewOnce = async (): Promise<boolean> => {
    if (provider === undefined || session === undefined) return false;
    const { kind, refreshToken } = session;
    for (let attempt = 0; ; attempt += 1) {
      const answer = await requestTokens(provider, { grant_type: 'refresh_token', refresh_token: refreshToken });
      if (answer.kind === 'tokens') {
        accept(kind, answer.accessToken, answer.expiresInS, answer.refreshToken ?? refreshToken);
        return true;
      }
      // No answer (network, provider restarting): try again; a refusal is final.
      if (answer.error !== 'network' && answer.error !== 'server_error' && answer.error !== 'temporarily_unavailable') {
        end(kind);
        return false;
      }
      await sleep(Math.min(30_000, 2_000 * 2 ** Math.min(attempt, 4)));
      if (session === undefined) return false;
    }
  };
  const renew = (): Promise<boolean> => {
    renewing ??= renewOnce().finally(() => {
      renewing = undefined;
    });
    return renewing;
  };

  const completeRedirect = async (p: Provider): Promise<boolean> => {
    const params = new URLSearchParams(window.location.search);
    const pending = pendingSignIn();
    if (!params.has('state') || pending === undefined || params.get('state') !== pending.state) return false;
    forgetPendingSignIn();
    // The address goes back to what it was: no code or state left in the history.
    history.replaceState(null, '', `${window.location.pathname}${pending.search}`);
    const code = params.get('code');
    if (code === null || (params.has('iss') && params.get('iss') !== p.issuer)) return false;
    const answer = await requestTokens(p, { grant_type: 'authorization_code', code, redirect_uri: pending.redirectUri, code_verifier: pending.verifier });
    if (answer.kind !== 'tokens') return false;
    const claims = answer.idToken === undefined ? undefined : jwtClaims(answer.idToken);
    // The ID token must be this sign-in's: our nonce, our client, our provider.
    if (claims === undefined || claims.nonce !== pending.nonce || claims.iss !== p.issuer || (claims.aud !== p.clientId && !(Array.isArray(claims.aud) && claims.aud.includes(p.clientId))))
      return false;
    accept('person', answer.accessToken, answer.expiresInS, answer.refreshToken);
    return true;
  };

  return {
    available: provider !== undefined,
    deviceGrant: provider?.deviceAuthorizationEndpoint !== undefined,
    async resume() {
      if (provider === undefined) return false;
      if (await completeRedirect(provider)) return true;
      session = storedSession();
      return session === undefined ? false : renew();
    },
    async signIn() {
      if (provider === undefined) return;
      const pending = { verifier: randomUrlSafe(), state: randomUrlSafe(16), nonce: randomUrlSafe(16), redirectUri: redirectUri(), search: addressBeforeSignIn() };
      storePendingSignIn(pending);
      const url = new URL(provider.authorizationEndpoint);
      const params = {
        response_type: 'code',
        client_id: provider.clientId,
        redirect_uri: pending.redirectUri,
        scope: 'openid',
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await s256(pending.verifier),
        code_challenge_method: 'S256',
      };
      for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
      window.location.assign(url.toString());
    },
    async signInScreen(show) {
      const endpoint = provider?.deviceAuthorizationEndpoint;
      if (provider === undefined || endpoint === undefined) return false;
      for (;;) {
        const started = await postForm(endpoint, { client_id: provider.clientId, scope: 'supervision:read' });
        if (started === undefined || typeof started.device_code !== 'string' || typeof started.user_code !== 'string') {
          await sleep(10_000);
          continue;
        }
        const verificationUri = typeof started.verification_uri === 'string' ? started.verification_uri : provider.issuer;
        show({ userCode: started.user_code, verificationUri, ...(typeof started.verification_uri_complete === 'string' ? { verificationUriComplete: started.verification_uri_complete } : {}) });
        let intervalS = typeof started.interval === 'number' ? started.interval : 5;
        for (;;) {
          await sleep(intervalS * 1000);
          const answer = await requestTokens(provider, { grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: started.device_code });
          if (answer.kind === 'tokens') {
            accept('screen', answer.accessToken, answer.expiresInS, answer.refreshToken);
            return true;
          }
          if (answer.error === 'authorization_pending' || answer.error === 'network') continue;
          if (answer.error === 'slow_down') {
            intervalS += 5;
            continue;
          }
          // Expired or refused: a new code, so that the screen never waits on someone to reload it.
          break;
        }
      }
    },
    renewNow() {
      if (session !== undefined && Date.now() - tokenAtMs < 10_000) {
        end(session.kind);
        return Promise.resolve(false);
      }
      return renew();
    },
    async signOut() {
      clearTimeout(renewTimer);
      const current = session;
      session = undefined;
      forgetSession();
      if (provider?.revocationEndpoint !== undefined && current !== undefined) {
        await postForm(provider.revocationEndpoint, { client_id: provider.clientId, token: current.refreshToken, token_type_hint: 'refresh_token' });
      }
    },
  };
}
