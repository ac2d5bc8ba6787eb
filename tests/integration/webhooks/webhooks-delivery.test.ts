import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSimulatorAdmin } from '../../../legacy/shared/index.js';
import { killService } from '../../../scripts/stack/restart-service.js';
import { gql, type GraphQLResponse } from '../../support/graphql-client.js';
import { spawnExtra, type ExtraService } from '../../support/spawn-extra.js';
import { spawnGateway, type ExtraGateway } from '../../support/spawn-gateway.js';
import { testInternalTokenSecret } from '../../support/test-secrets.js';
import { citizenToken, integratorToken, tokenFor } from '../../support/tokens.js';
import { testWorld } from '../../support/world.js';
import { startWebhookReceiver, type Received, type WebhookReceiver } from '../../support/webhook-receiver.js';
import { atVisitFor } from '../../support/subjects.js';

/**
 * Issue 15, webhooks, end to end: a CEET status change (the simulator's admin operation) or a citizen's filing goes
 * through CEET's change feed, the stack's supervision subgraph and its event stream, to this file's own webhooks
 * subgraph (short retry schedule, the receiver's loopback address allowed), which signs and POSTs it to a real
 * receiver that verifies the signature with the official `standardwebhooks` package. Its own gateway and webhooks
 * process, so that both can be killed mid-delivery.
 */
const world = testWorld();
// CEET requests at « visite programmée » (20), this suite's own (tests/support/subjects).
const atVisit = atVisitFor('webhooksDelivery');
const applicant = world.persons.filter((p) => p.birthDate < '1985-01-01' && p.deathDate === null)[11]!;
const ceet = () => createSimulatorAdmin(inject('legacyUrls').ceet, 'ceet');

const dir = mkdtempSync(join(tmpdir(), 'webhooks-e2e-'));
let receiver: WebhookReceiver;
let webhooks: ExtraService;
let gateway: ExtraGateway;
const webhooksEnv = (): NodeJS.ProcessEnv => ({
  NODE_ENV: 'test',
  LOG_LEVEL: 'info',
  INTERNAL_TOKEN_SECRET: testInternalTokenSecret,
  WEBHOOKS_STORE_PATH: join(dir, 'webhooks.sqlite'),
  DOSSIER_EVENTS_URL: new URL('/internal/dossier-events', inject('serviceUrls').supervision).href,
  WEBHOOKS_ALLOWED_TARGETS: 'http+127.0.0.1',
  // Twenty-five quick retries: a flaky receiver recovers within them, a dead one is disabled first.
  WEBHOOKS_RETRY_SCHEDULE_MS: ['0', ...Array.from({ length: 24 }, () => '250')].join(','),
  WEBHOOKS_DISABLE_AFTER_MS: '4000',
  WEBHOOKS_POLL_MS: '100',
  WEBHOOKS_LEASE_MS: '1500',
  WEBHOOKS_TIMEOUT_MS: '3000',
});
const startWebhooks = () => spawnExtra('webhooks-e2e', 'subgraphs/webhooks/main.js', webhooksEnv());
const startGateway = () => spawnGateway({ NODE_ENV: 'test' }, { ...inject('serviceUrls'), webhooks: webhooks.url });

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  webhooks = await startWebhooks();
  gateway = await startGateway();
}, 60_000);

afterAll(async () => {
  await gateway?.stop();
  await webhooks?.stop();
  await receiver?.close();
  rmSync(dir, { recursive: true, force: true });
});

const integrator = (name: string, ...scopes: string[]) => tokenFor({ role: 'integrator', clientId: name, scopes });
const api = <D>(query: string, variables: Record<string, unknown>, token: string): Promise<GraphQLResponse<D>> => gql<D>(query, variables, { token, url: gateway.graphqlUrl });

const REGISTER = `mutation($input: RegisterWebhookInput!) { registerWebhook(input: $input) { secret webhook { id url state eventTypes ministries includesApplicantNiu } } }`;
const LOG = `query($id: ID!) { webhook(id: $id) { state disabledReason failingSince deliveries(first: 20) { nodes { id eventType eventCursor state attempts lastStatusCode attemptLog { attempt statusCode error } } next } } }`;

interface Registered {
  readonly id: string;
  readonly secret: string;
}
interface LogEntry {
  id: string;
  eventType: string;
  eventCursor: string | null;
  state: string;
  attempts: number;
  lastStatusCode: number | null;
  attemptLog: { attempt: number; statusCode: number | null; error: string | null }[];
}
interface WebhookLog {
  state: string;
  disabledReason: string | null;
  deliveries: { nodes: LogEntry[] };
}

async function register(token: string, path: string, input: Record<string, unknown> = {}): Promise<Registered> {
  const response = await api<{ registerWebhook: { secret: string; webhook: { id: string } } }>(REGISTER, { input: { url: receiver.url(path), ...input } }, token);
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  const registered = response.data!.registerWebhook;
  receiver.secretFor(path, registered.secret);
  return { id: registered.webhook.id, secret: registered.secret };
}

async function logOf(token: string, id: string): Promise<WebhookLog> {
  const response = await api<{ webhook: WebhookLog }>(LOG, { id }, token);
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!.webhook;
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

const payloadOf = (r: Received) => JSON.parse(r.body) as { type: string; timestamp: string; data: Record<string, unknown> };
/** The first accepted (2xx) request of `path` about `reference` of payload type `type`. */
const acceptedAbout = (path: string, reference: string, type: string) =>
  receiver.at(path).find((r) => r.status !== null && r.status < 300 && payloadOf(r).type === type && payloadOf(r).data.reference === reference);
/** Every webhook-id accepted twice at `path`: must stay empty. */
const acceptedTwice = (path: string) => {
  const accepted = receiver
    .at(path)
    .filter((r) => r.status !== null && r.status < 300)
    .map((r) => r.id);
  return accepted.filter((id, index) => accepted.indexOf(id) !== index);
};

describe('webhooks end to end (real stack, real receiver)', () => {
  it('delivers a status change, signed per Standard Webhooks, with the NIU only for citizens:read, and nothing out of scope', async () => {
    const full = await integrator('integrateur-a', 'webhooks:manage', 'dossiers:read', 'citizens:read');
    const narrow = await integrator('integrateur-b', 'webhooks:manage', 'dossiers:read');
    const a = await register(full, '/a', { eventTypes: ['STATUS_CHANGED', 'CREATED'], ministries: ['ENERGY'] });
    await register(narrow, '/b', { ministries: ['ENERGY'] });
    await register(narrow, '/elsewhere', { ministries: ['URBAN_PLANNING'] });
    expect(a.secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);

    const request = atVisit[0]!;
    const reference = `CEET-${request.numero}`;
    await ceet().setDossierStatus(request.numero, '30');

    const got = await until('the status change at /a', () => acceptedAbout('/a', reference, 'dossier.status_changed'));
    expect(got.verified).toBe(true);
    expect(got.headers['content-type']).toMatch(/^application\/json/);
    expect(got.id).toMatch(/^msg_/);
    expect(Number(got.headers['webhook-timestamp'])).toBeGreaterThan(Date.now() / 1000 - 120);
    expect(payloadOf(got)).toMatchObject({
      type: 'dossier.status_changed',
      data: { reference, ministry: 'ENERGY', system: 'ceet', status: 'ACTION_REQUIRED', previousStatus: 'IN_PROGRESS', applicantNiu: request.niu },
    });
    const narrowGot = await until('the status change at /b', () => acceptedAbout('/b', reference, 'dossier.status_changed'));
    expect(narrowGot.verified).toBe(true);
    expect(payloadOf(narrowGot).data).not.toHaveProperty('applicantNiu');
    // /b also follows ACTION_REQUIRED; /a does not.
    await until('ACTION_REQUIRED at /b', () => acceptedAbout('/b', reference, 'dossier.action_required'));
    expect(receiver.at('/a').some((r) => payloadOf(r).type === 'dossier.action_required')).toBe(false);
    expect(receiver.at('/elsewhere')).toEqual([]);

    const log = await logOf(full, a.id);
    const entry = log.deliveries.nodes.find((d) => d.id === got.id);
    expect(entry).toMatchObject({ eventType: 'dossier.status_changed', state: 'SUCCEEDED', attempts: 1, lastStatusCode: 204 });
    expect(acceptedTwice('/a')).toEqual([]);
  });

  it('delivers the CREATED event of a citizen’s filing through the gateway', async () => {
    const token = await integrator('integrateur-c', 'webhooks:manage', 'dossiers:read');
    await register(token, '/filings', { eventTypes: ['CREATED'], ministries: ['ENERGY'] });
    const filing = await gql<{ requestElectricityConnection: { reference: string } }>(
      `mutation($input: ElectricityConnectionInput!, $key: String!) { requestElectricityConnection(input: $input, idempotencyKey: $key) { reference } }`,
      { input: { applicantNiu: applicant.niu, meterType: 'SINGLE_PHASE', communeCode: 'LACS1', quarter: 'Glidji', applianceCount: 3 }, key: `webhook-${randomUUID()}` },
      { token: await citizenToken(applicant.niu), url: gateway.graphqlUrl },
    );
    expect(filing.errors).toBeUndefined();
    const reference = filing.data!.requestElectricityConnection.reference;
    const got = await until('CREATED of the filing', () => acceptedAbout('/filings', reference, 'dossier.created'));
    expect(got.verified).toBe(true);
    expect(payloadOf(got).data).toMatchObject({ reference, status: 'SUBMITTED', previousStatus: null });
  });

  it('retries after 503 along the schedule, logs each attempt, and the receiver accepts each message once', async () => {
    const token = await integrator('integrateur-d', 'webhooks:manage', 'dossiers:read');
    const hook = await register(token, '/flaky', { eventTypes: ['STATUS_CHANGED'], ministries: ['ENERGY'] });
    receiver.answer('/flaky', (_request, seen) => (seen < 2 ? 503 : 204));
    const moved = atVisit.slice(1, 4);
    for (const request of moved) await ceet().setDossierStatus(request.numero, '30');
    for (const request of moved) await until(`retried delivery of ${request.numero}`, () => acceptedAbout('/flaky', `CEET-${request.numero}`, 'dossier.status_changed'));
    for (const request of moved) {
      const requests = receiver.at('/flaky').filter((r) => payloadOf(r).data.reference === `CEET-${request.numero}`);
      expect(requests.map((r) => r.status)).toEqual([503, 503, 204]);
      expect(new Set(requests.map((r) => r.id)).size).toBe(1);
      expect(requests.every((r) => r.verified)).toBe(true);
      // Signed per attempt: the timestamps are the attempts' (never before the first), not the event's.
      const stamps = requests.map((r) => Number(r.headers['webhook-timestamp']));
      expect(stamps).toEqual([...stamps].sort((x, y) => x - y));
    }
    const log = await logOf(token, hook.id);
    for (const entry of log.deliveries.nodes) {
      expect(entry.state).toBe('SUCCEEDED');
      expect(entry.attemptLog.map((a) => a.statusCode)).toEqual([503, 503, 204]);
      expect(entry.attemptLog[0]?.error).toBe('HTTP 503');
    }
    expect(acceptedTwice('/flaky')).toEqual([]);
  });

  it('tests, replays with the same webhook-id, lists, deletes; another integrator sees none of it', async () => {
    const owner = await integrator('integrateur-e', 'webhooks:manage', 'dossiers:read');
    const stranger = await integrator('integrateur-f', 'webhooks:manage', 'dossiers:read');
    const hook = await register(owner, '/manage');
    const test = await api<{ testWebhook: { id: string; eventType: string } }>(`mutation($id: ID!) { testWebhook(id: $id) { id eventType } }`, { id: hook.id }, owner);
    expect(test.data?.testWebhook.eventType).toBe('webhook.test');
    const testId = test.data!.testWebhook.id;
    await until('the test message', () => receiver.at('/manage').find((r) => r.id === testId && r.status === 204));
    await until('the test delivery logged as delivered', async () => ((await logOf(owner, hook.id)).deliveries.nodes.find((d) => d.id === testId)?.state === 'SUCCEEDED' ? true : undefined));

    const replay = await api<{ replayWebhookDelivery: { id: string; state: string } }>(`mutation($id: ID!) { replayWebhookDelivery(id: $id) { id state } }`, { id: testId }, owner);
    expect(replay.errors).toBeUndefined();
    expect(replay.data?.replayWebhookDelivery).toEqual({ id: testId, state: 'PENDING' });
    await until('the replayed message', () => (receiver.at('/manage').filter((r) => r.id === testId).length === 2 ? true : undefined));
    const [first, second] = receiver.at('/manage').filter((r) => r.id === testId);
    expect(second?.body).toBe(first?.body);
    expect(second?.verified).toBe(true);

    const listed = await api<{ myWebhooks: { id: string }[] }>(`{ myWebhooks { id } }`, {}, owner);
    expect(listed.data?.myWebhooks.map((w) => w.id)).toEqual([hook.id]);
    const theirs = await api<{ myWebhooks: { id: string }[] }>(`{ myWebhooks { id } }`, {}, stranger);
    expect(theirs.data?.myWebhooks).toEqual([]);
    for (const [operation, variables] of [
      [`mutation($id: ID!) { deleteWebhook(id: $id) }`, { id: hook.id }],
      [`mutation($id: ID!) { testWebhook(id: $id) { id } }`, { id: hook.id }],
      [`mutation($id: ID!) { replayWebhookDelivery(id: $id) { id } }`, { id: testId }],
      [`mutation($id: ID!) { disableWebhook(id: $id) { id } }`, { id: hook.id }],
    ] as const) {
      const refused = await api(operation, variables, stranger);
      expect(refused.errors?.[0]?.extensions?.code, operation).toBe('NOT_FOUND');
    }
    expect((await api<{ webhook: null }>(`query($id: ID!) { webhook(id: $id) { id } }`, { id: hook.id }, stranger)).data?.webhook).toBeNull();

    const deleted = await api<{ deleteWebhook: boolean }>(`mutation($id: ID!) { deleteWebhook(id: $id) }`, { id: hook.id }, owner);
    expect(deleted.data?.deleteWebhook).toBe(true);
    expect((await api<{ myWebhooks: unknown[] }>(`{ myWebhooks { id } }`, {}, owner)).data?.myWebhooks).toEqual([]);
  });

  it.each([
    ['a citizen', () => citizenToken(applicant.niu), 'FORBIDDEN'],
    ['an integrator without webhooks:manage', () => integratorToken('dossiers:read'), 'FORBIDDEN'],
    ['an integrator without dossiers:read', () => integratorToken('webhooks:manage'), 'FORBIDDEN'],
  ])('refuses to register a webhook for %s', async (_who, token, code) => {
    const response = await api(REGISTER, { input: { url: receiver.url('/refused') } }, await token());
    expect(response.errors?.[0]?.extensions?.code).toBe(code);
    expect(receiver.at('/refused')).toEqual([]);
  });

  const ssrf = [
    'https://127.0.0.2/hook',
    'http://127.0.0.2/hook',
    'https://[::1]/hook',
    'https://10.0.0.1/hook',
    'http://10.0.0.1/hook',
    'https://172.16.5.4/hook',
    'https://192.168.1.10/hook',
    'https://169.254.169.254/latest/meta-data/',
    'http://169.254.169.254/latest/meta-data/',
    'https://100.64.0.1/hook',
    'https://0.0.0.0/hook',
    'https://[fd00::1]/hook',
    'https://[fe80::1]/hook',
    'https://[::ffff:10.0.0.1]/hook',
    'https://[64:ff9b::a00:1]/hook',
    'https://0x0a000001/hook',
    'https://012.0.0.1/hook',
    'https://167772161/hook',
    'https://224.0.0.1/hook',
    'https://255.255.255.255/hook',
    'https://example.org/hook#fragment',
    'file:///etc/passwd',
    'ftp://example.org/hook',
    'gopher://127.0.0.1:6379/_FLUSHALL',
    'https://user:password@example.org/hook',
    'not a url',
    'https://guichet-webhooks.invalid/hook',
  ];
  it.each(ssrf)('refuses %s (BAD_USER_INPUT on input.url, a reason, a French message), nothing stored', async (url) => {
    const token = await integrator('integrateur-ssrf', 'webhooks:manage', 'dossiers:read');
    const response = await api(REGISTER, { input: { url } }, token);
    const error = response.errors?.[0];
    expect(error?.extensions?.code, JSON.stringify(response)).toBe('BAD_USER_INPUT');
    expect(error?.extensions?.fields).toEqual([expect.objectContaining({ path: ['input', 'url'], code: 'INVALID' })]);
    expect(error?.extensions?.reason).toMatch(/^WEBHOOK_URL_[A-Z_]+$/);
    expect(error?.message).toMatch(/[éèàôL’]|adresse|URL/);
    expect((await api<{ myWebhooks: unknown[] }>(`{ myWebhooks { id } }`, {}, token)).data?.myWebhooks).toEqual([]);
  });

  it('loses no delivery when the webhooks process and the gateway are killed mid-delivery, and accepts none twice', async () => {
    const token = await integrator('integrateur-restart', 'webhooks:manage', 'dossiers:read');
    await register(token, '/restart', { eventTypes: ['STATUS_CHANGED'], ministries: ['ENERGY'] });
    // The first message hangs: the webhooks process dies while it waits for the answer.
    let hung = false;
    receiver.answer('/restart', () => {
      if (hung) return 204;
      hung = true;
      return 'hang';
    });
    const [first, ...later] = atVisit.slice(4, 7);
    await ceet().setDossierStatus(first!.numero, '30');
    await until('the first message to hang', () => (hung ? true : undefined));
    await Promise.all([killService(webhooks, 'SIGKILL'), killService(gateway, 'SIGKILL')]);
    // Changes made while nothing delivers: they wait in the supervision subgraph's event log.
    for (const request of later) await ceet().setDossierStatus(request!.numero, '30');
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    webhooks = await startWebhooks();
    gateway = await startGateway();
    for (const request of [first, ...later]) await until(`delivery of ${request!.numero} after the restart`, () => acceptedAbout('/restart', `CEET-${request!.numero}`, 'dossier.status_changed'));
    expect(acceptedTwice('/restart')).toEqual([]);
    // The hung message was sent again under the same webhook-id, once its lease ran out.
    const firstRequests = receiver.at('/restart').filter((r) => payloadOf(r).data.reference === `CEET-${first!.numero}`);
    expect(firstRequests.map((r) => r.status)).toEqual([null, 204]);
    expect(new Set(firstRequests.map((r) => r.id)).size).toBe(1);
  }, 60_000);

  it('disables a webhook that keeps failing, with a notice its owner reads, and sends it nothing more', async () => {
    const token = await integrator('integrateur-down', 'webhooks:manage', 'dossiers:read');
    const hook = await register(token, '/down', { eventTypes: ['STATUS_CHANGED'], ministries: ['ENERGY'] });
    receiver.answer('/down', 500);
    await ceet().setDossierStatus(atVisit[7]!.numero, '30');
    const disabled = await until('the webhook to be disabled', async () => {
      const log = await logOf(token, hook.id);
      return log.state === 'DISABLED' ? log : undefined;
    });
    expect(disabled.disabledReason).toMatch(/^Désactivé automatiquement : aucune livraison réussie depuis le .+ \(dernière erreur : HTTP 500\)/);
    expect(disabled.deliveries.nodes.every((d) => d.state === 'FAILED')).toBe(true);
    const sent = receiver.at('/down').length;
    await ceet().setDossierStatus(atVisit[8]!.numero, '30');
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(receiver.at('/down')).toHaveLength(sent);
    // Re-enabled, it receives again.
    receiver.answer('/down', 204);
    const enabled = await api<{ enableWebhook: { state: string } }>(`mutation($id: ID!) { enableWebhook(id: $id) { state } }`, { id: hook.id }, token);
    expect(enabled.data?.enableWebhook.state).toBe('ENABLED');
  }, 60_000);
});
