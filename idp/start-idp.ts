import { createServer, type ServerResponse } from 'node:http';
import { generateWorld, seededCompanies } from '../legacy/world/index.js';
import { closeServer, createRequestListener, listen, sendJson, type Routes } from '../lib/http/index.js';
import { createLogger, type Logger } from '../lib/log/index.js';
import type { RunningService } from '../lib/service/index.js';
import type { IdpConfig } from './config.js';
import { createTokenMinter } from './create-token-minter.js';
import { devTokenRoute } from './dev-token-route.js';
import { discoveryRoute, jwksRoute } from './discovery.js';
import { loadOrCreateSigningKey } from './signing-key.js';
import { tokenRoute } from './token-route.js';
import {
  authorizeRoute,
  createSignInContext,
  deviceAuthorizationRoute,
  deviceDecisionRoute,
  devicePageRoute,
  loginRoute,
  publicGrant,
  publicGrantTypes,
  revokeRoute,
  seededSupervisors,
  withCors,
} from './sign-in/index.js';

export interface RunningIdp extends RunningService {
  /** `iss` of the tokens (the base URL unless IDP_ISSUER fixes it). */
  readonly issuer: string;
  /** `kid` of the signing key. */
  readonly kid: string;
}

/**
 * The embedded development identity provider: discovery, JWKS, the client-credentials grant for integrators and,
 * outside production, `POST /dev/token` for seeded citizens, agents, supervisors and integrators — every token it
 * signs outside production carries the development mark. In production (client credentials only, its own clients
 * required) its tokens are unmarked.
 */
export async function startIdp(config: IdpConfig, log: Logger = createLogger('idp')): Promise<RunningIdp> {
  const key = await loadOrCreateSigningKey(config.keyPath);
  if (key.created) log.info({ kid: key.kid, path: config.keyPath }, 'signing key created');
  if (key.tooOpen) log.warn({ path: config.keyPath }, 'signing key file is readable by group or others; chmod 600 it');
  const production = config.nodeEnv === 'production';
  // Only the NIUs are kept: enough to refuse a token for a citizen who does not exist.
  const world = production ? undefined : generateWorld(config.world);
  const nius = new Set(world ? world.persons.map((p) => p.niu) : []);
  // The seeded register of mandates: who may act for which company (signed into the citizen's token as `companies`).
  const mandates = new Map<string, string[]>();
  for (const company of world ? seededCompanies(world) : []) for (const { niu } of company.representatives) mandates.set(niu, [...(mandates.get(niu) ?? []), company.nif]);
  const server = createServer();
  const baseUrl = await listen(server, config.host, config.port);
  const issuer = config.issuer ?? baseUrl;
  // Outside production every token is marked: a production gateway refuses them all (auth/development-token.ts).
  const minter = createTokenMinter({ key, issuer, audience: config.audience, ttlSeconds: config.tokenTtlSeconds, development: !production });
  // End users sign in outside production only: the seeded supervisors' passwords are published, and a production
  // deployment signs its supervisors in at a real provider (docs/supervision.md, "Sign-in").
  const signIn = production ? undefined : createSignInContext({ issuer, settings: config.signIn, supervisors: seededSupervisors, minter, key, tokenTtlSeconds: config.tokenTtlSeconds, log });
  const publicGrants = signIn === undefined ? undefined : { types: publicGrantTypes, handle: (res: ServerResponse, params: URLSearchParams) => publicGrant(signIn, res, params) };
  const origins = signIn?.origins ?? [];
  const routes: Routes = {
    'GET /.well-known/openid-configuration': withCors(discoveryRoute(issuer, key, signIn !== undefined), '*'),
    'GET /.well-known/jwks.json': withCors(jwksRoute(key), '*'),
    'POST /token': withCors(tokenRoute({ clients: config.clients, minter, log, ...(publicGrants === undefined ? {} : { publicGrants }) }), origins),
    'GET /health': (_req, res) => sendJson(res, 200, { status: 'ok' }, { 'cache-control': 'no-store' }),
    ...(production
      ? {}
      : {
          ...(signIn === undefined
            ? {}
            : {
                'GET /authorize': authorizeRoute(signIn),
                'POST /login': loginRoute(signIn),
                'POST /revoke': withCors(revokeRoute(signIn), origins),
                'POST /device_authorization': withCors(deviceAuthorizationRoute(signIn), origins),
                'GET /device': devicePageRoute(signIn),
                'POST /device': deviceDecisionRoute(signIn, 'decide'),
                'POST /device/revoke': deviceDecisionRoute(signIn, 'revoke'),
              }),
          'POST /dev/token': devTokenRoute({
            minter,
            isKnownNiu: (niu) => nius.has(niu),
            companiesOf: (niu) => mandates.get(niu) ?? [],
            worldLabel: `SEED=${config.world.seed}, SCALE=${config.world.scale}, SEED_NOW=${config.world.now}`,
            log,
          }),
        }),
  };
  server.on(
    'request',
    createRequestListener(routes, (error) => log.error({ err: error }, 'request failed')),
  );
  log.info(
    { issuer, kid: key.kid, devTokens: !production, developmentMark: !production, clients: config.clients.map((c) => c.clientId), roomClient: signIn?.client.clientId },
    'identity provider ready',
  );
  return { url: baseUrl, issuer, kid: key.kid, close: () => closeServer(server, 1_000) };
}
