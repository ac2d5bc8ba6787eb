import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { readAcceptedChanges } from './accepted-changes.js';
import { checkCompatibility } from './check-compatibility.js';
import { formatReport } from './format-report.js';
import { acceptedChangesPath } from './schema-check-paths.js';

/**
 * What `npm run compose` asks before overwriting the committed supergraph: the report, when the new one breaks
 * clients in a way no entry of schema/accepted-changes.json accepts; undefined when it may be written. Without this,
 * regenerating the committed file would silently turn any breaking change into the new baseline.
 */
export async function refuseUnacceptedBreaks(committedPath: string, nextSupergraphSdl: string): Promise<string | undefined> {
  if (!existsSync(committedPath)) return undefined;
  const acceptedPath = acceptedChangesPath();
  const report = await checkCompatibility({ baselineSupergraphSdl: readFileSync(committedPath, 'utf8'), candidateSupergraphSdl: nextSupergraphSdl, accepted: readAcceptedChanges(acceptedPath) });
  if (report.refused.length === 0) return undefined;
  const { text } = formatReport(
    { ...report, upToDate: true },
    { baselineLabel: relative(process.cwd(), committedPath) || committedPath, acceptedLabel: relative(process.cwd(), acceptedPath) || acceptedPath, today: new Date().toISOString().slice(0, 10) },
  );
  return `${text}compose: ${relative(process.cwd(), committedPath) || committedPath} left unchanged.\n`;
}
