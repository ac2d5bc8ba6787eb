import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedFiles } from './generated-files.js';
import { runNewMinistry } from './main.js';
import { scaffoldMinistry } from './new-ministry.js';
import { parseArgs, type Existing } from './parse-args.js';
import { readExisting } from './read-existing.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
/** The files the scaffold edits: copied into the sandbox, so the repository's own stay untouched. */
const tables = [
  'package.json',
  'legacy/shared/feed-operations.ts',
  'schema/legacy-systems.ts',
  'schema/references.ts',
  'schema/procedures.ts',
  'subgraphs/shared/dossier/ministry-code-enum.ts',
  'subgraphs/shared/legacy-health/system-names.ts',
  'subgraphs/dossiers/ministry-dossier-types.ts',
  'subgraphs/index.ts',
  'subgraphs/supervision/ingestion/feed-sources.ts',
  'scripts/stack/service-catalog.ts',
  'supervision-web/ministry-labels.ts',
];
/** Where the scaffold writes new folders: real folders in the sandbox, or they would land in the repository. */
const written = ['legacy', 'adapters', 'subgraphs', 'clients', 'clients/operations'];
const skipped = new Set(['.git', 'dist', '.data', 'bench']);

/** A sandbox of the repository: real folders down to each table (copied), symlinks for everything else. */
function mirror(from: string, to: string, relative: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from)) {
    const path = relative ? `${relative}/${entry}` : entry;
    if (skipped.has(path)) continue;
    const source = join(from, entry);
    if (tables.includes(path)) copyFileSync(source, join(to, entry));
    else if (lstatSync(source).isDirectory() && (written.includes(path) || tables.some((t) => t.startsWith(`${path}/`)))) mirror(source, join(to, entry), path);
    else symlinkSync(source, join(to, entry));
  }
}

const probe = ['probe-office', '--system', 'probe', '--reference-prefix', 'PRB', '--ministry-code', 'PROBE', '--title', 'Ministère de l’Essai', '--short-name', 'Essai'];
let sandbox = '';
const lines: string[] = [];
const run = (argv: readonly string[]) => runNewMinistry([...argv, '--root', sandbox], (l) => lines.push(l), (l) => lines.push(l));

beforeAll(() => {
  sandbox = mkdtempSync(join(tmpdir(), 'guichet-new-ministry-'));
  mirror(repo, sandbox, '');
});
afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

const existing: Existing = { subgraphs: ['electricity'], legacySystems: ['ceet'], referencePrefixes: ['CEET'], ministryCodes: ['ENERGY'], ports: [4202, 4102] };
const refusal = (argv: readonly string[]) => {
  try {
    parseArgs(argv, existing);
  } catch (error) {
    return error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
  return undefined;
};

describe('new:ministry — arguments', () => {
  it('derives every name from the ministry name, with the next free ports', () => {
    expect(parseArgs(['energy-mines'], existing).spec).toMatchObject({ name: 'energy-mines', system: 'energymines', referencePrefix: 'EM', ministryCode: 'ENERGY_MINES', typeName: 'EnergyMinesApplication', legacyPort: 4203, subgraphPort: 4103 });
  });

  it('refuses, in French then English, a bad or taken name, system, prefix, port or option', () => {
    expect(refusal([])).toMatch(/nom du ministère manque \(missing name\)/);
    expect(refusal(['Energy_Mines'])).toMatch(/kebab-case attendu/);
    expect(refusal(['electricity'])).toMatch(/existe déjà/);
    expect(refusal(['energy-mines', '--system', 'ceet'])).toMatch(/existe déjà \(legacy system already exists\)/);
    expect(refusal(['energy-mines', '--reference-prefix', 'mem'])).toMatch(/2 à 6 majuscules/);
    expect(refusal(['energy-mines', '--reference-prefix', 'CEET'])).toMatch(/déjà pris/);
    expect(refusal(['energy-mines', '--legacy-port', '4202'])).toMatch(/déjà celui d’un autre service/);
    expect(refusal(['energy-mines', '--title', "Ministère de l'Énergie"])).toMatch(/apostrophe typographique/);
    expect(refusal(['energy-mines', '--frobnicate', 'x'])).toMatch(/Option inconnue/);
    expect(refusal(['energy-mines', '--system'])).toMatch(/attend une valeur/);
  });

  it('reads what the repository already has from its tables', () => {
    const found = readExisting(repo);
    expect(found.legacySystems).toEqual(expect.arrayContaining(['rnec', 'ceet', 'urbanisme']));
    expect(found.referencePrefixes).toEqual(expect.arrayContaining(['CEET', 'URB', 'RNEC']));
    expect(found.ports).toEqual(expect.arrayContaining([4000, 4201, 4101]));
  });

  it('answers a refusal with exit code 1 and a message, never a stack', () => {
    const out: string[] = [];
    expect(runNewMinistry(['Bad Name'], (l) => out.push(l), (l) => out.push(l))).toBe(1);
    expect(out.join('\n')).toMatch(/^Nom invalide/);
    expect(out.join('\n')).not.toMatch(/\n\s+at /);
  });
});

describe('new:ministry — generation', () => {
  it('writes nothing on a dry run', () => {
    const before = readFileSync(join(sandbox, 'schema/procedures.ts'), 'utf8');
    expect(run([...probe, '--dry-run'])).toBe(0);
    expect(existsSync(join(sandbox, 'legacy/probe'))).toBe(false);
    expect(readFileSync(join(sandbox, 'schema/procedures.ts'), 'utf8')).toBe(before);
    expect(lines.join('\n')).toMatch(/would create subgraphs\/probe-office\/probe-office-resolver\.ts/);
  });

  it('writes the three folders and one row per table, then nothing more on a second run', () => {
    // In the sandbox only: the repository has no trace of the probe ministry.
    for (const folder of ['legacy/probe', 'adapters/probe', 'subgraphs/probe-office']) expect(existsSync(join(repo, folder)), folder).toBe(false);
    lines.length = 0;
    expect(run(probe)).toBe(0);
    const spec = parseArgs(probe, readExisting(repo)).spec;
    for (const file of generatedFiles(spec)) expect(existsSync(join(sandbox, file.path)), file.path).toBe(true);
    const text = (path: string) => readFileSync(join(sandbox, path), 'utf8');
    expect(text('schema/legacy-systems.ts')).toMatch(/^ {2}'probe',$/m);
    expect(text('schema/references.ts')).toMatch(/^ {2}PRB: 'PRB',$/m);
    expect(text('schema/procedures.ts')).toMatch(/PROBE: 'Ministère de l’Essai'/);
    expect(text('subgraphs/dossiers/ministry-dossier-types.ts')).toMatch(/typeName: 'ProbeOfficeApplication', citizenListField: 'probeOfficeApplications', referencePrefix: 'PRB', legacySystem: 'probe'/);
    expect(text('scripts/stack/service-catalog.ts')).toMatch(/name: 'legacy-probe', entry: 'legacy\/probe\/main\.js', defaultPort: \d+/);
    expect(JSON.parse(text('package.json')).scripts).toMatchObject({ 'start:legacy-probe': 'node dist/legacy/probe/main.js', 'start:probe-office': 'node dist/subgraphs/probe-office/main.js' });
    expect(lines.filter((l) => l.includes('added row'))).toHaveLength(19);
    for (const folder of ['legacy/probe', 'adapters/probe', 'subgraphs/probe-office']) expect(lstatSync(join(sandbox, folder)).isSymbolicLink(), folder).toBe(false);
    for (const folder of ['legacy/probe', 'adapters/probe', 'subgraphs/probe-office', 'clients/operations/SubmitProbeOfficeApplication.graphql']) expect(existsSync(join(repo, folder)), folder).toBe(false);
    expect(text('clients/operations/SubmitProbeOfficeApplication.graphql')).toMatch(/^mutation SubmitProbeOfficeApplication\(\$input: ProbeOfficeApplicationInput!, \$idempotencyKey: String!\) \{$/m);

    // Run again (as after a partial run): every file kept, every row found, nothing changed.
    const tablesBefore = tables.map(text);
    const again = scaffoldMinistry(spec, { root: sandbox, dryRun: false, newMinistryCode: false });
    expect(again).toMatchObject({ created: [], inserted: [], scripts: [] });
    expect(again.kept).toHaveLength(generatedFiles(spec).length);
    expect(tables.map(text)).toEqual(tablesBefore);
    // From the command line, the name is taken now.
    expect(run(probe)).toBe(1);
  });

  it('generates code that type-checks with the tables it extended', async () => {
    const spec = parseArgs(probe, readExisting(repo)).spec;
    const config = JSON.parse(readFileSync(join(repo, 'tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
    // preserveSymlinks: the symlinked shared code must import the sandbox's copies of the tables, not the repository's.
    const files = [...generatedFiles(spec).map((f) => f.path).filter((p) => p.endsWith('.ts')), 'subgraphs/index.ts', 'subgraphs/supervision/ingestion/feed-sources.ts', 'scripts/stack/service-catalog.ts'];
    writeFileSync(join(sandbox, 'tsconfig.probe.json'), JSON.stringify({ compilerOptions: { ...config.compilerOptions, noEmit: true, preserveSymlinks: true, incremental: false }, files }));
    const tsc = join(repo, 'node_modules/typescript/bin/tsc');
    const result = await promisify(execFile)(process.execPath, [tsc, '-p', join(sandbox, 'tsconfig.probe.json')], { cwd: sandbox }).then(
      () => ({ ok: true, output: '' }),
      (error: { stdout?: string }) => ({ ok: false, output: error.stdout ?? String(error) }),
    );
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  }, 90_000);
});
