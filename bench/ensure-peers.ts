import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, whether this file runs from dist/ (npm run bench) or from source (vitest). */
export const packageRoot = fileURLToPath(new URL('../', import.meta.url)).replace(/dist\/$/, '');

/** The peers' own npm folder: their package.json, committed lock file, launch script and config. */
export const peersDir = join(packageRoot, 'bench', 'peers');

type LockPackages = Readonly<Record<string, { readonly version?: string; readonly optional?: boolean }>>;

const packagesOf = (path: string): LockPackages => (JSON.parse(readFileSync(path, 'utf8')) as { packages?: LockPackages }).packages ?? {};

/**
 * Whether bench/peers/node_modules holds exactly what the committed lock file names: npm's own record of the
 * installed tree (node_modules/.package-lock.json) against it, version by version; optional packages of other
 * platforms may be absent. However they were installed (`npm run bench:peers`, or by the bench).
 */
export function peersUpToDate(): boolean {
  try {
    const installed = packagesOf(join(peersDir, 'node_modules', '.package-lock.json'));
    return Object.entries(packagesOf(join(peersDir, 'package-lock.json'))).every(
      ([path, entry]) => path === '' || installed[path]?.version === entry.version || (entry.optional === true && installed[path] === undefined),
    );
  } catch {
    return false;
  }
}

/**
 * Installs the peer gateways into bench/peers/node_modules (`npm ci --prefix bench/peers`) when they are missing
 * or differ from the committed lock file; the product's own dependencies are never touched. Resolves with the
 * install's duration, or undefined when nothing was needed.
 */
export async function ensurePeers(log: (line: string) => void): Promise<number | undefined> {
  if (peersUpToDate()) return undefined;
  log('installing the peer gateways (npm ci --prefix bench/peers; once, about a minute and 650 MB)');
  const startedAt = Date.now();
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('npm', ['ci', '--prefix', peersDir, '--no-audit', '--no-fund'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (output.length > 60) output.shift();
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`npm ci --prefix bench/peers failed (exit ${code}):\n${output.join('').slice(-3_000)}`);
  const installMs = Date.now() - startedAt;
  log(`peer gateways installed in ${(installMs / 1000).toFixed(0)} s`);
  return installMs;
}
