import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createWitnessKeyFile, rotateWitnessKeyFile, WitnessKeyError } from './signing/index.js';

const usage = 'usage: npm run witness:key -- create|rotate [key file] (default WITNESS_KEY_PATH, else .data/witness/signing-keys.json)';

/**
 * `npm run witness:key -- create|rotate [path]`: makes the witness's key file (required beforehand in production),
 * or rotates it (a new current key; the old ones keep their public half in the JWKS). Resolves with the exit code.
 */
export async function main(args: readonly string[], env: NodeJS.ProcessEnv = process.env, write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Promise<number> {
  const [command, given] = args;
  const path = resolve(given ?? env.WITNESS_KEY_PATH ?? '.data/witness/signing-keys.json');
  try {
    if (command === 'create') {
      write(`witness key created: ${await createWitnessKeyFile(path)} in ${path}`);
      return 0;
    }
    if (command === 'rotate') {
      const { previous, current } = await rotateWitnessKeyFile(path);
      write(`witness key rotated in ${path}: ${previous} retired (public key kept), ${current} current; restart the witness to sign with it`);
      return 0;
    }
  } catch (error) {
    if (!(error instanceof WitnessKeyError)) throw error;
    write(error.message);
    return 1;
  }
  write(usage);
  return 2;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
