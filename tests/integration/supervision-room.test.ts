import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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
import { layoutProblems } from '../support/layout/layout-problems.js';
import { sample } from '../support/prometheus.js';
import { spawnGateway, type ExtraGateway } from '../support/spawn-gateway.js';
import { citizenToken, supervisorToken } from '../support/tokens.js';
import { testWorld } from '../support/world.js';
import { atVisitFor } from '../support/subjects.js';
import type { ElectricityRequest } from '../../legacy/world/index.js';

/**
 * The supervision room in a real headless Chromium (Debian's, installed by scripts/install-test-browser.sh; never
 * downloaded): sign-in with a supervisor token from the stack's IdP, figures equal to the API's for the same filter,
 * a live update after a submission through the graph, a filter; the decisions (catalogue, ranking, alerts, CSV,
 * previous period, drill-down) against the API; a generated layout check, axe-core, the printed report; and the
 * screenshots of docs/ (desktop, wall, phone).
 */
const chromiumPath = '/usr/bin/chromium';
const docsPath = (name: string) => fileURLToPath(new URL(`../../docs/${name}`, import.meta.url));
/** Every chart's table unfolded, so that checks see their text too. */
const unfoldAll = `for (const d of document.querySelectorAll('details')) d.open = true`;
/** Deque's engine, run in the page through the DevTools protocol (the page's policy forbids inline scripts, rightly). */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Figures {
  total: number;
  backlog: number;
  waitingOnCitizen: number;
  beyondLegalDelayShare: number;
  processingDaysP50: number | null;
}
interface FullFigures extends Figures {
  overdueBacklog: number;
  beyondLegalDelay: number;
}
interface Overview {
  totals: Figures;
  byMinistry: { ministry: string; figures: Figures }[];
  byProcedure: { procedure: { code: string }; figures: Figures }[];
  legacySystems: { system: string; circuit: string | null }[];
}
interface RoomData {
  supervision: {
    minGroupSize: number;
    alertThresholds: { beyondLegalDelayShare: number; overdueBacklog: number };
    previousPeriod: { totals: FullFigures; belowFloor: boolean } | null;
    totals: FullFigures;
    byProcedure: { procedure: { code: string }; figures: FullFigures }[];
    byCommune: { commune: string; figures: FullFigures }[];
    byMinistry: { ministry: string; figures: FullFigures }[];
  };
  procedures: { code: string; title: string; ministryCode: string; legalDelayDays: number; handlingBody: { code: string; name: string } | null }[];
}

/** Everything the room reads (figures and catalogue), read by the API with the room's own document. */
async function apiRoom(token: string, filter: Record<string, string> = {}): Promise<RoomData> {
  const response = await gql<RoomData>(supervisionRoomDocument, { filter }, { token });
  expect(response.errors).toBeUndefined();
  return response.data!;
}

/** A procedure passes one of the room's alert thresholds (the rule the room and the Prometheus rules share). */
const inAlert = (f: FullFigures, t: RoomData['supervision']['alertThresholds']) => f.beyondLegalDelayShare > t.beyondLegalDelayShare || f.overdueBacklog >= t.overdueBacklog;

/** A CSV file as the room writes it (`;`, quotes doubled, decimal comma) back into cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), (i += 1);
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), (i += 1);
    else cell += c;
  }
  return rows;
}
const csvNumber = (cell: string | undefined) => (cell === undefined || cell === '' ? null : Number(cell.replace(',', '.')));

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

/** The change against the previous period a headline figure carries in `data-delta`. */
const delta = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .getAttribute('data-delta')
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

  async function openPage(options: { width?: number; height?: number; query?: string } = {}): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: options.width ?? 1440, height: options.height ?? 1000 }, locale: 'fr-FR', timezoneId: 'Africa/Lome' });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    // Refused streams (the citizen's token) log their HTTP status as console errors: expected, not a problem.
    page.on('console', (message) => message.type() === 'error' && !message.location().url.includes('/supervision/events') && problems.push(`console: ${message.text()}`));
    // Streams are cut on purpose (filter change, page closed), and a navigation aborts what the last page loaded.
    page.on('requestfailed', (request) => !request.url().includes('/supervision/events') && request.failure()?.errorText !== 'net::ERR_ABORTED' && problems.push(`request failed: ${request.url()}`));
    await page.goto(`${room.base}/supervision${options.query ?? ''}`);
    return page;
  }

  /**
   * A page signed in as a supervisor, its figures shown. The token is pasted (the integrators' way: people sign in at
   * the IdP, tests/integration/supervision-sign-in.test.ts). A wall screen (`mur=1`) is opened once the tab holds its
   * session: opened signed out, it would start a device grant with the stack's IdP, which does not know this stack's
   * ephemeral origin.
   */
  async function signedIn(token: string, options: { width?: number; height?: number; query?: string } = {}): Promise<Page> {
    const query = new URLSearchParams(options.query ?? '');
    const wall = query.get('mur') === '1';
    query.delete('mur');
    const page = await openPage({ ...options, query: query.size > 0 ? `?${query}` : '' });
    await signIn(page, token);
    await page.waitForSelector('#kpi-total[data-value]', { timeout: 15_000 });
    if (wall) {
      // The tab keeps its session: the wall's address opens on it, drawn for the wall from the start.
      query.set('mur', '1');
      await page.goto(`${room.base}/supervision?${query}`);
      await page.waitForSelector('html.mur #kpi-total[data-value]', { timeout: 15_000 });
    }
    return page;
  }

  /** The page's figures and the API's agree on `read` (both read again until they do: the read model may ingest in between). */
  async function agrees<T>(page: Page, token: string, filter: Record<string, string>, read: (page: Page, api: RoomData) => Promise<[T, T]>): Promise<void> {
    let last: [T, T] | undefined;
    try {
      await expect
        .poll(
          async () => {
            last = await read(page, await apiRoom(token, filter));
            return JSON.stringify(last[0]) === JSON.stringify(last[1]);
          },
          { timeout: 15_000, interval: 300 },
        )
        .toBe(true);
    } catch (error) {
      throw new Error(`page ${JSON.stringify(last?.[0])} != API ${JSON.stringify(last?.[1])}: ${String(error)}`);
    }
  }

  async function signIn(page: Page, token: string): Promise<void> {
    // The pasted token sits behind a closed disclosure (« Coller un jeton », for integrators).
    const closed = page.locator('#coller-jeton:not([open]) > summary');
    if ((await closed.count()) > 0) await closed.click();
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
    const page = await openPage({ width: 1600 });
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
  }, 90_000);

  it('has a wall-screen mode and fits a phone-sized screen', async () => {
    const token = await supervisorToken();
    const wall = await signedIn(token, { width: 1920, height: 1080, query: '?mur=1' });
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

  it('shows every procedure with its legal delay and body, the overdue ranking and the alerts, as the API gives them', async () => {
    const token = await supervisorToken();
    const page = await signedIn(token, { width: 1600 });
    const { procedures } = await apiRoom(token);
    // Every procedure of the catalogue, the energy & mines ministry's 29 included, with or without dossiers.
    expect((await tableColumn(page, 'table-catalogue', 0)).sort()).toEqual(procedures.map((p) => p.code).sort());
    expect(procedures.filter((p) => p.ministryCode === 'MINES')).toHaveLength(29);
    const delays = await tableFigures(page, 'table-catalogue', 3);
    for (const p of procedures) expect(delays[p.code], p.code).toBe(p.legalDelayDays);
    const bodies = await page
      .locator('#table-catalogue tbody tr')
      .evaluateAll((rows) => rows.map((r) => [r.querySelector('th')?.getAttribute('data-value'), r.querySelectorAll('td')[1]?.textContent]));
    for (const [code, body] of bodies) expect(body, String(code)).toBe(procedures.find((p) => p.code === code)?.handlingBody?.name ?? '—');

    await agrees(page, token, {}, async (p, api) => {
      const listed = new Map(api.supervision.byProcedure.map((x) => [x.procedure.code, x.figures]));
      const catalogueRows = await p
        .locator('#table-catalogue tbody tr')
        .evaluateAll((rows) =>
          rows.map((r) => [
            r.querySelector('th')?.getAttribute('data-value'),
            r.querySelectorAll('td')[3]?.getAttribute('data-value') ?? null,
            r.querySelectorAll('td')[6]?.getAttribute('data-value') ?? null,
          ]),
        );
      const fromPage = {
        rows: catalogueRows.map(([code, total, overdue]) => [code, total === null ? null : Number(total), overdue === null ? null : Number(overdue)]),
        overdue: await valueOf(p, '#kpi-retard'),
        ranking: (await tableColumn(p, 'table-retard-demarches', 0)).slice(0, 3),
        alerts: await p.locator('#alertes li').evaluateAll((items) => items.map((li) => li.getAttribute('data-procedure')).sort()),
      };
      const ranked = [...listed].filter(([, f]) => f.beyondLegalDelay > 0).sort(([, a], [, b]) => b.overdueBacklog - a.overdueBacklog || b.beyondLegalDelay - a.beyondLegalDelay);
      const fromApi = {
        rows: catalogueRows.map(([code]) => [code, listed.get(code ?? '')?.total ?? null, listed.get(code ?? '')?.overdueBacklog ?? null]),
        overdue: api.supervision.totals.overdueBacklog,
        // The first three are distinct enough in the seeded world for their order not to hang on a tie.
        ranking: ranked.slice(0, 3).map(([code]) => code),
        alerts: [...listed]
          .filter(([, f]) => inAlert(f, api.supervision.alertThresholds))
          .map(([code]) => code)
          .sort(),
      };
      return [fromPage, fromApi];
    });
    expect(await page.locator('#alertes li').count()).toBeGreaterThan(0);
    expect(await page.textContent('#alertes')).toMatch(/plus de 25\s%.*au moins 20 dossiers/);

    // Communes by name, their code kept as the row's value.
    const communes = await page.locator('#table-communes tbody th').evaluateAll((cells) => cells.map((c) => [c.getAttribute('data-value'), c.textContent]));
    expect(communes.find(([code]) => code === 'GOLFE1')?.[1]).toBe('Golfe 1');
    expect(communes.some(([, name]) => /^[A-Z]+\d$/.test(name ?? ''))).toBe(false);
    expect(await page.textContent('#f-commune')).toContain('Agoè-Nyivé 1');
    await page.close();
  }, 120_000);

  it('exports a table as CSV (UTF-8 with BOM, semicolons) whose figures are the API’s', async () => {
    const token = await supervisorToken();
    const page = await signedIn(token, { width: 1600 });
    // Every table has its export button.
    expect(await page.locator('button.export-csv').count()).toBe(await page.locator('#grille table.donnees[id]').count());
    const exported = async (tableId: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(`button.export-csv[data-table="${tableId}"]`)]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^supervision-${tableId.replace('table-', '')}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
      return readFileSync((await download.path())!);
    };
    let rows: string[][] = [];
    await agrees(page, token, {}, async (_p, api) => {
      const bytes = await exported('table-catalogue');
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      rows = parseCsv(bytes.subarray(3).toString('utf8'));
      const byTitle = new Map(api.procedures.map((p) => [p.title, p]));
      const listed = new Map(api.supervision.byProcedure.map((x) => [x.procedure.code, x.figures]));
      const fromCsv = rows.slice(1).map((r) => [r[0], csvNumber(r[3]), csvNumber(r[4]), csvNumber(r[6]), csvNumber(r[7])]);
      const fromApi = rows.slice(1).map((r) => {
        const procedure = byTitle.get(r[0] ?? '');
        const f = listed.get(procedure?.code ?? '');
        return [r[0], procedure?.legalDelayDays ?? null, f?.total ?? null, f?.beyondLegalDelayShare ?? null, f?.overdueBacklog ?? null];
      });
      return [fromCsv, fromApi];
    });
    expect(rows[0]).toEqual(['Démarche', 'Ministère', 'Organisme', 'Délai légal', 'Dossiers', 'Délai médian', 'Hors délai', 'En cours hors délai', 'Alerte']);
    expect(rows).toHaveLength(1 + (await apiRoom(token)).procedures.length);
    // The same aggregation floor as the room: no group under it in any exported table.
    const communes = parseCsv((await exported('table-communes')).subarray(3).toString('utf8'));
    const floor = (await apiRoom(token)).supervision.minGroupSize;
    for (const row of communes.slice(1)) expect(csvNumber(row[1])).toBeGreaterThanOrEqual(floor);
    expect(communes.flat().some((cell) => /^[=+\-@]/.test(cell))).toBe(false);
    await page.close();
  }, 120_000);

  it('compares the period with the previous one, and drills down ministry → procedure → commune and back', async () => {
    const token = await supervisorToken();
    const filter = { ministry: 'ENERGY', from: '2026-10-01', to: '2026-10-31' };
    const page = await signedIn(token, { width: 1600, query: '?ministere=ENERGY&du=2026-10-01&au=2026-10-31' });
    await agrees(page, token, filter, async (p, api) => {
      const previous = api.supervision.previousPeriod!;
      return [
        [await delta(p, '#kpi-total-evolution'), await delta(p, '#kpi-stock-evolution')],
        [api.supervision.totals.total - previous.totals.total, api.supervision.totals.backlog - previous.totals.backlog],
      ];
    });
    expect(await page.textContent('#kpi-total-evolution')).toContain('par rapport à la période précédente');

    // From every ministry down to one: the ministry's name in the backlog table is the way down.
    const all = await signedIn(token, { width: 1600 });
    await all.click('#stock summary');
    await all.click('#table-ministeres button.lien-detail >> text=Énergie (CEET)');
    await expect.poll(() => all.url(), { timeout: 10_000 }).toContain('ministere=ENERGY');
    await agrees(all, token, { ministry: 'ENERGY' }, async (p, api) => [await valueOf(p, '#kpi-total'), api.supervision.totals.total]);
    // Then to its procedure, then to a commune of it.
    await all.click('#table-catalogue button.lien-detail');
    await expect.poll(() => all.url(), { timeout: 10_000 }).toContain('demarche=CEET-RACCORDEMENT-BT');
    await agrees(all, token, { ministry: 'ENERGY', procedure: 'CEET-RACCORDEMENT-BT' }, async (p, api) => [
      [await valueOf(p, '#kpi-total'), await tableColumn(p, 'table-communes', 0)],
      [
        api.supervision.totals.total,
        // The busiest twelve by name, then one line summing the others (no commune of its own).
        [
          ...[...api.supervision.byCommune]
            .sort((a, b) => b.figures.total - a.figures.total || (a.commune < b.commune ? -1 : 1))
            .slice(0, 12)
            .map((c) => c.commune),
          ...(api.supervision.byCommune.length > 12 ? [null] : []),
        ],
      ],
    ]);
    await all.click('#table-communes button.lien-detail >> text=Golfe 1');
    await expect.poll(() => all.url(), { timeout: 10_000 }).toContain('commune=GOLFE1');
    const deepest = { ministry: 'ENERGY', procedure: 'CEET-RACCORDEMENT-BT', commune: 'GOLFE1' };
    await agrees(all, token, deepest, async (p, api) => [await valueOf(p, '#kpi-total'), api.supervision.totals.total]);
    expect(await all.locator('#fil-ariane li').allTextContents()).toEqual(['Tous les ministères', 'Énergie (CEET)', 'Demande de raccordement au réseau électrique basse tension', 'Golfe 1']);
    // Back up with the keyboard: the breadcrumb's levels are buttons.
    await all.focus('#fil-ariane button >> text=Tous les ministères');
    await all.keyboard.press('Enter');
    await agrees(all, token, {}, async (p, api) => [await valueOf(p, '#kpi-total'), api.supervision.totals.total]);
    expect(all.url()).not.toContain('ministere=');
    await all.close();
    await page.close();
  }, 120_000);

  it('has no overlapping or cut text at 1280, 1600 and 1920 px, on the wall and on a phone; key figures first on a phone; screenshots', async () => {
    const token = await supervisorToken();
    // The README's picture (docs/supervision.png) is the 1600 px one: the seeded figures, settled, nothing focused.
    const shots: Record<number, string> = { 1600: 'supervision.png' };
    for (const width of [1280, 1600, 1920]) {
      const page = await signedIn(token, { width, height: 1000 });
      // Every chart's table unfolded too: their text is checked as well.
      await page.evaluate(unfoldAll);
      expect(await page.evaluate(layoutProblems, ['#tableau', false] as const), `${width} px`).toEqual([]);
      await page.evaluate(`for (const d of document.querySelectorAll('details')) d.open = false`);
      await page.locator('#f-ministere').blur();
      if (shots[width]) await page.screenshot({ path: docsPath(shots[width]!), fullPage: true });
      await page.close();
    }
    const wall = await signedIn(token, { width: 1920, height: 1080, query: '?mur=1' });
    expect(await wall.evaluate(layoutProblems, ['#tableau', false] as const), 'wall').toEqual([]);
    await wall.screenshot({ path: docsPath('supervision-wall.png'), fullPage: true });
    await wall.close();
    const phone = await signedIn(token, { width: 390, height: 844 });
    // On a phone a wide table scrolls sideways in its own box; nothing overlaps, nothing else is cut.
    expect(await phone.evaluate(layoutProblems, ['#tableau', true] as const), 'phone').toEqual([]);
    const top = (selector: string) => phone.locator(selector).evaluate((e) => e.getBoundingClientRect().top);
    expect(await top('#synthese')).toBeLessThan(await top('#filtres'));
    expect(await top('#kpi-total')).toBeLessThan(844);
    await phone.locator('#f-ministere').blur();
    await phone.screenshot({ path: docsPath('supervision-phone.png') });
    await phone.close();
  }, 120_000);

  it('passes axe-core’s WCAG 2.1 A and AA rules, on the desktop, the wall and a phone', async () => {
    const token = await supervisorToken();
    for (const options of [{ width: 1600 }, { width: 1920, height: 1080, query: '?mur=1' }, { width: 390, height: 844 }]) {
      const page = await signedIn(token, options);
      await page.evaluate(unfoldAll);
      await page.evaluate(axeSource);
      const violations = await page.evaluate(
        `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.length + ' ' + JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))))`,
      );
      expect(violations, JSON.stringify(options)).toEqual([]);
      await page.close();
    }
  }, 120_000);

  it('prints a monthly report: last month, no controls, every table unfolded, fitting an A4 page width', async () => {
    const token = await supervisorToken();
    const page = await signedIn(token, { width: 1280 });
    await page.click('#bouton-mois-precedent');
    await expect.poll(() => page.url(), { timeout: 10_000 }).toMatch(/du=\d{4}-\d{2}-01&au=\d{4}-\d{2}-\d{2}/);
    const url = new URL(page.url());
    const filter = { from: url.searchParams.get('du')!, to: url.searchParams.get('au')! };
    await agrees(page, token, filter, async (p, api) => [await valueOf(p, '#kpi-total'), api.supervision.totals.total]);
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('#filtres')).toBe(false);
    expect(await page.isVisible('button.export-csv')).toBe(false);
    expect(await page.textContent('#titre-rapport')).toMatch(/^Rapport de supervision — du \d+ \S+ \d{4} au \d+ \S+ \d{4}$/);
    // The width of A4 between 12 mm margins, at 96 px per inch.
    await page.setViewportSize({ width: 703, height: 1000 });
    await page.evaluate(`window.dispatchEvent(new Event('beforeprint'))`);
    expect(await page.locator('details:not([open])').count()).toBe(0);
    expect(await page.evaluate(layoutProblems, ['#tableau', false] as const), 'print').toEqual([]);
    const pdf = await page.pdf({ format: 'A4', margin: { top: '12mm', bottom: '12mm', left: '12mm', right: '12mm' } });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
  }, 120_000);

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
    // A request « visite programmée » (20) of this suite's own (tests/support/subjects).
    const [request] = atVisitFor('supervisionRoom') as [ElectricityRequest];
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
