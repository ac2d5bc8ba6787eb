import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package root: the first folder above this module holding package.json and not named dist (a build may copy a
 * package.json there), from source as from dist/.
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || dir.endsWith('/dist')) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package root not found above lib/files');
    dir = parent;
  }
  return dir;
}

/** `<package root>/<parts…>`. */
export function packagePath(...parts: readonly string[]): string {
  return join(packageRoot(), ...parts);
}

/** `.data/<parts…>` under the package root: where the embedded mode keeps its files by default. */
export function dataPath(...parts: readonly string[]): string {
  return packagePath('.data', ...parts);
}
