import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stackServices } from '../../scripts/stack/index.js';
import { serviceCommand } from '../../scripts/stack/service-command.js';

/**
 * The Dockerfile, read rather than built (no container engine runs here): its stages, its user, what reaches the
 * runtime image, and that every service of the catalog starts from it by the documented command.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const text = readFileSync(join(root, 'Dockerfile'), 'utf8');

interface Instruction {
  readonly keyword: string;
  readonly args: string;
}
/** Instructions with their continuation lines joined, comments dropped, grouped by stage (FROM starts one). */
const stages: Instruction[][] = [];
for (const line of text.replace(/\\\n/g, ' ').split('\n')) {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#')) continue;
  const [keyword = '', ...rest] = trimmed.split(/\s+/);
  const instruction = { keyword: keyword.toUpperCase(), args: rest.join(' ') };
  if (instruction.keyword === 'FROM') stages.push([instruction]);
  else if (stages.length > 0) stages[stages.length - 1]?.push(instruction);
}
const build = stages.find((s) => /\bAS build$/i.test(s[0]?.args ?? '')) ?? [];
const runtime = stages[stages.length - 1] ?? [];
const all = (stage: readonly Instruction[], keyword: string) => stage.filter((i) => i.keyword === keyword).map((i) => i.args);
const jsonArgs = (args: string): string[] => JSON.parse(args) as string[];

describe('Dockerfile', () => {
  it('builds in a stage of its own: npm ci (the native better-sqlite3 build), npm run build, then production modules only', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const runs = all(build, 'RUN').join(' && ');
    const order = ['npm ci', 'better-sqlite3', 'npm run build', 'npm prune --omit=dev'].map((step) => runs.indexOf(step));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('runs on node 20 bookworm-slim, the same Node release as the build', () => {
    expect(runtime[0]?.args).toMatch(/^node:\$\{NODE_VERSION\}-bookworm-slim\b/);
    expect(build[0]?.args).toMatch(/^node:\$\{NODE_VERSION\}-bookworm\b/);
    expect(text).toMatch(/^ARG NODE_VERSION=20\.\d+\.\d+$/m);
  });

  it('copies only the build, production modules, package.json and the files services read from the package root', () => {
    const copies = all(runtime, 'COPY');
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) expect(copy, copy).toMatch(/^--from=build /);
    const sources = copies.map((c) => c.split(/\s+/)[1]);
    expect(sources.sort()).toEqual(['/app/clients/trusted-documents.json', '/app/dist', '/app/node_modules', '/app/package.json', '/app/schema/supergraph.graphql']);
    // The gateway's default supergraph and trusted documents: present in the repository, so in the image.
    for (const file of ['schema/supergraph.graphql', 'clients/trusted-documents.json']) expect(existsSync(join(root, file)), file).toBe(true);
  });

  it('runs as a fixed numeric user that is not root', () => {
    const users = all(runtime, 'USER');
    expect(users).toHaveLength(1);
    const [uid, gid] = (users[0] ?? '').split(':').map(Number);
    expect(uid).toBeGreaterThan(0);
    expect(gid).toBeGreaterThan(0);
    expect(all(runtime, 'RUN').join(' ')).toContain(`--uid ${uid}`);
    // Nothing after USER switches back.
    expect(runtime.findIndex((i) => i.keyword === 'USER')).toBeGreaterThan(runtime.findIndex((i) => i.keyword === 'COPY'));
  });

  it('bakes no secret in, and leaves health checks to Kubernetes', () => {
    for (const stage of stages) {
      for (const { keyword, args } of stage.filter((i) => i.keyword === 'ENV' || i.keyword === 'ARG'))
        expect(args, `${keyword} ${args}`).not.toMatch(/SECRET|TOKEN|PASSWORD|_KEY\b|DATABASE_URL|REDIS_URL/i);
    }
    expect(stages.flat().map((i) => i.keyword)).not.toContain('HEALTHCHECK');
    expect(all(runtime, 'ENV').join(' ')).toMatch(/NODE_ENV=production/);
    const ignored = readFileSync(join(root, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['node_modules', 'dist', '.data', '.git', 'deploy', '.env', '.env.*']) expect(ignored, entry).toContain(entry);
  });

  it("starts the service of its command: one of the catalog's, by the documented `node dist/scripts/service.js <name>`", () => {
    const cmd = jsonArgs(all(runtime, 'CMD')[0] ?? '[]');
    expect(cmd.slice(0, 2)).toEqual(['node', 'dist/scripts/service.js']);
    expect(stackServices.map((s) => s.name)).toContain(cmd[2]);
    expect(existsSync(join(root, 'scripts/service.ts'))).toBe(true);
  });

  it.each(stackServices.map((s) => s.name))('%s starts from the image: its entry is built from a source that exists (and is in dist/ once built)', (name) => {
    const command = serviceCommand([name], '/app/dist/');
    if ('refusal' in command) throw new Error(command.refusal);
    const entry = command.args[command.args.length - 1] ?? '';
    expect(entry.startsWith('/app/dist/')).toBe(true);
    const relative = entry.slice('/app/dist/'.length);
    expect(existsSync(join(root, relative.replace(/\.js$/, '.ts'))), relative).toBe(true);
    if (existsSync(join(root, 'dist'))) expect(existsSync(join(root, 'dist', relative)), `dist/${relative}`).toBe(true);
  });
});
