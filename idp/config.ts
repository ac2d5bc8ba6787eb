import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError, envHost, envInt, envNodeEnv, envPort, envString, envUrl, readConfig } from '../lib/config/index.js';
import { legacyEnvSchema } from '../legacy/shared/legacy-env.js';
import { heavyCitizensEnvSchema, type WorldOptions } from '../legacy/world/index.js';
import { defaultIdpClients, parseIdpClients, type IdpClient } from './idp-clients.js';
import { defaultRoomClientId, defaultRoomRedirectUris, defaultSignInSettings, type SignInSettings } from './sign-in/index.js';

const service = 'idp';

/** The seeded world's options, with the simulators' own variables and defaults, so NIUs match theirs. */
const worldEnvSchema = legacyEnvSchema({ port: 0, latency: { medianMs: 0, p95Ms: 0 } }).pick({ SEED: true, SCALE: true, SEED_NOW: true });

export const idpEnvSchema = z.object({
  HOST: envHost(),
  PORT: envPort(4300),
  NODE_ENV: envNodeEnv(),
  /** `iss` of the tokens and base of the discovery URLs. Default: the URL the IdP listens on. */
  IDP_ISSUER: envUrl().optional(),
  /** `aud` of the tokens; must equal the gateway's OIDC_AUDIENCE. */
  IDP_AUDIENCE: envString('guichet'),
  /** The ES256 signing key, created on first start (mode 0600) and kept so tokens survive restarts. */
  IDP_KEY_PATH: envString('.data/idp/signing-key.json'),
  IDP_TOKEN_TTL_SECONDS: envInt(900, 60, 86_400),
  /** Absolute lifetime of a sign-in (its refresh tokens): a working day by default, a day at most. */
  IDP_REFRESH_TTL_SECONDS: envInt(36_000, 300, 86_400),
  /** The supervision room's public client. */
  IDP_ROOM_CLIENT_ID: envString(defaultRoomClientId).pipe(z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'expected 1 to 64 letters, digits, dots, dashes or underscores')),
  /** Its redirect URIs, comma-separated, compared exactly: the room's address (`https://…/supervision`) on each gateway host. */
  IDP_ROOM_REDIRECT_URIS: envString(defaultRoomRedirectUris.join(',')).transform((value, ctx) => {
    const uris = value
      .split(',')
      .map((u) => u.trim())
      .filter((u) => u !== '');
    for (const uri of uris) {
      let url: URL | undefined;
      try {
        url = new URL(uri);
      } catch {
        url = undefined;
      }
      if (url === undefined || !/^https?:$/.test(url.protocol) || url.hash !== '' || url.href !== uri) {
        ctx.addIssue({ code: 'custom', message: `"${uri.slice(0, 100)}" is not an absolute http(s) URI without fragment, written as a browser writes it` });
      }
    }
    if (uris.length === 0) ctx.addIssue({ code: 'custom', message: 'expected at least one redirect URI' });
    return uris;
  }),
  /** Least pause between two polls of a wall screen's device code (RFC 8628 `interval`). */
  IDP_DEVICE_POLL_INTERVAL_SECONDS: envInt(5, 1, 60),
  ...worldEnvSchema.shape,
  ...heavyCitizensEnvSchema.shape,
});

export interface IdpConfig {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly nodeEnv: 'development' | 'production' | 'test';
  /** Fixed issuer; when undefined the IdP uses its own base URL (what port 0 needs). */
  readonly issuer?: string;
  readonly audience: string;
  /** Absolute path of the signing key file. */
  readonly keyPath: string;
  /** Lifetime of every token issued. Default 900. */
  readonly tokenTtlSeconds: number;
  /** End users' sign-in (the room's client, code and refresh lifetimes, device grant); served outside production only. */
  readonly signIn: SignInSettings;
  /** Integrator clients for the client-credentials grant. */
  readonly clients: readonly IdpClient[];
  /** True when IDP_CLIENTS is unset and the seeded demo clients (public secrets) are in use. */
  readonly defaultClients: boolean;
  /** The seeded world whose citizens may get a development token. */
  readonly world: WorldOptions;
}

/**
 * Reads the environment once; every problem is reported together. IDP_CLIENTS is parsed apart so that a problem there
 * never prints its secrets. In production IDP_CLIENTS is required and the demo clients' secrets (public, in docs/security.md)
 * are refused.
 */
export function readIdpConfig(env: NodeJS.ProcessEnv = process.env): IdpConfig {
  const { IDP_CLIENTS: clientsJson, ...rest } = env;
  const production = env.NODE_ENV === 'production';
  const problems: string[] = [];
  let clients: readonly IdpClient[] = defaultIdpClients;
  if (clientsJson !== undefined) {
    try {
      clients = parseIdpClients(clientsJson);
    } catch (error) {
      problems.push(`IDP_CLIENTS: ${error instanceof Error ? error.message : String(error)}`);
    }
    const demoSecrets = new Set(defaultIdpClients.map((c) => c.clientSecret));
    const demo = clients.find((c) => demoSecrets.has(c.clientSecret));
    if (production && demo !== undefined) problems.push(`IDP_CLIENTS: client "${demo.clientId}" uses a demo secret (published in the documentation), not allowed when NODE_ENV=production`);
  } else if (production) {
    problems.push("IDP_CLIENTS: required when NODE_ENV=production (the integrators' clients, each with its own secret; the demo clients are for development)");
  }
  let parsed: z.infer<typeof idpEnvSchema>;
  try {
    parsed = readConfig(service, idpEnvSchema, rest);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(service, [...error.problems, ...problems]);
    throw error;
  }
  if (parsed.IDP_REFRESH_TTL_SECONDS < parsed.IDP_TOKEN_TTL_SECONDS) {
    problems.push(`IDP_REFRESH_TTL_SECONDS: ${parsed.IDP_REFRESH_TTL_SECONDS} must be at least IDP_TOKEN_TTL_SECONDS (${parsed.IDP_TOKEN_TTL_SECONDS})`);
  }
  if (problems.length > 0) throw new ConfigError(service, problems);
  return {
    host: parsed.HOST,
    port: parsed.PORT,
    nodeEnv: parsed.NODE_ENV,
    ...(parsed.IDP_ISSUER === undefined ? {} : { issuer: parsed.IDP_ISSUER }),
    audience: parsed.IDP_AUDIENCE,
    keyPath: resolve(parsed.IDP_KEY_PATH),
    tokenTtlSeconds: parsed.IDP_TOKEN_TTL_SECONDS,
    signIn: {
      ...defaultSignInSettings,
      roomClient: { clientId: parsed.IDP_ROOM_CLIENT_ID, redirectUris: parsed.IDP_ROOM_REDIRECT_URIS },
      refreshTtlSeconds: parsed.IDP_REFRESH_TTL_SECONDS,
      devicePollIntervalSeconds: parsed.IDP_DEVICE_POLL_INTERVAL_SECONDS,
    },
    clients,
    defaultClients: clientsJson === undefined,
    world: { seed: parsed.SEED, scale: parsed.SCALE, now: parsed.SEED_NOW, heavyCitizens: parsed.HEAVY_CITIZENS },
  };
}
