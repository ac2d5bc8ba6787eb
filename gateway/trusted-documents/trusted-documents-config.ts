import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError, envInt } from '../../lib/config/index.js';
import { documentsById, ManifestError, readManifest, type ManifestOperation } from './manifest.js';
import { defaultManifestPath } from './package-paths.js';
import type { TrustedDocumentsMode } from './trusted-documents-plugin.js';

const commaList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  );

export const trustedDocumentsEnvSchema = z.object({
  /** Default: `enforce` in production, `allow-arbitrary` otherwise. */
  TRUSTED_DOCUMENTS_MODE: z.enum(['off', 'allow-arbitrary', 'enforce'], { error: 'expected off, allow-arbitrary or enforce' }).optional(),
  /** Relative paths are taken from the working directory. Default: clients/trusted-documents.json at the package root. */
  TRUSTED_DOCUMENTS_PATH: z.string().min(1, 'must not be empty').optional(),
  /** Comma-separated OAuth client ids allowed to send any document in enforce mode. Default: none. */
  TRUSTED_DOCUMENTS_OPEN_CLIENTS: commaList,
  /** `max-age` of public GET responses (the catalogue). */
  HTTP_CACHE_PUBLIC_MAX_AGE_SECONDS: envInt(300, 0),
});

export type TrustedDocumentsEnv = z.infer<typeof trustedDocumentsEnvSchema>;

export interface TrustedDocumentsOptions {
  readonly mode: TrustedDocumentsMode;
  /** Where the manifest was read from (undefined in `off` mode). */
  readonly manifestPath?: string;
  /** The manifest by id; empty in `off` mode. */
  readonly documents: ReadonlyMap<string, ManifestOperation>;
  readonly openClients: readonly string[];
  readonly publicMaxAgeSeconds: number;
}

/** Resolves the mode and reads the manifest once, at start-up; an unusable manifest is a ConfigError. */
export function trustedDocumentsOptionsFromEnv(env: TrustedDocumentsEnv, nodeEnv: 'development' | 'production' | 'test', service = 'gateway'): TrustedDocumentsOptions {
  const mode = env.TRUSTED_DOCUMENTS_MODE ?? (nodeEnv === 'production' ? 'enforce' : 'allow-arbitrary');
  const common = { mode, openClients: env.TRUSTED_DOCUMENTS_OPEN_CLIENTS, publicMaxAgeSeconds: env.HTTP_CACHE_PUBLIC_MAX_AGE_SECONDS };
  if (mode === 'off') return { ...common, documents: new Map() };
  const manifestPath = env.TRUSTED_DOCUMENTS_PATH === undefined ? defaultManifestPath() : resolve(env.TRUSTED_DOCUMENTS_PATH);
  try {
    return { ...common, manifestPath, documents: documentsById(readManifest(manifestPath)) };
  } catch (error) {
    if (error instanceof ManifestError) throw new ConfigError(service, [`TRUSTED_DOCUMENTS_PATH: ${error.message}`]);
    throw error;
  }
}
