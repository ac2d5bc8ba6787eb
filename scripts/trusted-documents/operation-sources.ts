import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { operationsDirectory } from '../../gateway/trusted-documents/index.js';
import { readOperationSources, type OperationSource } from './read-operation-sources.js';
import { connectedMinistries } from '../../schema/index.js';

/** One shipped operation file, with the folder it was found in (relative to the package root, for messages). */
export interface LocatedOperationSource extends OperationSource {
  readonly directory: string;
}

/** The package root: the folder above `clients/operations/`. */
export const packageRoot = (): string => dirname(dirname(operationsDirectory()));

/**
 * Where the shipped clients' operations live: `clients/operations/`, then each ministry subgraph's own `operations/`
 * folder (`subgraphs/<name>/operations/`, where `npm run new:ministry` writes the portal's submission document), for
 * every connected ministry of the registry that has one.
 */
export function operationDirectories(root: string = packageRoot()): string[] {
  const ministries = connectedMinistries.map((m) => join(root, 'subgraphs', m.subgraph.name, 'operations')).filter((dir) => existsSync(dir));
  return [join(root, 'clients', 'operations'), ...ministries];
}

/**
 * Every shipped operation, from all those folders, sorted by file name (what the trusted-documents manifest, the typed
 * clients and `schema:check` are built from). Two files of the same name are refused: operation names are the
 * documents' identity.
 */
export function readShippedOperations(root: string = packageRoot()): LocatedOperationSource[] {
  const found = operationDirectories(root).flatMap((directory) => readOperationSources(directory).map((source) => ({ ...source, directory: relative(root, directory) })));
  const seen = new Map<string, string>();
  for (const source of found) {
    const other = seen.get(source.file);
    if (other !== undefined) throw new Error(`two shipped operations named ${source.file}: in ${other}/ and ${source.directory}/`);
    seen.set(source.file, source.directory);
  }
  return found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** The text of one shipped operation by name (`DossierStatus`), wherever it lives. Throws when there is none. */
export function readShippedOperation(name: string, root: string = packageRoot()): string {
  for (const directory of operationDirectories(root)) {
    const path = join(directory, `${name}.graphql`);
    if (existsSync(path)) return readFileSync(path, 'utf8');
  }
  throw new Error(
    `no shipped operation named ${name} (in ${operationDirectories(root)
      .map((d) => relative(root, d) || '.')
      .join(', ')})`,
  );
}
