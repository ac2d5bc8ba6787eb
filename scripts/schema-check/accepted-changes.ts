import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** One breaking change a maintainer has accepted on purpose, with why and when. */
export interface AcceptedChange {
  /** Schema coordinate, as schema:check prints it (e.g. `Procedure.ministry`). */
  readonly path: string;
  /** Change kind, as schema:check prints it (e.g. `FIELD_REMOVED`). */
  readonly type: string;
  /** Why clients can live with it (who was told, which clients were checked). */
  readonly reason: string;
  /** When it was accepted, YYYY-MM-DD. */
  readonly date: string;
}

const acceptedChangesSchema = z
  .object({
    accepted: z.array(
      z
        .object({
          path: z.string().min(1),
          type: z.string().regex(/^[A-Z][A-Z_]+$/, 'expected a change kind such as FIELD_REMOVED'),
          reason: z.string().trim().min(10, 'say why clients can live with this change (10 characters at least)'),
          date: z.iso.date('expected a date YYYY-MM-DD'),
        })
        .strict(),
    ),
  })
  .strict();

/** Why the accepted-changes file cannot be used, phrased for the maintainer who edits it. */
export class AcceptedChangesError extends Error {
  override readonly name = 'AcceptedChangesError';
}

/** Checks the parsed JSON of the accepted-changes file. */
export function parseAcceptedChanges(value: unknown, source = 'accepted changes'): AcceptedChange[] {
  const parsed = acceptedChangesSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new AcceptedChangesError(`${source} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return parsed.data.accepted;
}

/** Reads the accepted-changes file; a missing file accepts nothing. */
export function readAcceptedChanges(path: string): AcceptedChange[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new AcceptedChangesError(`${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AcceptedChangesError(`${path} is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  return parseAcceptedChanges(json, path);
}
