import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { documentId } from './document-id.js';

/** Apollo's persisted query manifest format (what `@apollo/generate-persisted-query-manifest` writes and GraphOS reads). */
export interface PersistedQueryManifest {
  readonly format: 'apollo-persisted-query-manifest';
  readonly version: 1;
  readonly operations: readonly ManifestOperation[];
}

export interface ManifestOperation {
  /** SHA-256 of `body`, lowercase hex. */
  readonly id: string;
  readonly name: string;
  readonly type: 'query' | 'mutation' | 'subscription';
  /** The exact document text clients' ids refer to. */
  readonly body: string;
}

const manifestSchema = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  version: z.literal(1),
  operations: z.array(
    z.object({
      id: z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase hex SHA-256'),
      name: z.string().min(1),
      type: z.enum(['query', 'mutation', 'subscription']),
      body: z.string().min(1),
    }),
  ),
});

/** Why a manifest cannot be used, phrased for an operator. */
export class ManifestError extends Error {
  override readonly name = 'ManifestError';
}

/** Checks a parsed manifest: Apollo's shape, and every id the hash of its body (a hand-edited body would not be trusted by id). */
export function parseManifest(value: unknown): PersistedQueryManifest {
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ManifestError(`not an Apollo persisted query manifest (${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'})`);
  }
  for (const operation of parsed.data.operations) {
    if (documentId(operation.body) !== operation.id) throw new ManifestError(`operation ${operation.name}: id is not the SHA-256 of its body`);
  }
  return parsed.data;
}

/** Reads and checks a manifest file. */
export function readManifest(path: string): PersistedQueryManifest {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ManifestError(`${path}: ${code === 'ENOENT' ? 'file not found (build it with scripts/trusted-documents.ts)' : `cannot be read (${code ?? String(error)})`}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ManifestError(`${path}: not valid JSON`);
  }
  try {
    return parseManifest(json);
  } catch (error) {
    throw error instanceof ManifestError ? new ManifestError(`${path}: ${error.message}`) : error;
  }
}

/** The manifest as a lookup by id. */
export function documentsById(manifest: PersistedQueryManifest): ReadonlyMap<string, ManifestOperation> {
  return new Map(manifest.operations.map((operation) => [operation.id, operation]));
}
