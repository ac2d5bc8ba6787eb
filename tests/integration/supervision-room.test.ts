import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSupervisionRoutes, supervisionRoomDocument } from '../../gateway/supervision-room/index.js';
import { bearerDoor } from '../../gateway/supervision-room/test-support/bearer-door.js';
import { eventReader, type Frame } from '../../gateway/supervision-room/test-support/event-reader.js';
import { createSimulatorAdmin } from '../../legacy/shared/index.js';
import { closeServer, createRequestListener, listen } from '../../lib/http/index.js';
import { createLogger } from '../../lib/log/index.js';
import { gql } from '../support/graphql-client.js';
import { sample } from '../support/prometheus.js';
import { spawnGateway, type ExtraGateway } from '../support/spawn-gateway.js';
import { citizenToken, supervisorToken } from '../support/tokens.js';
import { testWorld } from '../support/world.js';

/**
 * The supervision room in a real headless Chromium (Debian's, installed by scripts/install-test-browser.sh; never
 * downloaded): sign-in with a supervisor token from the stack's IdP, figures equal to the API's for the same filter,
 * a live update after a submission through the graph, a filter, and a screenshot for the README.
 */
const chromiumPath = '/usr/bin/chromium';
const screenshotPath = fileURLToPath(new URL('../../docs/supervision.png', import.meta.url));

interface Figures {
  total: number;
  backlog: number;
  waitingOnCitizen: number;
  beyondLegalDelayShare: number;
  processingDaysP50: number | null;
}
interface Overview {
  totals: Figures;
  byMinistry: { ministry: string; figures: Figures }[];
  byProcedure: { procedure: { code: string }; figures: Figures }[];
  legacySystems: { system: string; circuit: string | null }[];
}

/** The figures as every other client of the graph reads them, with the same document as the room. */
async function apiFigures(token: string, filter: Record<string, string> = {}): Promise<Overview> {
  const response = await gql<{ supervision: Overview }>(supervisionRoomDocument, { filter }, { token });
  expect(response.errors).toBeUndefined();
  return response.data!.supervision;
}

/** The number a page element carries in `data-value`. */
const valueOf = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .getAttribute('data-value')
    .then((v) => (v === null || v === '' ? null : Number(v)));

/** `data-value` of every row's cell `column` (0: the row header) in one of the page's tables. */
async function tableColumn(page: Page, tableId: string, column: number): Promise<(string | null)[]> {
  const rows = page.locator(`#${tableId} tbody tr`);
  const values: (string | null)[] = [];
  for (let i = 0, count = await rows.count(); i < count; i += 1) values.push(await rows.nth(i).locator('th, td').nth(column).getAttribute('data-value'));
  return values;
}

/** A table's rows as row key → number in `column`. */
async function tableFigures(page: Page, tableId: string, column: number): Promise<Record<string, number>> {
  const [keys, values] = await Promise.all([tableColumn(page, tableId, 0), tableColumn(page, tableId, column)]);
  return Object.fromEntries(keys.map((key, i) => [key ?? '', Number(values[i])]));
}

/**
 * Waits until the headline total the page shows passes `check`. Polled from here: the page's policy forbids the
 * string evaluation `waitForFunction` would need, and that is as it should be.
 */
const totalShown = (page: Page, check: (total: number | null) => boolean) => expect.poll(async () => check(await valueOf(page, '#kpi-total')), { timeout: 20_000, interval: 100 }).toBe(true);

/** The page's headline figures, in the API's terms. */
async function pageTotals(page: Page): Promise<Figures> {
  return {
    total: (await valueOf(page, '#kpi-total'))!,
    backlog: (await valueOf(page, '#kpi-stock'))!,
    waitingOnCitizen: (await valueOf(page, '#kpi-attente-citoyen'))!,
    beyondLegalDelayShare: (await valueOf(page, '#kpi-hors-delai'))!,
    processingDaysP50: await valueOf(page, '#kpi-delai'),
  };
}

/** An object with its keys sorted: the page orders its rows by size, the API by key. */
const sortedKeys = (entries: [string, number][]) => Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** What the page and the API must agree on, as one comparable string. */
function viewOf(overview: Overview): string {
  return JSON.stringify({
    totals: headline(overview.totals),
    ministries: sortedKeys(overview.byMinistry.filter((m) => m.figures.total > 0).map((m) => [m.ministry, m.figures.backlog])),
    procedures: sortedKeys(overview.byProcedure.filter((p) => p.figures.total > 0).map((p) => [p.procedure.code, p.figures.total])),
    systems: overview.legacySystems.map((l) => l.system).sort(),
  });
}

/** The same view, read from the page's headline figures and tables. */
async function pageView(page: Page): Promise<string> {
  return JSON.stringify({
    totals: headline(await pageTotals(page)),
    ministries: sortedKeys(Object.entries(await tableFigures(page, 'table-ministeres', 2))),
    procedures: sortedKeys(Object.entries(await tableFigures(page, 'table-demarches', 2))),
    systems: (await tableColumn(page, 'table-systemes', 0)).sort(),
  });
}

const headline = ({ total, backlog, waitingOnCitizen, beyondLegalDelayShare, processingDaysP50 }: Figures): Figures => ({ total, backlog, waitingOnCitizen, beyondLegalDelayShare, processingDaysP50 });

/**
 * Where the page is served: the stack's gateway. `SUPERVISION_ROOM_LOCAL=1` mounts the room's routes on a local
 * server reading through the stack's gateway instead (for working on the room before the gateway serves it).
 */
async function roomBase(): Promise<{ base: string; close: () => Promise<void> }> {
  const gatewayBase = inject('gatewayUrl').replace(/\/graphql$/, '');
  if (process.env.SUPERVISION_ROOM_LOCAL !== '1') return { base: gatewayBase, close: async () => undefined };
  // The stack's gateway verifies every read; this door only keeps token-less requests out.
  const room = createSupervisionRoutes({ log: createLogger('supervision-room-test', 'warn'), graphqlUrl: inject('gatewayUrl'), door: bearerDoor() });
  const server = createServer(createRequestListener(room.routes));
  const base = await listen(server, '127.0.0.1', 0);
  return { base, close: async () => (await room.close(), await closeServer(server, 500)) };
}

describe('supervision room (headless Chromium)', () => {
  let browser: Browser;
  let room: { base: string; close: () => Promise<void> };
  const problems: string[] = [];

  beforeAll(async () => {
    if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: run scripts/install-test-browser.sh (Debian chromium, through apt-get)`);
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    room = await roomBase();
  });
  afterAll(async () => {
    await browser?.close();
    await room?.close();
  });

  async function openPage(options: { width?: number; height?: number } = {}): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: options.width ?? 1440, height: options.height ?? 1000 }, locale: 'fr-FR', timezoneId: 'Africa/Lome' });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    // Refused streams (the citizen's token) log their HTTP status as console errors: expected, not a problem.
    page.on('console', (message) => message.type() === 'error' && !message.location().url.includes('/supervision/events') && problems.push(`console: ${message.text()}`));
    // Streams are cut on purpose (filter change, page closed), and a navigation aborts what the last page loaded.
    page.on('requestfailed', (request) => !request.url().includes('/supervision/events') && request.failure()?.errorText !== 'net::ERR_ABORTED' && problems.push(`request failed: ${request.url()}`));
    await page.goto(`${room.base}/supervision`);
    return page;
  }

  async function signIn(page: Page, token: string): Promise<void> {
    await page.fill('#jeton', token);
    await page.click('#form-connexion button[type=submit]');
  }

  it('refuses a citizen’s token with a French message, and keeps the sign-in form', async () => {
    const page = await openPage();
    const citizen = testWorld().persons.find((p) => p.deathDate === null)!;
    await signIn(page, await citizenToken(citizen.niu));
    await expect.poll(() => page.textContent('#erreur-connexion'), { timeout: 15_000, interval: 100 }).toContain('supervision');
    expect(await page.isVisible('#connexion')).toBe(true);
    expect(await page.isVisible('#tableau')).toBe(false);
    await page.close();
  });

  it('signs in, shows the API’s figures, updates live after a submission, filters, and is screenshot', async () => {
    const token = await supervisorToken();
    const page = await openPage();
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await signIn(page, token);
    await page.waitForSelector('#kpi-total[data-value]', { timeout: 15_000 });
    // The token stays in the tab: never in the address.
    expect(page.url()).not.toContain(token.slice(0, 20));
    expect(await page.evaluate('sessionStorage.length')).toBe(1);

    // Same numbers as the API for the same (empty) filter: headline, per ministry, per procedure, legacy systems.
    // Both sides are read again until they agree: the read model may ingest (earlier tests' filings) in between.
    await expect.poll(async () => (await pageView(page)) === viewOf(await apiFigures(token)), { timeout: 15_000, interval: 250 }).toBe(true);
    const volumeTotal = Number(await page.getAttribute('#resume-volumes', 'data-total'));
    expect(volumeTotal).toBeGreaterThan(0);
    // The README's picture: the seeded figures, settled, nothing focused.
    await page.locator('#f-ministere').blur();
    mkdirSync(fileURLToPath(new URL('../../docs/', import.meta.url)), { recursive: true });
    await page.screenshot({ path: screenshotPath, fullPage: true });

    // A new application through the graph shows within seconds, without reloading.
    const before = (await valueOf(page, '#kpi-total'))!;
    const applicant = testWorld().persons.find((p) => p.birthDate < '1990-01-01' && p.deathDate === null)!;
    const filed = await gql(
      `mutation($input: ElectricityConnectionInput!, $key: String!) { requestElectricityConnection(input: $input, idempotencyKey: $key) { reference status } }`,
      { input: { applicantNiu: applicant.niu, meterType: 'SINGLE_PHASE', communeCode: 'GOLFE1', quarter: 'Tokoin', applianceCount: 5 }, key: `supervision-${randomUUID()}` },
      { token: await citizenToken(applicant.niu) },
    );
    expect(filed.errors).toBeUndefined();
    await totalShown(page, (total) => total !== null && total > before);
    expect(await page.getAttribute('#kpi-total', 'class')).toContain('change');
    await expect.poll(async () => (await valueOf(page, '#kpi-total')) === (await apiFigures(token)).totals.total, { timeout: 10_000 }).toBe(true);

    // A filter changes the figures to the API's for that filter, and the address keeps it.
    const unfiltered = (await valueOf(page, '#kpi-total'))!;
    await page.selectOption('#f-ministere', 'ENERGY');
    const energy = await apiFigures(token, { ministry: 'ENERGY' });
    expect(energy.totals.total).toBeLessThan(unfiltered);
    await expect.poll(async () => (await valueOf(page, '#kpi-total')) === (await apiFigures(token, { ministry: 'ENERGY' })).totals.total, { timeout: 15_000, interval: 250 }).toBe(true);
    expect(page.url()).toContain('ministere=ENERGY');
    expect(await tableColumn(page, 'table-ministeres', 0)).toEqual(['ENERGY']);
    // Only the chosen ministry's procedures remain to choose from.
    const options = page.locator('#f-demarche option');
    const values: (string | null)[] = [];
    for (let i = 0, count = await options.count(); i < count; i += 1) values.push(await options.nth(i).getAttribute('value'));
    expect(values).toEqual(['', 'CEET-RACCORDEMENT-BT']);

    // Reloaded, the tab still holds the token and the address the filter: the same view comes back.
    await page.reload();
    await expect.poll(async () => (await valueOf(page, '#kpi-total')) === (await apiFigures(token, { ministry: 'ENERGY' })).totals.total, { timeout: 15_000, interval: 250 }).toBe(true);
    await page.close();
  });

  it('has a wall-screen mode and fits a phone-sized screen', async () => {
    const token = await supervisorToken();
    const wall = await openPage({ width: 1920, height: 1080 });
    await wall.goto(`${room.base}/supervision?mur=1`);
    await signIn(wall, token);
    await wall.waitForSelector('#kpi-total[data-value]', { timeout: 15_000 });
    expect(await wall.getAttribute('html', 'class')).toContain('mur');
    expect(await wall.isVisible('#filtres')).toBe(false);
    expect(await wall.evaluate(`parseFloat(getComputedStyle(document.getElementById('kpi-total')).fontSize)`)).toBeGreaterThanOrEqual(48);
    await wall.close();
    const phone = await openPage({ width: 390, height: 844 });
    await signIn(phone, token);
    await phone.waitForSelector('#kpi-total[data-value]', { timeout: 15_000 });
    // No horizontal scrolling of the page itself (wide tables scroll inside their own box).
    expect(await phone.evaluate('document.documentElement.scrollWidth <= window.innerWidth + 1')).toBe(true);
    await phone.close();
  });

  it('loaded nothing from elsewhere and broke no rule of its content security policy', () => {
    expect(problems).toEqual([]);
  });
});

/**
 * The room fed by dossier events, on a gateway of its own whose idle refresh (10 minutes) never comes within the test:
 * once the room is quiet (no read for several push intervals: it waits for events), a status changed in the CEET
 * simulator reaches the screen through the feed, the event hub and one read.
 */
describe('supervision room fed by dossier events', () => {
  const pushMs = 1_000;
  let gateway: ExtraGateway;
  beforeAll(async () => {
    gateway = await spawnGateway({ WORKERS: '1', SUPERVISION_PUSH_MS: String(pushMs), SUPERVISION_IDLE_REFRESH_MS: '600000' });
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  /** GraphQL requests this gateway answered so far: here, the room's own reads. */
  const reads = async () => sample(await (await fetch(`${gateway.url}/metrics`)).text(), 'guichet_gateway_request_duration_seconds_count');
  const waitingOnCitizen = (frame: Frame | undefined) =>
    (frame?.data as { data?: { supervision?: { totals?: { waitingOnCitizen?: number } } } } | undefined)?.data?.supervision?.totals?.waitingOnCitizen;

  it('shows a CEET status change without waiting for the idle refresh, and reads nothing meanwhile', async () => {
    // A request « visite programmée » (20) that no other suite moves (they take the first ones).
    const atVisit = testWorld().electricityRequests.filter((r) => r.history.at(-1)?.status === 20);
    expect(atVisit.length).toBeGreaterThan(4);
    const request = atVisit.at(-1)!;
    const controller = new AbortController();
    const response = await fetch(`${gateway.url}/supervision/events?ministry=ENERGY`, { headers: { authorization: `Bearer ${await supervisorToken()}` }, signal: controller.signal });
    expect(response.status).toBe(200);
    const events = eventReader(response);
    try {
      const first = await events.next(15_000);
      expect(first?.event).toBe('figures');
      const before = waitingOnCitizen(first)!;
      // Waiting for events: several push intervals without a read (at the push pace there would be one per second). The
      // hub counts as connected from the first byte of its upstream stream (at the latest its first heartbeat, 15 s):
      // until then the room reads at the push pace.
      await expect
        .poll(
          async () => {
            const start = await reads();
            await sleep(pushMs * 3.5);
            return (await reads()) === start;
          },
          { timeout: 30_000, interval: 0 },
        )
        .toBe(true);
      const quietReads = await reads();
      await createSimulatorAdmin(inject('legacyUrls').ceet, 'ceet').setDossierStatus(request.numero, '30');
      let shown: Frame | undefined;
      while (!shown) {
        const frame = await events.next(20_000);
        if (!frame) break;
        if (frame.event === 'figures' && waitingOnCitizen(frame) === before + 1) shown = frame;
      }
      expect(shown, 'the change reached the room').toBeDefined();
      // One read for the event (two when the first found the read model a poll behind), none at the push pace.
      expect((await reads()) - quietReads).toBeLessThanOrEqual(2);
    } finally {
      controller.abort();
    }
  }, 90_000);
});
