import type { IncomingMessage, ServerResponse } from 'node:http';
import soap from 'soap';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRnecSimulator, type RunningRnecSimulator } from '../../legacy/rnec/index.js';
import { generateWorld } from '../../legacy/world/index.js';
import { endlessBody, rewritingProxy, startHostileServer, type HostileServer } from '../shared/testing/hostile-server.js';
import { isAdapterError, titleCase, type AdapterError } from '../shared/index.js';
import { rnecAdapterEnvSchema, rnecAdapterOptionsFromEnv } from './config.js';
import { createRnecAdapter } from './rnec-adapter.js';
import { noFaults } from '../../legacy/shared/index.js';

const worldOptions = { seed: 11, scale: 0.02, now: '2026-11-01' };
const person = generateWorld(worldOptions).persons[0]!;

let rnec: RunningRnecSimulator;
/** A man in the middle in front of the real simulator: each test decides how it rewrites the answers. */
let mitm: HostileServer;
const mitmUrl = () => `${mitm.url}/ws/rnec`;

beforeAll(async () => {
  rnec = await startRnecSimulator({ host: '127.0.0.1', port: 0, world: worldOptions, faults: noFaults, latency: { medianMs: 0, p95Ms: 0 } });
  mitm = await startHostileServer(rewritingProxy(rnec.baseUrl));
});
afterAll(async () => {
  await mitm.close();
  await rnec.close();
});
beforeEach(async () => {
  await fetch(`${rnec.baseUrl}/__admin/reset`, { method: 'POST' });
  mitm.use(rewritingProxy(rnec.baseUrl));
  mitm.received.length = 0;
});

const calls = () => fetch(`${rnec.baseUrl}/__admin/calls`).then((r) => r.json() as Promise<Record<string, number>>);
async function failure(call: Promise<unknown>): Promise<AdapterError> {
  const error: unknown = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isAdapterError(error)) throw new Error(`expected an AdapterError, got ${String(error)}`);
  return error;
}
/** Rewrites answers to one kind of request only (`GET` = the WSDL, `POST` = the operations). */
const rewriteOn = (method: 'GET' | 'POST', rewrite: (body: string) => string) => rewritingProxy(rnec.baseUrl, (body, req: IncomingMessage) => (req.method === method ? rewrite(body) : body));
/** Puts `declaration` right after the XML declaration, where a DTD goes. */
const withDeclaration = (declaration: string, swap?: [RegExp, string]) => (body: string) => {
  const declared = body.replace(/^(<\?xml[^>]*\?>)?/, (xmlDecl) => `${xmlDecl}${declaration}`);
  return swap ? declared.replace(swap[0], swap[1]) : declared;
};

describe('RNEC adapter hygiene: values in envelopes', () => {
  it.each([
    ['markup, quotes, ]]> and non-ASCII', `<x>&"']]>é’`],
    ['an attempt to close the element and add one', '</rnec:REFERENCE_EXTERNE><rnec:NIU>000000000000</rnec:NIU>'],
    ['text that looks like entities and a DTD', '&amp;&#x41;&lt; <!DOCTYPE x><!ENTITY y "z">'],
    ['a CDATA section inside the text', 'a<![CDATA[b]]>c'],
    ['a tab inside', 'Kpalimé\tLomé'],
  ])('%s round-trips intact through the real RNEC (request, storage, answer)', async (_, externalReference) => {
    const adapter = createRnecAdapter({ url: rnec.url });
    const filed = await adapter.requestCopy({ niu: person.niu, actNumber: person.birthActNumber, copies: 1, externalReference });
    expect(filed.externalReference).toBe(externalReference);
    // RNEC looks it up by exact match in its store: found means it arrived unaltered.
    expect((await adapter.findCopyRequestByExternalReference(externalReference))?.reference).toBe(filed.reference);
    expect((await adapter.listCopyRequests(person.niu)).find((r) => r.reference === filed.reference)?.externalReference).toBe(externalReference);
    // One request filed, nothing injected.
    expect(await calls()).toMatchObject({ DemanderCopieActe: 1, RechercherDemandeParReferenceExterne: 1, ListerDemandes: 1 });
  });

  it.each([
    ['the CDATA form node-soap writes unescaped', '<![CDATA[]]><rnec:NIU>000000000000</rnec:NIU><![CDATA[]]>'],
    ['a control character', 'GCH-\u0000-1'],
    ['a lone surrogate', 'GCH-\uD800-1'],
  ])('refuses %s before any call (not even the WSDL)', async (_, externalReference) => {
    const adapter = createRnecAdapter({ url: rnec.url });
    expect(await failure(adapter.requestCopy({ niu: person.niu, actNumber: person.birthActNumber, copies: 1, externalReference }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      retryable: false,
      operation: 'DemanderCopieActe',
      userMessage: expect.stringContaining('caractères non autorisés'),
    });
    expect(await failure(adapter.findCopyRequestByExternalReference(externalReference))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await calls()).toEqual({});
  });

  it('reads names with escaped markup and split CDATA sections as plain text', async () => {
    const nom = `O'BRIEN <&> "]]> ÉWÉ’`;
    const prenoms = 'KOSSI <&> "]]>" ÉDEM';
    mitm.use(
      rewriteOn('POST', (body) =>
        body
          .replace(/<rnec:NOM>[^<]*</, `<rnec:NOM>O&apos;BRIEN &lt;&amp;&gt; &quot;]]&gt; &#xC9;W&#201;’<`)
          .replace(/<rnec:PRENOMS>[^<]*</, '<rnec:PRENOMS><![CDATA[KOSSI <&> "]]]]><![CDATA[>" ÉDEM]]><'),
      ),
    );
    const citizen = await createRnecAdapter({ url: mitmUrl() }).getCitizen(person.niu);
    expect(citizen.lastName).toBe(titleCase(nom));
    expect(citizen.firstNames).toBe(titleCase(prenoms));
  });
});

const harmlessDoctype = '<!DOCTYPE soap:Envelope>';
const xxe = ['<!DOCTYPE soap:Envelope [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>', [/<rnec:NOM>[^<]*</, '<rnec:NOM>&xxe;<']] as const;
const laughs = '<!DOCTYPE soap:Envelope [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>';

describe('RNEC adapter hygiene: DTDs and entities are refused before parsing', () => {
  it('node-soap by itself: accepts a DOCTYPE silently, and fails (without expanding) on an entity reference', async () => {
    mitm.use(rewriteOn('POST', withDeclaration(harmlessDoctype)));
    const raw = await soap.createClientAsync(`${mitmUrl()}?wsdl`, { endpoint: mitmUrl() });
    const [result] = await (raw as unknown as Record<string, (args: unknown) => Promise<[{ PERSONNE: { NIU: string } }]>>).ConsulterPersonneAsync!({ NIU: person.niu });
    expect(result.PERSONNE.NIU).toBe(person.niu);
    mitm.use(rewriteOn('POST', withDeclaration(xxe[0], [...xxe[1]])));
    const call = (raw as unknown as Record<string, (args: unknown) => Promise<unknown>>).ConsulterPersonneAsync!({ NIU: person.niu });
    // sax (strict) knows only the five XML entities: `&xxe;` is an error, never a file read.
    await expect(call).rejects.toMatchObject({ Fault: { faultstring: 'Invalid XML', detail: expect.stringContaining('Invalid character entity') } });
  });

  const unknownNiu = '000000000000';
  it.each([
    ['a harmless DOCTYPE (which node-soap would accept)', withDeclaration(harmlessDoctype), person.niu],
    ['an external entity (XXE)', withDeclaration(xxe[0], [...xxe[1]]), person.niu],
    ['nested entities (billion laughs)', withDeclaration(laughs, [/<rnec:NOM>[^<]*</, '<rnec:NOM>&c;<']), person.niu],
    ['a lower-case doctype', withDeclaration('<!doctype soap:Envelope>'), person.niu],
    ['an ENTITY declaration alone', withDeclaration('<!ENTITY x "y">'), person.niu],
    ['a DOCTYPE inside a SOAP Fault (HTTP 500)', withDeclaration(harmlessDoctype), unknownNiu],
  ])('a response with %s → BAD_BACKEND_RESPONSE, not retryable', async (_, rewrite, niu) => {
    const adapter = createRnecAdapter({ url: mitmUrl() });
    await adapter.getCitizen(person.niu); // the WSDL is read before the hostile answers start
    mitm.use(rewriteOn('POST', rewrite));
    expect(await failure(adapter.getCitizen(niu))).toMatchObject({
      code: 'BAD_BACKEND_RESPONSE',
      retryable: false,
      system: 'rnec',
      operation: 'ConsulterPersonne',
      message: expect.stringMatching(/DTD or entity declaration .* refused before parsing/),
    });
  });

  it('a WSDL with a DOCTYPE → BAD_BACKEND_RESPONSE, and the next call reads a clean WSDL again', async () => {
    mitm.use(rewriteOn('GET', withDeclaration(harmlessDoctype)));
    const adapter = createRnecAdapter({ url: mitmUrl() });
    expect(await failure(adapter.getCitizen(person.niu))).toMatchObject({ code: 'BAD_BACKEND_RESPONSE', retryable: false, message: expect.stringContaining('DOCTYPE') });
    expect(await calls()).toEqual({ wsdl: 1 }); // refused: no operation was called with it
    mitm.use(rewritingProxy(rnec.baseUrl));
    expect((await adapter.getCitizen(person.niu)).niu).toBe(person.niu);
  });

  it('a WSDL importing another document → BAD_BACKEND_RESPONSE, and the import is never fetched', async () => {
    const evil = `${mitm.url}/evil.xsd`;
    mitm.use(rewriteOn('GET', (wsdl) => wsdl.replace(/(<xsd:schema[^>]*>)/, `$1<xsd:import namespace="urn:evil" schemaLocation="${evil}"/>`)));
    expect(await failure(createRnecAdapter({ url: mitmUrl() }).getCitizen(person.niu))).toMatchObject({ code: 'BAD_BACKEND_RESPONSE', message: expect.stringContaining('importing') });
    expect(mitm.received.filter((r) => r.includes('evil'))).toEqual([]);
  });
});

describe('RNEC adapter hygiene: response size', () => {
  const soapStart =
    '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:rnec="urn:tg:gouv:rnec:v1"><soap:Body><rnec:ConsulterPersonneResponse><rnec:MESSAGE_RETOUR>';

  it('an endless SOAP answer is cut at maxResponseBytes → BAD_BACKEND_RESPONSE, having read only a little', async () => {
    let sent: (bytes: number) => void = () => undefined;
    const done = new Promise<number>((resolve) => (sent = resolve));
    const endless = endlessBody({ contentType: 'text/xml; charset=utf-8', prefix: soapStart, filler: 'Lomé ', onDone: (bytes) => sent(bytes) });
    const proxy = rewritingProxy(rnec.baseUrl);
    mitm.use((req: IncomingMessage, res: ServerResponse) => (req.method === 'GET' ? proxy(req, res) : endless(req, res)));
    const adapter = createRnecAdapter({ url: mitmUrl(), timeoutMs: 20_000, maxResponseBytes: 1_000_000 });
    expect(await failure(adapter.getCitizen(person.niu))).toMatchObject({
      code: 'BAD_BACKEND_RESPONSE',
      retryable: false,
      operation: 'ConsulterPersonne',
      message: expect.stringContaining('too large'),
    });
    expect(await done).toBeLessThan(20_000_000); // out of 200 MB offered
  });

  it('a WSDL larger than the limit → BAD_BACKEND_RESPONSE; the real answers fit the default', async () => {
    expect(await failure(createRnecAdapter({ url: rnec.url, maxResponseBytes: 10_000 }).getCitizen(person.niu))).toMatchObject({ code: 'BAD_BACKEND_RESPONSE', retryable: false });
    expect((await createRnecAdapter({ url: rnec.url }).listCopyRequests(person.niu)).length).toBeGreaterThanOrEqual(0);
  });

  it('reads RNEC_MAX_RESPONSE_BYTES (default 5 MB)', () => {
    expect(rnecAdapterOptionsFromEnv(rnecAdapterEnvSchema.parse({})).maxResponseBytes).toBe(5_000_000);
    expect(rnecAdapterOptionsFromEnv(rnecAdapterEnvSchema.parse({ RNEC_MAX_RESPONSE_BYTES: '2000000' })).maxResponseBytes).toBe(2_000_000);
    expect(rnecAdapterEnvSchema.safeParse({ RNEC_MAX_RESPONSE_BYTES: '10' }).success).toBe(false);
  });
});
