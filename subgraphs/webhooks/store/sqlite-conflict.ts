import { WebhookConflictError } from './webhook-conflict-error.js';

/** A constraint (better-sqlite3's `SqliteError` code) the caller's write broke (a taken id, a missing webhook) as a conflict; null for any other failure. */
export function sqliteConflict(error: Error & { readonly code: string }): WebhookConflictError | null {
  if (!error.code.startsWith('SQLITE_CONSTRAINT')) return null;
  const what = error.code === 'SQLITE_CONSTRAINT_FOREIGNKEY' ? 'the webhook does not exist' : error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ? 'the id is already taken' : error.message;
  return new WebhookConflictError(`webhook store refused the write: ${what}`, { cause: error });
}
