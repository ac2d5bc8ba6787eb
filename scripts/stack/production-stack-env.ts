import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { connectedMinistries } from '../../schema/index.js';
import { createWitnessKeyFile } from '../../witness/index.js';

/** What a production-mode run adds to the stack: the environment of every service, and what the welcome prints. */
export interface ProductionStackEnv {
  /** For every service: NODE_ENV=production and the secrets several services share. */
  readonly env: NodeJS.ProcessEnv;
  /** Per service: the secrets and files one service alone needs. */
  readonly serviceEnv: Readonly<Record<string, NodeJS.ProcessEnv>>;
  /** The IdP's signing key: what a stand-in for the citizens' provider signs their tokens with. */
  readonly idpKeyPath: string;
  /** The integrator client of this run (client-credentials grant at the IdP), its secret generated. */
  readonly integrator: { readonly clientId: string; readonly clientSecret: string };
}

const secret = () => randomBytes(32).toString('base64url');

/**
 * Everything production requires, generated for one run in `runDir` (a temporary folder): a fresh random value for
 * every secret (INTERNAL_TOKEN_SECRET, CEET_API_KEY shared by the simulator and its adapter, WITNESS_TOKEN,
 * AUDIT_HMAC_KEY, WEBHOOKS_SECRET_KEY, the IdP's clients), the witness's key made beforehand as an operator would, and this run's own
 * audit trail, outboxes and keys — never `.data/`, whose trail is sealed with the development key.
 */
export async function productionStackEnv(runDir: string): Promise<ProductionStackEnv> {
  const witnessKeyPath = join(runDir, 'witness', 'signing-keys.json');
  await createWitnessKeyFile(witnessKeyPath);
  const idpKeyPath = join(runDir, 'idp', 'signing-key.json');
  const integrator = { clientId: 'integrateur-production', clientSecret: secret() };
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'production',
    INTERNAL_TOKEN_SECRET: secret(),
    CEET_API_KEY: secret(),
    WITNESS_TOKEN: secret(),
    AUDIT_LOG_PATH: join(runDir, 'audit', 'audit.jsonl'),
  };
  const serviceEnv: Record<string, NodeJS.ProcessEnv> = {
    idp: {
      IDP_KEY_PATH: idpKeyPath,
      IDP_CLIENTS: JSON.stringify([{ client_id: integrator.clientId, client_secret: integrator.clientSecret, scopes: ['citizens:read', 'dossiers:read', 'webhooks:manage'] }]),
    },
    witness: { WITNESS_KEY_PATH: witnessKeyPath, WITNESS_DATA_DIR: join(runDir, 'witness') },
    gateway: { AUDIT_HMAC_KEY: secret() },
    webhooks: { WEBHOOKS_SECRET_KEY: secret(), WEBHOOKS_STORE_PATH: join(runDir, 'webhooks', 'webhooks.sqlite') },
    ...Object.fromEntries(connectedMinistries.map((m) => [m.subgraph.name, { OUTBOX_PATH: join(runDir, 'outbox', `${m.subgraph.name}.sqlite`) }])),
  };
  return { env, serviceEnv, idpKeyPath, integrator };
}
