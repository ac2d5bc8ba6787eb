import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Logger } from '../../lib/log/index.js';

/** Several events come for one save (truncate, write, rename): one reload after they stop. */
export const defaultWatchDebounceMs = 200;

/**
 * Calls `onChange` once a burst of changes to the file at `path` has settled. The folder is watched, not the file:
 * an editor or a deployment that writes a new file and renames it over the old one leaves a watch on the file itself
 * on a deleted inode. Kubernetes' ConfigMap volumes swap a `..data` symlink instead: those names count too. Returns
 * a function that stops watching.
 */
export function watchSupergraphFile(path: string, onChange: () => void, log: Logger, debounceMs = defaultWatchDebounceMs): () => void {
  const name = basename(path);
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher;
  try {
    watcher = watch(dirname(path), { persistent: false }, (_event, filename) => {
      const changed = filename?.toString();
      if (changed !== undefined && changed !== name && !changed.startsWith('..')) return;
      clearTimeout(timer);
      timer = setTimeout(onChange, debounceMs);
    });
  } catch (error) {
    log.error({ err: error, path }, 'cannot watch the supergraph file; reload it with SIGHUP');
    return () => undefined;
  }
  watcher.on('error', (error) => log.error({ err: error, path }, 'watching the supergraph file failed; reload it with SIGHUP'));
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
