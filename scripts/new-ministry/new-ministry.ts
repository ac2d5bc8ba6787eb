import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedFiles } from './generated-files.js';
import { render, tokensOf, type MinistrySpec } from './ministry-spec.js';
import { addToRegistry, registryFile, type RegistryChange } from './registry-row.js';

export interface ScaffoldReport {
  readonly created: readonly string[];
  /** Files already there, left untouched. */
  readonly kept: readonly string[];
  /** What became of the ministry's registry row: added, completed (a catalogue-only ministry's), already there. */
  readonly registry: RegistryChange;
}

const templatesDir = fileURLToPath(new URL('./templates/', import.meta.url));

/**
 * Writes the new ministry's three folders from the templates and its one row of the ministry registry
 * (`schema/ministries.ts`), from which every per-ministry list of the house is derived: nothing else is written.
 * Never overwrites a file, never adds the row twice: running it again after a partial run completes it. `dryRun`
 * writes nothing and reports what would be done.
 */
export function scaffoldMinistry(spec: MinistrySpec, { root, dryRun }: { readonly root: string; readonly dryRun: boolean }): ScaffoldReport {
  // The registry first, in memory: a registry without its marker stops the run before any file is written.
  const registryPath = join(root, registryFile);
  const registry = addToRegistry(readFileSync(registryPath, 'utf8'), spec);
  const tokens = tokensOf(spec);
  const created: string[] = [];
  const kept: string[] = [];
  for (const file of generatedFiles(spec)) {
    const target = join(root, file.path);
    if (existsSync(target)) {
      kept.push(file.path);
      continue;
    }
    const text = render(readFileSync(join(templatesDir, file.template), 'utf8'), tokens);
    const leftover = /__[A-Za-z]+(?:_[A-Za-z]+)*__/.exec(text.replace(/__typename|__resolveReference/g, ''));
    if (leftover) throw new Error(`template ${file.template} has an unknown token ${leftover[0]}`);
    if (!dryRun) {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
    created.push(file.path);
  }
  if (!dryRun && registry.change !== 'present') writeFileSync(registryPath, registry.content);
  return { created, kept, registry: registry.change };
}
