import { GraphQLError } from 'graphql';
import type { Principal } from '../../../auth/index.js';
import { checkAttachedDocuments, type AttachedDocument, type DocumentStore } from '../../../documents/index.js';
import { findProcedure, FieldErrorCode } from '../../../schema/index.js';
import { fieldsInputError } from '../input/index.js';

/** What filing with documents needs of a request's context (every `MinistryContext` has it). */
export interface DocumentsContext {
  readonly principal: Principal;
  /** Present for a ministry whose definition declares its documents (`MinistrySubgraph.documents`). */
  readonly documents?: DocumentStore;
}

const documentsPath = ['input', 'documents'] as const;

function storeOf(ctx: DocumentsContext): DocumentStore {
  // The definition declares the store (its ministry.ts): absent only if that wiring is broken.
  if (ctx.documents === undefined) throw new GraphQLError('documents store not configured', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  return ctx.documents;
}

/** Before anything is filed: the procedure's required documents, each the caller's own upload of that kind. */
export async function checkDocuments(ctx: DocumentsContext, procedureCode: string, documents: readonly AttachedDocument[]): Promise<void> {
  const problems = await checkAttachedDocuments({
    required: findProcedure(procedureCode)?.documents ?? [],
    attached: documents,
    ownerSubject: ctx.principal.subject,
    store: storeOf(ctx),
    path: documentsPath,
  });
  if (problems.length > 0) throw fieldsInputError(problems);
}

/**
 * Marks the documents as filed with this application (its external reference: the same for a retry with the same
 * idempotency key), all or none. One already filed with another application is refused, and nothing is filed.
 */
export async function fileDocuments(ctx: DocumentsContext, documents: readonly AttachedDocument[], externalReference: string): Promise<void> {
  const refused = new Set(
    await storeOf(ctx).markReferenced(
      documents.map((document) => document.id),
      externalReference,
    ),
  );
  if (refused.size === 0) return;
  throw fieldsInputError(
    documents.flatMap((document, index) =>
      refused.has(document.id)
        ? [{ path: [...documentsPath, index, 'id'], code: FieldErrorCode.INVALID, message: 'Ce document est déjà joint à une autre demande : déposez-le à nouveau pour celle-ci.' }]
        : [],
    ),
  );
}
