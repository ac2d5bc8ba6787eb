import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The package root, whether this file runs from dist/ (npm run soak) or from source (vitest). */
const packageRoot = fileURLToPath(new URL('../../', import.meta.url)).replace(/dist\/$/, '');

/** A shipped client document (`clients/operations/<name>.graphql`): the soak files exactly what the portal sends. */
export function loadOperation(name: string): string {
  return readFileSync(`${packageRoot}clients/operations/${name}.graphql`, 'utf8');
}
