import { GuichetRequestError } from '../examples/guichet-request-error.js';

/** What the gateway stored: the id to file with, and the sha256, media type and size of the stored bytes. */
export interface UploadedDocument {
  readonly id: string;
  readonly sha256: string;
  readonly mediaType: string;
  readonly size: number;
}

export interface UploadDocumentOptions {
  /** The gateway's upload endpoint, e.g. https://guichet.gouv.tg/documents. */
  readonly url: string;
  /** The signed-in citizen's access token (the same bearer token as for /graphql). */
  readonly accessToken: () => string;
  /** A `DocumentKind` (SITE_PLAN, IDENTITY_DOCUMENT…): the procedure's required documents say which. */
  readonly kind: string;
  /** The file as the browser's file input or the phone's picker gives it. */
  readonly file: Blob;
  /** A label only (the gateway refuses separators and control characters); the stored name is the content's hash. */
  readonly filename: string;
  /** Another fetch (instrumentation, tests). Default: the global fetch. */
  readonly fetch?: typeof fetch;
}

interface ErrorBody {
  readonly errors?: readonly { readonly message?: string; readonly extensions?: { readonly code?: unknown } }[];
}

/**
 * Uploads one supporting document (`POST /documents`, multipart/form-data: the kind, then the file), the step before
 * filing: the mutation then carries `documents: [{ kind, id }]`. Refusals come in GraphQL's error shape
 * (`DOCUMENT_TOO_LARGE`, `DOCUMENT_TYPE_NOT_ALLOWED`…, docs/documents.md) and throw a `GuichetRequestError` with
 * their codes and the gateway's French message, which the form can show as it is.
 */
export async function uploadDocument({ url, accessToken, kind, file, filename, fetch: send = fetch }: UploadDocumentOptions): Promise<UploadedDocument> {
  const form = new FormData();
  // The kind first: the gateway reads the parts in order and checks the kind before it reads the file.
  form.append('kind', kind);
  form.append('file', file, filename);
  const response = await send(url, { method: 'POST', headers: { authorization: `Bearer ${accessToken()}` }, body: form });
  const body = (await response.json().catch(() => ({}))) as Partial<UploadedDocument> & ErrorBody;
  if (response.status === 201 && typeof body.id === 'string') return body as UploadedDocument;
  const codes = (body.errors ?? []).map((e) => String(e.extensions?.code ?? 'UNKNOWN'));
  // A body that is not Guichet's (a proxy's error page) counts as the network's failure, as in dataOf.
  throw new GuichetRequestError(body.errors?.[0]?.message ?? `dépôt refusé (HTTP ${response.status})`, codes.length > 0 ? codes : ['NETWORK_ERROR']);
}
