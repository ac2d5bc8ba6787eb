import { DocumentRefusal } from './document-refusal.js';

/** Longest file name kept (most file systems' limit, in UTF-16 units: a name is only ever a label here). */
const maxFilenameLength = 255;

/**
 * A client's file name is only a label (the stored name is the content's hash), but a name with a path separator or
 * a control character is a sign of a forged request or a path-traversal attempt, and it would reach the ministry's
 * system as is: refuse it rather than clean it.
 */
export function checkFilename(filename: string | undefined): void {
  if (filename === undefined || filename === '') return;
  if (filename.length > maxFilenameLength) throw refused('filename too long', 'Le nom du fichier est trop long (255 caractères au plus).');
  if (/[/\\]/.test(filename)) throw refused('filename with a path separator', 'Le nom du fichier ne doit pas contenir de séparateur de chemin (/ ou \\).');
  if (/\p{Cc}|\p{Cf}/u.test(filename)) throw refused('filename with a control or format character', 'Le nom du fichier ne doit pas contenir de caractère de contrôle.');
  if (filename === '.' || filename === '..') throw refused('filename is a relative path', 'Le nom du fichier n’est pas valide.');
}

function refused(reason: string, message: string): DocumentRefusal {
  return new DocumentRefusal('BAD_USER_INPUT', reason, { message, details: { fields: [{ path: ['file', 'filename'], code: 'INVALID', message }] } });
}
