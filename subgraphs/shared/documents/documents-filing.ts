import type { AttachedDocument } from '../../../documents/index.js';
import { checkDocuments, fileDocuments, type DocumentsContext } from './file-documents.js';

/** What a filing mutation does with its optional `documents` (spread `filing` into `ctx.submit`, call `check` in `payload`). */
export interface DocumentsFiling {
  /** With the procedure's other checks, in the filing's `payload`: checks the list (when given) and answers the payload's. */
  readonly check: () => Promise<AttachedDocument[]>;
  /** `beforeOutbox` when documents are given: marked as filed with the application just before the outbox. */
  readonly filing: { readonly beforeOutbox?: (externalReference: string) => Promise<void> };
}

/**
 * The documents part of a ministry's filing mutation. `documents` is optional on purpose (docs/documents.md): without
 * it an application is filed as before; with it, every required document must be the caller's own upload of its kind.
 */
export function documentsFiling(ctx: DocumentsContext, procedureCode: string, documents: readonly AttachedDocument[] | null | undefined): DocumentsFiling {
  const list = documents?.map(({ kind, id }) => ({ kind, id })) ?? null;
  return {
    check: async () => {
      if (list) await checkDocuments(ctx, procedureCode, list);
      return list ?? [];
    },
    filing: list ? { beforeOutbox: (externalReference) => fileDocuments(ctx, list, externalReference) } : {},
  };
}
