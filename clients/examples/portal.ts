import { Client, fetchExchange } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';
import {
  EnergyMinesApplicationDocumentsDocument,
  MyDashboardDocument,
  ProceduresDocument,
  RequestCivilActCopyDocument,
  SubmitEnergyMinesApplicationDocument,
  type CivilActCopyInput,
  type DocumentKind,
  type EnergyMinesApplicationDocumentsQuery,
  type EnergyMinesApplicationInput,
  type MyDashboardQuery,
  type ProceduresQuery,
  type RequestCivilActCopyMutation,
  type SubmitEnergyMinesApplicationMutation,
} from '../generated/graphql.js';
import { uploadDocument } from '../documents/index.js';
import { dataOf } from './guichet-request-error.js';
import { trustedDocumentId } from './trusted-document-id.js';

export interface PortalClientOptions {
  /** The gateway's GraphQL endpoint, e.g. https://guichet.gouv.tg/graphql. */
  readonly url: string;
  /** The signed-in citizen's access token (OIDC), read before each request so that a refreshed token is used. */
  readonly accessToken: () => string;
  /** Another fetch (instrumentation, tests). Default: the global fetch. */
  readonly fetch?: typeof fetch;
}

/**
 * The portal's GraphQL client. It sends trusted-document ids, never document text: in production the gateway runs
 * only the documents of clients/trusted-documents.json, and an id is all it needs. POST for everything (a citizen's
 * pages are personal: nothing to gain from GET). No normalized cache: each page shows what the ministries say now.
 */
export function createPortalClient({ url, accessToken, fetch }: PortalClientOptions): Client {
  return new Client({
    url,
    exchanges: [persistedExchange({ enforcePersistedQueries: true, enableForMutation: true, preferGetForPersistedQueries: false, generateHash: trustedDocumentId }), fetchExchange],
    fetchOptions: () => ({ headers: { authorization: `Bearer ${accessToken()}` } }),
    requestPolicy: 'network-only',
    ...(fetch ? { fetch } : {}),
  });
}

/** The home page: the citizen's identity, civil acts and latest dossiers of every ministry (partial if one is down). */
export async function loadMyDashboard(client: Client): Promise<MyDashboardQuery['me']> {
  return dataOf(await client.query(MyDashboardDocument, {}).toPromise()).me;
}

/** The procedure catalogue (public). */
export async function loadCatalogue(client: Client): Promise<ProceduresQuery['procedures']> {
  return dataOf(await client.query(ProceduresDocument, {}).toPromise()).procedures;
}

/**
 * Asks for copies of a civil act. Keep `idempotencyKey` with the form (one per submission, e.g. crypto.randomUUID()):
 * sending it again after a timeout returns the same request instead of filing a second one.
 */
export async function requestCivilActCopy(client: Client, input: CivilActCopyInput, idempotencyKey: string): Promise<RequestCivilActCopyMutation['requestCivilActCopy']> {
  return dataOf(await client.mutation(RequestCivilActCopyDocument, { input, idempotencyKey }).toPromise()).requestCivilActCopy;
}

/** One paper of an application, as the form holds it before upload. */
export interface DocumentToFile {
  readonly kind: DocumentKind;
  readonly file: Blob;
  readonly filename: string;
}

export interface DocumentUploadTarget {
  /** The gateway's upload endpoint, e.g. https://guichet.gouv.tg/documents. */
  readonly url: string;
  /** The same token as the GraphQL client's. */
  readonly accessToken: () => string;
  /** Another fetch (instrumentation, tests). Default: the global fetch. */
  readonly fetch?: typeof fetch;
}

/**
 * Files an energy & mines application with its documents: each file uploaded (POST /documents, in parallel — the
 * gateway allows a dossier's papers at once), then the shipped mutation by its trusted-document id with
 * `documents: [{ kind, id }]`. For a company, `input.company` carries its NIF and RCCM and `applicantNiu` is the
 * representative signed in. Keep `idempotencyKey` with the form: a retry after a timeout files once, and the same
 * uploads are accepted again for it (upload again only for another application).
 */
export async function fileEnergyMinesApplication(
  client: Client,
  uploads: DocumentUploadTarget,
  input: Omit<EnergyMinesApplicationInput, 'documents'>,
  files: readonly DocumentToFile[],
  idempotencyKey: string,
): Promise<SubmitEnergyMinesApplicationMutation['submitEnergyMinesApplication']> {
  const documents = await Promise.all(files.map(async ({ kind, file, filename }) => ({ kind, id: (await uploadDocument({ ...uploads, kind, file, filename })).id })));
  return dataOf(await client.mutation(SubmitEnergyMinesApplicationDocument, { input: { ...input, documents }, idempotencyKey }).toPromise()).submitEnergyMinesApplication;
}

/** An energy & mines application with the documents the ministry holds for it (empty while it waits in the queue). */
export async function loadApplicationDocuments(client: Client, reference: string): Promise<EnergyMinesApplicationDocumentsQuery['energyMinesApplication']> {
  return dataOf(await client.query(EnergyMinesApplicationDocumentsDocument, { reference }).toPromise()).energyMinesApplication;
}
