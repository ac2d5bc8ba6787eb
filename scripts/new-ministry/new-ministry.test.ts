import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedFiles, ministryFolders } from './generated-files.js';
import { runNewMinistry } from './main.js';
import { scaffoldMinistry } from './new-ministry.js';
import { parseArgs, type Existing } from './parse-args.js';
import { readExisting } from './read-existing.js';
import { addToRegistry, registryFile } from './registry-row.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/** A sandbox: a copy of every file of the repository (tracked or not ignored), node_modules linked. */
function copyRepository(to: string): void {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: repo, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(repo, file))) continue;
    mkdirSync(dirname(join(to, file)), { recursive: true });
    copyFileSync(join(repo, file), join(to, file));
  }
  symlinkSync(join(repo, 'node_modules'), join(to, 'node_modules'));
}

/** Every file of the sandbox (node_modules aside) and the hash of its content. */
function snapshot(root: string, relative = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(join(root, relative), { withFileTypes: true })) {
    const path = relative ? `${relative}/${entry.name}` : entry.name;
    if (path === 'node_modules') continue;
    if (entry.isDirectory()) for (const [p, h] of snapshot(root, path)) out.set(p, h);
    else
      out.set(
        path,
        createHash('sha256')
          .update(readFileSync(join(root, path)))
          .digest('hex'),
      );
  }
  return out;
}

/** What changed between two snapshots, each list sorted. */
function changes(before: Map<string, string>, after: Map<string, string>) {
  return {
    created: [...after.keys()].filter((p) => !before.has(p)).sort(),
    modified: [...after.keys()].filter((p) => before.has(p) && before.get(p) !== after.get(p)).sort(),
    deleted: [...before.keys()].filter((p) => !after.has(p)).sort(),
  };
}

const probe = ['probe-office', '--system', 'probe', '--reference-prefix', 'PRB', '--ministry-code', 'PROBE', '--title', 'Ministère de l’Essai', '--short-name', 'Essai'];
let sandbox = '';
const lines: string[] = [];
const run = (argv: readonly string[]) =>
  runNewMinistry(
    [...argv, '--root', sandbox],
    (l) => lines.push(l),
    (l) => lines.push(l),
  );

beforeAll(() => {
  sandbox = mkdtempSync(join(tmpdir(), 'guichet-new-ministry-'));
  copyRepository(sandbox);
});
afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

const existing: Existing = {
  subgraphs: ['electricity'],
  legacySystems: ['ceet'],
  referencePrefixes: ['CEET'],
  ministryCodes: ['ENERGY', 'SECURITY'],
  connectedMinistryCodes: ['ENERGY'],
  typeNames: ['ElectricityConnectionRequest'],
  ports: [4202, 4102],
};
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
    expect(parseArgs(['energy-mines'], existing).spec).toMatchObject({
      name: 'energy-mines',
      system: 'energymines',
      referencePrefix: 'EM',
      ministryCode: 'ENERGY_MINES',
      typeName: 'EnergyMinesApplication',
      legacyPort: 4203,
      subgraphPort: 4103,
    });
  });

  it('refuses, in French then English, a bad or taken name, system, prefix, ministry, type, port or option', () => {
    expect(refusal([])).toMatch(/nom du ministère manque \(missing name\)/);
    expect(refusal(['Energy_Mines'])).toMatch(/kebab-case attendu/);
    expect(refusal(['electricity'])).toMatch(/existe déjà/);
    expect(refusal(['energy-mines', '--system', 'ceet'])).toMatch(/existe déjà \(legacy system already exists\)/);
    expect(refusal(['energy-mines', '--reference-prefix', 'mem'])).toMatch(/2 à 6 majuscules/);
    expect(refusal(['energy-mines', '--reference-prefix', 'CEET'])).toMatch(/déjà pris/);
    expect(refusal(['energy-mines', '--ministry-code', 'ENERGY'])).toMatch(/a déjà son système .* \(ministry already has a system\)/);
    expect(refusal(['energy-mines', '--ministry-code', 'SECURITY'])).toBeUndefined();
    expect(refusal(['energy-mines', '--type-name', 'ElectricityConnectionRequest'])).toMatch(/\(dossier type already exists\)/);
    expect(refusal(['energy-mines', '--legacy-port', '4202'])).toMatch(/déjà celui d’un autre service/);
    expect(refusal(['energy-mines', '--title', "Ministère de l'Énergie"])).toMatch(/apostrophe typographique/);
    expect(refusal(['energy-mines', '--frobnicate', 'x'])).toMatch(/Option inconnue/);
    expect(refusal(['energy-mines', '--system'])).toMatch(/attend une valeur/);
  });

  it('reads what the repository already has from its ministry registry', () => {
    const found = readExisting(repo);
    expect(found.subgraphs).toEqual(expect.arrayContaining(['civil-registry', 'electricity', 'building-permits', 'energy-mines', 'dossiers', 'supervision']));
    expect(found.legacySystems).toEqual(['rnec', 'ceet', 'urbanisme', 'mines']);
    expect(found.referencePrefixes).toEqual(['RNEC', 'CEET', 'URB', 'MEM']);
    expect(found.ministryCodes).toEqual(['CIVIL_REGISTRY', 'ENERGY', 'URBAN_PLANNING', 'SECURITY', 'JUSTICE', 'MINES']);
    expect(found.connectedMinistryCodes).toEqual(['CIVIL_REGISTRY', 'ENERGY', 'URBAN_PLANNING', 'MINES']);
    expect(found.typeNames).toEqual(['CivilActCopyRequest', 'ElectricityConnectionRequest', 'BuildingPermitApplication', 'EnergyMinesApplication']);
    expect(found.ports).toEqual(expect.arrayContaining([4000, 4201, 4204, 4101, 4106, 4104, 4105, 4300, 4310]));
  });

  it('answers a refusal with exit code 1 and a message, never a stack', () => {
    const out: string[] = [];
    expect(
      runNewMinistry(
        ['Bad Name'],
        (l) => out.push(l),
        (l) => out.push(l),
      ),
    ).toBe(1);
    expect(out.join('\n')).toMatch(/^Nom invalide/);
    expect(out.join('\n')).not.toMatch(/\n\s+at /);
  });
});

describe('new:ministry — the registry row', () => {
  const registry = readFileSync(join(repo, registryFile), 'utf8');
  const spec = (ministryCode: string) => parseArgs([...probe.slice(0, 5), '--ministry-code', ministryCode, ...probe.slice(7)], readExisting(repo)).spec;

  it('adds one row above the marker, then finds it there', () => {
    const added = addToRegistry(registry, spec('PROBE'));
    expect(added.change).toBe('inserted');
    expect(added.content.replace(/\n {2}\{\n {4}code: 'PROBE',[\s\S]*?\n {2}\},(?=\n {2}\/\/ new-ministry:registry)/, '')).toBe(registry);
    expect(addToRegistry(added.content, spec('PROBE'))).toEqual({ content: added.content, change: 'present' });
  });

  it('gives a catalogue-only ministry’s own row its system, subgraph and placeholder procedure, keeping its procedures', () => {
    const completed = addToRegistry(registry, spec('SECURITY'));
    expect(completed.change).toBe('completed');
    const row = /\n {2}\{\n {4}code: 'SECURITY',[\s\S]*?\n {2}\},\n/.exec(completed.content)?.[0] ?? '';
    expect(row).toMatch(/\n {4}enumDescription: '[^']+',\n {4}system: \{\n {6}code: 'probe',[\s\S]*\n {4}subgraph: \{ name: 'probe-office', [^\n]*\n {4}procedures: \[\n/);
    expect([...row.matchAll(/key: '([A-Z_0-9]+)'/g)].map((m) => m[1])).toEqual(['ORDINARY_PASSPORT', 'RESIDENCE_CARD', 'PRB_APPLICATION']);
    expect(completed.content.match(/^ {2}\{$/gm)).toHaveLength(registry.match(/^ {2}\{$/gm)?.length ?? 0);
    expect(addToRegistry(completed.content, spec('SECURITY')).change).toBe('present');
  });
});

describe('new:ministry — generation', () => {
  it('writes nothing on a dry run', () => {
    const before = snapshot(sandbox);
    expect(run([...probe, '--dry-run'])).toBe(0);
    expect(changes(before, snapshot(sandbox))).toEqual({ created: [], modified: [], deleted: [] });
    expect(lines.join('\n')).toMatch(/would create subgraphs\/probe-office\/probe-office-resolver\.ts/);
    expect(lines.join('\n')).toMatch(/would add its row in schema\/ministries\.ts/);
  });

  it('touches the registry row and the ministry’s own new folders only, then nothing more on a second run', () => {
    const spec = parseArgs(probe, readExisting(repo)).spec;
    const before = snapshot(sandbox);
    lines.length = 0;
    expect(run(probe)).toBe(0);
    const changed = changes(before, snapshot(sandbox));
    // The one edited file of the house: the registry.
    expect(changed.modified).toEqual(['schema/ministries.ts']);
    expect(changed.deleted).toEqual([]);
    // Everything else is new, in the ministry's own folders: legacy/probe, adapters/probe, subgraphs/probe-office.
    expect(ministryFolders(spec)).toEqual(['legacy/probe', 'adapters/probe', 'subgraphs/probe-office']);
    expect([...new Set(changed.created.map((p) => p.split('/').slice(0, 2).join('/')))].sort()).toEqual(['adapters/probe', 'legacy/probe', 'subgraphs/probe-office']);
    expect(changed.created).toEqual(
      generatedFiles(spec)
        .map((f) => f.path)
        .sort(),
    );
    expect(changed.created).toContain('subgraphs/probe-office/operations/SubmitProbeOfficeApplication.graphql');
    // In the sandbox only: the repository has no trace of the probe ministry.
    for (const folder of ministryFolders(spec)) expect(existsSync(join(repo, folder)), folder).toBe(false);
    const text = (path: string) => readFileSync(join(sandbox, path), 'utf8');
    expect(text(registryFile)).toMatch(/^ {4}code: 'PROBE',\n {4}name: 'Ministère de l’Essai',\n {4}shortName: 'Essai',$/m);
    expect(text('subgraphs/probe-office/operations/SubmitProbeOfficeApplication.graphql')).toMatch(
      /^mutation SubmitProbeOfficeApplication\(\$input: ProbeOfficeApplicationInput!, \$idempotencyKey: String!\) \{$/m,
    );
    expect(lines.join('\n')).toMatch(/npm run service -- legacy-probe/);

    // Run again (as after a partial run): every file kept, the row found, nothing changed.
    const done = snapshot(sandbox);
    const again = scaffoldMinistry(spec, { root: sandbox, dryRun: false });
    expect(again).toMatchObject({ created: [], registry: 'present' });
    expect(again.kept).toHaveLength(generatedFiles(spec).length);
    expect(changes(done, snapshot(sandbox))).toEqual({ created: [], modified: [], deleted: [] });
    // From the command line, the name is taken now.
    expect(run(probe)).toBe(1);
  });

  it('puts the new ministry in every list derived from the registry', async () => {
    const from = async <T>(path: string): Promise<T> => (await import(/* @vite-ignore */ join(sandbox, path))) as T;
    const schema = await from<typeof import('../../schema/index.js')>('schema/index.ts');
    expect(schema.legacySystems.at(-1)).toBe('probe');
    expect(schema.ministryOfLegacySystem).toMatchObject({ probe: 'PROBE' });
    expect(schema.ReferencePrefix).toMatchObject({ PRB: 'PRB' });
    expect(schema.ProcedureCode).toMatchObject({ PRB_APPLICATION: 'PRB-DEMANDE' });
    expect(schema.procedures.at(-1)).toMatchObject({ code: 'PRB-DEMANDE', ministry: 'PROBE' });
    const { ministryDossierTypes } = await from<typeof import('../../subgraphs/dossiers/ministry-dossier-types.js')>('subgraphs/dossiers/ministry-dossier-types.ts');
    expect(ministryDossierTypes.at(-1)).toEqual({ typeName: 'ProbeOfficeApplication', citizenListField: 'probeOfficeApplications', referencePrefix: 'PRB', legacySystem: 'probe' });
    const { feedOperations } = await from<typeof import('../../legacy/shared/feed-operations.js')>('legacy/shared/feed-operations.ts');
    expect(feedOperations).toMatchObject({ probe: ['mouvements'] });
    const { stackServices } = await from<typeof import('../stack/service-catalog.js')>('scripts/stack/service-catalog.ts');
    expect(stackServices.filter((s) => s.name.includes('probe')).map((s) => [s.name, s.entry, s.tier])).toEqual([
      ['legacy-probe', 'legacy/probe/main.js', 'legacy'],
      ['probe-office', 'subgraphs/probe-office/main.js', 'subgraph'],
    ]);
  });

  /** One type-check of the whole sandbox — the generated code with its registry row — and of a probe of the conventions. */
  let typeCheck: Promise<string> | undefined;
  const typeCheckOutput = () =>
    (typeCheck ??= (async () => {
      // The conventions the registry-derived lists load a ministry by: subgraphs/index.ts (buildSchema), the supervision
      // feeds and the soak's count (adapterKit), the soak's seeded records (seededApplicants).
      writeFileSync(
        join(sandbox, 'conventions.probe.ts'),
        [
          "import type { GraphQLSchema } from 'graphql';",
          "import type { World } from './legacy/world/index.js';",
          "import { adapterKit } from './adapters/probe/index.js';",
          "import { seededApplicants } from './legacy/probe/index.js';",
          "import { buildSchema } from './subgraphs/probe-office/index.js';",
          'export const kit: { readonly system: string; create(options: never): unknown } = adapterKit;',
          'export const schema: () => Promise<GraphQLSchema> = buildSchema;',
          'export const seeded: (world: World) => readonly string[] = seededApplicants;',
          '',
        ].join('\n'),
      );
      const config = JSON.parse(readFileSync(join(sandbox, 'tsconfig.json'), 'utf8')) as { include: string[] };
      writeFileSync(
        join(sandbox, 'tsconfig.probe.json'),
        JSON.stringify({ extends: './tsconfig.json', compilerOptions: { noEmit: true, incremental: false }, include: [...config.include, 'conventions.probe.ts'] }),
      );
      const tsc = join(repo, 'node_modules/typescript/bin/tsc');
      return promisify(execFile)(process.execPath, [tsc, '-p', join(sandbox, 'tsconfig.probe.json')], { cwd: sandbox }).then(
        () => '',
        (error: { stdout?: string }) => error.stdout ?? String(error),
      );
    })());

  it('generates code that type-checks with the whole repository and its registry row', async () => {
    // Each diagnostic starts at column 0 (`path(line,col): error …`), its explanation indented below it.
    const diagnostics = (await typeCheckOutput()).split(/\n(?=\S)/).filter((d) => d.trim() !== '');
    expect(diagnostics.filter((d) => !d.startsWith('conventions.probe.ts'))).toEqual([]);
  }, 120_000);

  it('generates folders that follow the conventions the registry loads them by (adapterKit, buildSchema, seededApplicants)', async () => {
    expect(await typeCheckOutput()).toBe('');
  }, 120_000);
});
