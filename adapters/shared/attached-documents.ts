import { z } from 'zod';
import { isDocumentKind, type DocumentKind } from '../../schema/index.js';

/**
 * The supporting documents filed with an application, by id in Guichet's document store (`POST /documents`): the
 * part of every ministry's payload that the outbox keeps so that the forwarder can send the files. Defaults to none:
 * applications filed without documents (or queued before documents existed) carry an empty list.
 */
export const attachedDocumentsSchema = z
  .array(z.object({ kind: z.custom<DocumentKind>((value) => typeof value === 'string' && isDocumentKind(value), 'Type de pièce inconnu.'), id: z.string().min(1).max(64) }))
  .max(60, 'Trop de pièces jointes.')
  .default([]);

export type AttachedDocuments = z.output<typeof attachedDocumentsSchema>;
