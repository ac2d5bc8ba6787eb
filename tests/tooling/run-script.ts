import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repo } from './repo.js';

export interface ScriptRun {
  readonly code: number;
  /** stdout then stderr, without colours. */
  readonly output: string;
}

/** `npm run <name> -- <args>` in `cwd`, with the command package.json gives (without npm itself, which is slow to start). */
export function runScript(name: string, cwd: string, args: readonly string[] = []): Promise<ScriptRun> {
  const scripts = (JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const command = scripts[name];
  if (command === undefined) throw new Error(`package.json has no script ${name}`);
  const env = { ...process.env, PATH: `${join(repo, 'node_modules', '.bin')}:${process.env.PATH ?? ''}`, NO_COLOR: '1', FORCE_COLOR: '0' };
  return new Promise((resolve) => {
    execFile('sh', ['-c', `${command} "$@"`, name, ...args], { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}
