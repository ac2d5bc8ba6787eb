import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { DocumentKind } from '../../schema/index.js';

/** One document uploaded for a submission: what it is filed as, and the sha256 SIGEM must then hold once. */
export interface SoakDocument {
  readonly kind: DocumentKind;
  readonly id: string;
  readonly sha256: string;
}

export type UploadOutcome =
  | { readonly kind: 'uploaded'; readonly documents: readonly SoakDocument[]; readonly retryCauses: readonly string[] }
  | { readonly kind: 'refused'; readonly code: string; readonly message: string; readonly retryCauses: readonly string[] }
  | { readonly kind: 'abandoned'; readonly retryCauses: readonly string[] };

/** A one-page PDF naming the submission and the kind: each file of the soak has bytes of its own (its own sha256). */
async function soakPdf(label: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  // No dates in the file: the same label gives the same bytes.
  pdf.setCreationDate(new Date(0));
  pdf.setModificationDate(new Date(0));
  const page = pdf.addPage([595, 842]);
  page.drawText(label, { x: 50, y: 780, size: 12, font: await pdf.embedFont(StandardFonts.Helvetica) });
  return pdf.save();
}

/** Statuses a well-behaved client retries: the gateway killed under it (5xx, no answer), busy (429, 503), too slow (408). */
const retried = new Set([408, 429, 500, 502, 503, 504]);

/**
 * Uploads a submission's documents as the portal does (multipart POST /documents with the citizen's token), each
 * retried like a filing until `giveUpAt`: the gateway may be killed mid-upload. An upload whose answer was lost is
 * simply made again: the first one, referenced by nothing, is the sweep's.
 */
export async function uploadSoakDocuments(
  gatewayUrl: string,
  token: () => Promise<string>,
  label: string,
  kinds: readonly DocumentKind[],
  giveUpAt: number,
  timeoutMs: number,
): Promise<UploadOutcome> {
  const retryCauses: string[] = [];
  const url = new URL('/documents', gatewayUrl).toString();
  // In parallel, as the portal uploads a dossier's papers (the gateway allows 12 uploads in progress per caller).
  const results = await Promise.all(kinds.map((kind) => uploadOne(url, token, `${label} ${kind}`, kind, giveUpAt, timeoutMs, retryCauses)));
  const refused = results.find((r) => r.kind === 'refused');
  if (refused !== undefined) return { ...refused, retryCauses };
  if (results.some((r) => r.kind === 'abandoned')) return { kind: 'abandoned', retryCauses };
  return { kind: 'uploaded', documents: results.flatMap((r) => (r.kind === 'uploaded' ? [r.document] : [])), retryCauses };
}

type OneUpload = { readonly kind: 'uploaded'; readonly document: SoakDocument } | { readonly kind: 'refused'; readonly code: string; readonly message: string } | { readonly kind: 'abandoned' };

async function uploadOne(url: string, token: () => Promise<string>, label: string, kind: DocumentKind, giveUpAt: number, timeoutMs: number, retryCauses: string[]): Promise<OneUpload> {
  const bytes = await soakPdf(label);
  for (let attempt = 1; ; attempt += 1) {
    let cause: string;
    try {
      const form = new FormData();
      form.append('kind', kind);
      form.append('file', new Blob([bytes], { type: 'application/pdf' }), `${kind.toLowerCase()}.pdf`);
      const response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${await token()}` }, body: form, signal: AbortSignal.timeout(timeoutMs) });
      const body = (await response.json().catch(() => ({}))) as { id?: string; sha256?: string; errors?: { message?: string; extensions?: { code?: string } }[] };
      if (response.status === 201 && body.id && body.sha256) {
        // The stored bytes are the sent ones (a PDF is kept as is): what SIGEM must hold.
        if (body.sha256 !== createHash('sha256').update(bytes).digest('hex')) throw new Error(`upload of ${kind}: stored sha256 differs from the sent bytes`);
        return { kind: 'uploaded', document: { kind, id: body.id, sha256: body.sha256 } };
      }
      const code = body.errors?.[0]?.extensions?.code ?? `http:${response.status}`;
      if (!retried.has(response.status)) return { kind: 'refused', code, message: body.errors?.[0]?.message ?? '' };
      cause = `upload:${code}`;
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('upload of')) throw error;
      // `fetch failed` says nothing: its cause's code (ECONNREFUSED, ECONNRESET) or a timeout does.
      const code = error instanceof Error ? ((error.cause as { code?: string } | undefined)?.code ?? error.name) : 'error';
      cause = `upload:network:${code}`;
    }
    retryCauses.push(cause);
    const delayMs = Math.min(3_000, 150 * 2 ** Math.min(attempt - 1, 10)) * (0.5 + Math.random() / 2);
    if (Date.now() + delayMs >= giveUpAt) return { kind: 'abandoned' };
    await sleep(delayMs);
  }
}
