import { resolve } from 'node:path';
import { z } from 'zod';
import { envInt, envMs } from '../lib/config/index.js';
import { dataPath } from '../lib/files/index.js';

/** The documents' variables, shared by the gateway (uploads) and the subgraph that files and forwards them. */
export const documentsEnvSchema = z.object({
  /** Largest document accepted, in bytes (after which the upload is cut). Default 10 MB. */
  DOCUMENTS_MAX_BYTES: envInt(10_000_000, 1_024, 200_000_000),
  /** Time allowed for a whole upload, from its first byte; a slower one is cut. Default 60 s. */
  DOCUMENTS_UPLOAD_DEADLINE_MS: envMs(60_000).refine((v) => v >= 100, 'expected at least 100 ms'),
  /** The filesystem store's folder (embedded mode). Default `.data/documents`. */
  DOCUMENTS_PATH: z.string().min(1, 'must not be empty').optional(),
  /**
   * The documents' PostgreSQL database, when it is not the service's own `DATABASE_URL`: the gateway stores uploads
   * and every ministry subgraph that files and forwards them reads the same store, while each keeps its other stores in
   * a database of its own (one role per component). Default: the service's `DATABASE_URL`.
   */
  DOCUMENTS_DATABASE_URL: z.string().refine(isPostgresUrl, 'expected postgres://user:password@host:port/database (value not shown: it may hold a password)').optional(),
  /** How long an uploaded document no dossier references is kept before the sweep deletes it. Default 24 h. */
  DOCUMENTS_UNREFERENCED_TTL_MS: envMs(86_400_000).refine((v) => v >= 1_000, 'expected at least 1000 ms'),
  /**
   * Uploads one caller may have in progress at once, per gateway process; more are refused (429). Default 12: a portal
   * uploads a dossier's papers in parallel, and the longest list of required documents has 10.
   */
  DOCUMENTS_MAX_UPLOADS_PER_CALLER: envInt(12, 1, 100),
  /** Between two sweeps of unreferenced documents. Default 10 min. */
  DOCUMENTS_SWEEP_INTERVAL_MS: envMs(600_000).refine((v) => v >= 100, 'expected at least 100 ms'),
});

export interface DocumentsConfig {
  readonly maxBytes: number;
  readonly uploadDeadlineMs: number;
  /** Absolute path of the filesystem store. */
  readonly path: string;
  readonly unreferencedTtlMs: number;
  readonly sweepIntervalMs: number;
  readonly maxUploadsPerCaller: number;
  /** The documents' own database (scaled mode), over the service's `DATABASE_URL`. */
  readonly databaseUrl?: string;
}

export function documentsConfigFromEnv(options: z.infer<typeof documentsEnvSchema>): DocumentsConfig {
  return {
    maxBytes: options.DOCUMENTS_MAX_BYTES,
    uploadDeadlineMs: options.DOCUMENTS_UPLOAD_DEADLINE_MS,
    path: options.DOCUMENTS_PATH === undefined ? dataPath('documents') : resolve(options.DOCUMENTS_PATH),
    unreferencedTtlMs: options.DOCUMENTS_UNREFERENCED_TTL_MS,
    sweepIntervalMs: options.DOCUMENTS_SWEEP_INTERVAL_MS,
    maxUploadsPerCaller: options.DOCUMENTS_MAX_UPLOADS_PER_CALLER,
    ...(options.DOCUMENTS_DATABASE_URL === undefined ? {} : { databaseUrl: options.DOCUMENTS_DATABASE_URL }),
  };
}

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}
