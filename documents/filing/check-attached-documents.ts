import { documentKindLabels, FieldErrorCode, type DocumentKind, type FieldError, type RequiredDocument } from '../../schema/index.js';
import type { DocumentStore } from '../storage/index.js';

/** A document named in a filing: its kind for this procedure, and the id `POST /documents` answered. */
export interface AttachedDocument {
  readonly kind: DocumentKind;
  readonly id: string;
}

export interface AttachedDocumentsCheck {
  readonly required: readonly RequiredDocument[];
  readonly attached: readonly AttachedDocument[];
  /** The caller's token subject: only their own uploads may be filed. */
  readonly ownerSubject: string;
  readonly store: DocumentStore;
  /** Where the list sits in the mutation's arguments (`['input', 'documents']`), for the field errors' paths. */
  readonly path: readonly (string | number)[];
}

/**
 * Checks the documents of a filing before anything is filed, and answers every problem at once, each a field error
 * (French) at its place in the list: every required kind given as a file present (the message names what is missing), no kind the
 * procedure does not ask for, no id twice, each id an upload of the caller's own, of the kind it is filed as, not
 * already filed with another application. Another user's id reads as an unknown one: its existence is not told.
 */
export async function checkAttachedDocuments({ required, attached, ownerSubject, store, path }: AttachedDocumentsCheck): Promise<readonly FieldError[]> {
  const problems: FieldError[] = [];
  // A kind the input gives as a field (an act number) is neither required nor accepted as a file.
  const files = required.filter((document) => document.givenAs === 'file');
  const fieldKinds = new Set(required.filter((document) => document.givenAs === 'field').map((document) => document.kind));
  const requiredKinds = new Set(files.map((document) => document.kind));
  const given = new Set(attached.map((document) => document.kind));
  const missing = files.filter((document) => !given.has(document.kind));
  if (missing.length > 0) {
    problems.push({ path, code: FieldErrorCode.REQUIRED, message: `Pièces manquantes : ${missing.map((document) => document.detail ?? document.label).join(' ; ')}.` });
  }
  const seen = new Set<string>();
  for (const [index, document] of attached.entries()) {
    const at = [...path, index];
    if (fieldKinds.has(document.kind)) {
      problems.push({ path: [...at, 'kind'], code: FieldErrorCode.INVALID, message: `« ${documentKindLabels[document.kind]} » se renseigne dans le formulaire de la demande, pas en pièce jointe.` });
      continue;
    }
    if (!requiredKinds.has(document.kind)) {
      problems.push({ path: [...at, 'kind'], code: FieldErrorCode.INVALID, message: `Cette démarche ne demande pas la pièce « ${documentKindLabels[document.kind]} ».` });
      continue;
    }
    if (seen.has(document.id)) {
      problems.push({ path: [...at, 'id'], code: FieldErrorCode.INVALID, message: 'Ce document est déjà joint à cette demande.' });
      continue;
    }
    seen.add(document.id);
    const stored = await store.find(document.id);
    if (stored === undefined || stored.owner.subject !== ownerSubject) {
      problems.push({ path: [...at, 'id'], code: FieldErrorCode.INVALID, message: 'Document introuvable parmi ceux que vous avez déposés : déposez-le à nouveau.' });
    } else if (stored.kind !== document.kind) {
      problems.push({
        path: [...at, 'kind'],
        code: FieldErrorCode.INVALID,
        message: `Ce document a été déposé comme « ${documentKindLabels[stored.kind]} », pas comme « ${documentKindLabels[document.kind]} ».`,
      });
    }
  }
  return problems;
}
