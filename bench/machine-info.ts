import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { packageRoot, peersDir } from './ensure-peers.js';

/** The version in `<root>/node_modules/<name>/package.json`, or `not installed`. */
function versionOf(root: string, name: string): string {
  try {
    return (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

function gitCommit(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: packageRoot, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: packageRoot, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${commit} (with uncommitted changes)` : commit;
  } catch {
    return 'unknown';
  }
}

/** What the figures were measured on: the machine, and the version of everything measured. */
export function machineInfo(): Record<string, string> {
  const cpu = cpus();
  return {
    CPU: `${cpu[0]?.model.trim() ?? 'unknown'} (${cpu.length} cores)`,
    memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GB`,
    node: process.version,
    graphql: versionOf(packageRoot, 'graphql'),
    'Guichet commit': gitCommit(),
    "Guichet's @apollo/gateway / @apollo/server": `${versionOf(packageRoot, '@apollo/gateway')} / ${versionOf(packageRoot, '@apollo/server')}`,
    'stock @apollo/gateway / @apollo/server (peer)': `${versionOf(peersDir, '@apollo/gateway')} / ${versionOf(peersDir, '@apollo/server')}`,
    'Hive Gateway (peer)': versionOf(peersDir, '@graphql-hive/gateway'),
    autocannon: versionOf(packageRoot, 'autocannon'),
  };
}
