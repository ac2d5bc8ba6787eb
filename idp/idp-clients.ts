import { z } from 'zod';
import { integratorScopes, type IntegratorScope } from '../auth/index.js';

/** An integrator's OAuth client, allowed the client-credentials grant for at most `scopes`. */
export interface IdpClient {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly scopes: readonly IntegratorScope[];
}

/**
 * Seeded clients for development (secrets public on purpose, as in docs/security.md). Override with IDP_CLIENTS in any
 * shared environment.
 */
export const defaultIdpClients: readonly IdpClient[] = [
  { clientId: 'integrateur-demo', clientSecret: 'secret-demo-lecture-a-changer', scopes: ['citizens:read', 'dossiers:read'] },
  { clientId: 'integrateur-depot', clientSecret: 'secret-demo-depot-a-changer', scopes: ['dossiers:read', 'dossiers:write'] },
];

const clientSchema = z.strictObject({
  client_id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'expected 1 to 64 letters, digits, dots, dashes or underscores'),
  client_secret: z.string().min(16, 'expected at least 16 characters'),
  scopes: z.array(z.enum(integratorScopes, { error: `expected scopes among ${integratorScopes.join(', ')}` })).min(1, 'expected at least one scope'),
});

/**
 * Parses IDP_CLIENTS: a JSON array of `{"client_id", "client_secret", "scopes": [...]}` (one object alone is accepted).
 * Error messages name the client and the field, never a secret.
 */
export function parseIdpClients(json: string): IdpClient[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error('not valid JSON (expected [{"client_id":"…","client_secret":"…","scopes":["dossiers:read"]}])');
  }
  const entries = Array.isArray(value) ? value : [value];
  if (entries.length === 0) throw new Error('expected at least one client');
  const clients = entries.map((entry, index) => {
    const parsed = clientSchema.safeParse(entry);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`client #${index + 1}: ${issue?.path.join('.') || 'entry'}: ${issue?.message ?? 'invalid'}`);
    }
    return { clientId: parsed.data.client_id, clientSecret: parsed.data.client_secret, scopes: [...new Set(parsed.data.scopes)] };
  });
  const ids = clients.map((c) => c.clientId);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate !== undefined) throw new Error(`client_id "${duplicate}" declared twice`);
  return clients;
}
