import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Existing } from './parse-args.js';
import { registryFile } from './registry-row.js';

const all = (text: string, pattern: RegExp): string[] => [...text.matchAll(pattern)].map((m) => m[1] ?? '');

/**
 * What the repository at `root` already has, read from the text of its ministry registry (so `--root` sees its own
 * copy), plus the subgraph folders and the other services' ports (the stack's catalog).
 */
export function readExisting(root: string): Existing {
  const read = (path: string) => (existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : '');
  const registry = read(registryFile);
  const rows = registry.split(/^ {2}\{\n/m).slice(1);
  const subgraphsDir = join(root, 'subgraphs');
  const folders = existsSync(subgraphsDir)
    ? readdirSync(subgraphsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && d.name !== 'shared')
        .map((d) => d.name)
    : [];
  return {
    subgraphs: [...new Set([...folders, ...all(registry, /subgraph: \{ name: '([a-z0-9-]+)'/g)])],
    legacySystems: all(registry, /system: \{\n\s+code: '([a-z0-9]+)',/g),
    referencePrefixes: all(registry, /referencePrefix: '([A-Z]+)'/g),
    ministryCodes: rows.flatMap((row) => all(row, /^ {4}code: '([A-Z_0-9]+)',$/gm).slice(0, 1)),
    connectedMinistryCodes: rows.filter((row) => /^ {4}system: \{$/m.test(row)).flatMap((row) => all(row, /^ {4}code: '([A-Z_0-9]+)',$/gm).slice(0, 1)),
    typeNames: all(registry, /dossierType: '([A-Za-z0-9]+)'/g),
    ports: [
      ...all(registry, /legacyPort: (\d+)/g),
      ...all(registry, /subgraph: \{ name: '[a-z0-9-]+', port: (\d+)/g),
      // The services that are no ministry's (identity provider, witness, dossiers, supervision, gateway).
      ...all(read('scripts/stack/service-catalog.ts'), /defaultPort: (\d+)/g),
    ].map(Number),
  };
}
