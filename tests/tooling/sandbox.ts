import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repo } from './repo.js';

/** The configuration the checks read, copied as is: a sandbox is checked by exactly the rules of the repository. */
const configFiles = ['package.json', 'tsconfig.json', '.gitignore', 'biome.jsonc', '.dependency-cruiser.cjs'];

export interface Sandbox {
  readonly path: string;
  remove(): void;
}

/**
 * A throw-away directory outside the repository holding the checks' configuration, a link to the repository's
 * node_modules and `files` (path → content): planted files never sit where another test or check could see them.
 */
export function createSandbox(prefix: string, files: Readonly<Record<string, string>>): Sandbox {
  const path = mkdtempSync(join(tmpdir(), `guichet-${prefix}-`));
  const remove = () => rmSync(path, { recursive: true, force: true });
  try {
    for (const file of configFiles) copyFileSync(join(repo, file), join(path, file));
    symlinkSync(join(repo, 'node_modules'), join(path, 'node_modules'), 'dir');
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(dirname(join(path, file)), { recursive: true });
      writeFileSync(join(path, file), content);
    }
  } catch (error) {
    remove();
    throw error;
  }
  return { path, remove };
}
