import { open, readFile, rename } from 'node:fs/promises';
import { isNotFound } from '../head-anchor.js';

/** `audit.jsonl` → `audit.checkpoint` beside it: the last checkpoint the witness signed, as it signed it. */
export function checkpointCopyPathOf(logPath: string): string {
  return logPath.endsWith('.jsonl') ? `${logPath.slice(0, -'.jsonl'.length)}.checkpoint` : `${logPath}.checkpoint`;
}

/**
 * The copy is a convenience (a signed statement an auditor can take away): never trusted alone. It can only make the
 * gateway refuse (a signed checkpoint the trail falls short of), never vouch for a trail.
 */
export async function readCheckpointCopy(path: string): Promise<string | undefined> {
  try {
    const text = (await readFile(path, 'utf8')).trim();
    return text === '' ? undefined : text;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

export async function writeCheckpointCopy(path: string, jws: string): Promise<void> {
  const temporary = `${path}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(`${jws}\n`);
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
}
