import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Existing } from './parse-args.js';

/** The block of `text` from `start` to the next `end`, or ''. */
function block(text: string, start: string, end: string): string {
  const at = text.indexOf(start);
  if (at < 0) return '';
  const stop = text.indexOf(end, at);
  return text.slice(at, stop < 0 ? undefined : stop);
}

/** What the repository at `root` already has, read from the tables themselves (so `--root` sees its own copy). */
export function readExisting(root: string): Existing {
  const read = (path: string) => (existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : '');
  const systems = block(read('schema/legacy-systems.ts'), 'export const legacySystems', '] as const');
  const prefixes = block(read('schema/references.ts'), 'export const ReferencePrefix', '} as const');
  const codes = block(read('schema/procedures.ts'), 'export const MinistryCode', '} as const');
  const catalog = read('scripts/stack/service-catalog.ts');
  const subgraphsDir = join(root, 'subgraphs');
  return {
    subgraphs: existsSync(subgraphsDir) ? readdirSync(subgraphsDir, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'shared').map((d) => d.name) : [],
    legacySystems: [...systems.matchAll(/^\s+'([a-z0-9]+)',/gm)].map((m) => m[1] ?? ''),
    referencePrefixes: [...prefixes.matchAll(/^\s+([A-Z]+): '/gm)].map((m) => m[1] ?? ''),
    ministryCodes: [...codes.matchAll(/^\s+([A-Z_0-9]+): '/gm)].map((m) => m[1] ?? ''),
    ports: [...catalog.matchAll(/defaultPort: (\d+)/g)].map((m) => Number(m[1])),
  };
}
