import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One client document file: `clients/operations/<OperationName>.graphql`. */
export interface OperationSource {
  readonly file: string;
  readonly text: string;
}

/** Every `.graphql` file of a folder, by file name. */
export function readOperationSources(directory: string): OperationSource[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => ({ file: name, text: readFileSync(join(directory, name), 'utf8') }));
}
