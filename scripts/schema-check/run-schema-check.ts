import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { supergraphPath } from '../../gateway/trusted-documents/index.js';
import { readAcceptedChanges } from './accepted-changes.js';
import { checkCompatibility } from './check-compatibility.js';
import { formatReport, type FormattedReport } from './format-report.js';
import { acceptedChangesPath } from './schema-check-paths.js';
import { staleGeneratedFiles } from './stale-generated-files.js';

export interface SchemaCheckOptions {
  /** The supergraph clients were built against. Default: the committed schema/supergraph.graphql. */
  readonly baselinePath?: string;
  /** A supergraph file to check instead of what the code composes to (a candidate from elsewhere). */
  readonly candidatePath?: string;
  /** Default: schema/accepted-changes.json. */
  readonly acceptedPath?: string;
  /** Today, YYYY-MM-DD (suggested entries). Default: the current UTC date. */
  readonly today?: string;
}

const shown = (path: string) => relative(process.cwd(), path) || path;

/**
 * `npm run schema:check`: composes the supergraph from the code and compares its API schema with the committed one;
 * also requires the committed supergraph, the schema reference and the typed client documents to be up to date.
 */
export async function runSchemaCheck(options: SchemaCheckOptions = {}): Promise<FormattedReport> {
  const baselinePath = options.baselinePath ?? supergraphPath();
  const acceptedPath = options.acceptedPath ?? acceptedChangesPath();
  const baselineSupergraphSdl = readFileSync(baselinePath, 'utf8');
  // Composing loads every subgraph's code: only when no candidate file is given.
  const candidateSupergraphSdl = options.candidatePath ? readFileSync(options.candidatePath, 'utf8') : (await (await import('../build-supergraph.js')).buildSupergraph()).supergraphSdl;
  const report = await checkCompatibility({ baselineSupergraphSdl, candidateSupergraphSdl, accepted: readAcceptedChanges(acceptedPath) });
  // Two files compared (`--baseline`/`--candidate`): compatibility only. Otherwise the repository itself: the
  // committed supergraph must also be what the code composes to, and the files generated from it current.
  const repository = options.baselinePath === undefined && options.candidatePath === undefined;
  const staleFiles = repository ? await staleGeneratedFiles(baselineSupergraphSdl) : [];
  return formatReport(repository ? report : { ...report, upToDate: true }, {
    baselineLabel: shown(baselinePath),
    ...(options.candidatePath === undefined ? {} : { candidateLabel: shown(options.candidatePath) }),
    acceptedLabel: shown(acceptedPath),
    staleFiles,
    today: options.today ?? new Date().toISOString().slice(0, 10),
  });
}
