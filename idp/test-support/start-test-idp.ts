import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../lib/log/index.js';
import { generateWorld } from '../../legacy/world/index.js';
import type { IdpConfig } from '../config.js';
import { defaultIdpClients } from '../idp-clients.js';
import { defaultSignInSettings } from '../sign-in/index.js';
import { startIdp, type RunningIdp } from '../start-idp.js';

/** A small seeded world, the same for every IdP test. */
export const testWorld = { seed: 11, scale: 0.02, now: '2026-11-01' } as const;
export const testNius = generateWorld(testWorld).persons.map((p) => p.niu);

export interface TestIdp extends RunningIdp {
  readonly config: IdpConfig;
}

/** An IdP on port 0 with its key in a fresh temporary directory (or `keyPath`), silent logs. */
export async function startTestIdp(overrides: Partial<IdpConfig> = {}): Promise<TestIdp> {
  const config: IdpConfig = {
    host: '127.0.0.1',
    port: 0,
    nodeEnv: 'test',
    audience: 'guichet',
    keyPath: join(mkdtempSync(join(tmpdir(), 'guichet-idp-')), 'signing-key.json'),
    tokenTtlSeconds: 900,
    signIn: defaultSignInSettings,
    clients: defaultIdpClients,
    defaultClients: true,
    world: testWorld,
    ...overrides,
  };
  const idp = await startIdp(config, createLogger('idp', 'silent'));
  return { ...idp, config };
}

/** POSTs JSON to `/dev/token`. */
export async function postDevToken(idp: RunningIdp, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${idp.url}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** A development token, or a failure naming what the IdP said. */
export async function devToken(idp: RunningIdp, body: Record<string, unknown>): Promise<string> {
  const { status, json } = await postDevToken(idp, body);
  if (status !== 200 || typeof json.access_token !== 'string') throw new Error(`dev token refused: ${status} ${JSON.stringify(json)}`);
  return json.access_token;
}
