import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serviceCommand } from './stack/service-command.js';

/**
 * `npm run service -- <name>`: runs one service of the stack alone, in the foreground, on its own defaults (each
 * reads PORT and its own variables). Its exit code is the service's; Ctrl-C stops it as it stops itself.
 */
const distRoot = fileURLToPath(new URL('../', import.meta.url));
const command = serviceCommand(process.argv.slice(2), distRoot);
if ('refusal' in command) {
  process.stderr.write(`${command.refusal}\n`);
  process.exit(2);
}
const child = spawn(process.execPath, command.args, { stdio: 'inherit', env: process.env });
// The terminal's Ctrl-C reaches both processes; a signal sent to this one alone is passed on.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
