import { pascal, type MinistrySpec } from './ministry-spec.js';
import { ScaffoldError } from './scaffold-error.js';

/** What the repository already has, so that a new ministry takes none of its names. */
export interface Existing {
  readonly subgraphs: readonly string[];
  readonly legacySystems: readonly string[];
  readonly referencePrefixes: readonly string[];
  readonly ministryCodes: readonly string[];
  /** Ministries that have their system already (the registry has one system per ministry). */
  readonly connectedMinistryCodes: readonly string[];
  /** Dossier types the ministry subgraphs own. */
  readonly typeNames: readonly string[];
  readonly ports: readonly number[];
}

export interface ScaffoldArgs {
  readonly spec: MinistrySpec;
  readonly dryRun: boolean;
  /** Repository root to write into (default: this package). */
  readonly root: string | undefined;
}

export const usage = `Usage : npm run new:ministry -- <nom> [options]

  <nom>                        nom du sous-graphe, en kebab-case (ex. energy-mines)
  --system <code>              code du système historique, minuscules (ex. mines ; défaut : le nom sans tirets)
  --reference-prefix <PREFIX>  préfixe des références, 2 à 6 majuscules (ex. MEM ; défaut : initiales du nom)
  --ministry-code <CODE>       MinistryCode du ministère (ex. MINES ; défaut : le nom en MAJUSCULES_SOULIGNÉES) ;
                               un ministère du catalogue sans système (ex. SECURITY) reçoit le sien dans sa ligne
  --type-name <Type>           type de dossier GraphQL (défaut : <Nom>Application)
  --title <texte>              nom complet du ministère, en français
  --short-name <texte>         nom court du ministère (salle de supervision)
  --system-title <texte>       nom du système historique (salle de supervision)
  --legacy-port <port>         port du simulateur (défaut : le suivant des simulateurs)
  --subgraph-port <port>       port du sous-graphe (défaut : le suivant des sous-graphes)
  --dry-run                    affiche ce qui serait fait, n’écrit rien
  --root <dossier>             racine du dépôt où écrire (tests)`;

const kebab = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const options = new Set(['system', 'reference-prefix', 'ministry-code', 'type-name', 'title', 'short-name', 'system-title', 'legacy-port', 'subgraph-port', 'root']);

function fail(message: string): never {
  throw new ScaffoldError(`${message}\n\n${usage}`);
}

function port(value: string | undefined, fallback: number, name: string, taken: readonly number[]): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1024 || n > 65_535) fail(`--${name} « ${value} » : un entier entre 1024 et 65535 est attendu (expected a port number).`);
  if (taken.includes(n)) fail(`--${name} ${n} : ce port est déjà celui d’un autre service (port already taken).`);
  return n;
}

/** Reads and checks the command line; every refusal says what is wrong and how to write it, in French then English. */
export function parseArgs(argv: readonly string[], existing: Existing): ScaffoldArgs {
  const values = new Map<string, string>();
  const positional: string[] = [];
  let dryRun = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--dry-run') dryRun = true;
    else if (arg === '--help' || arg === '-h') throw new ScaffoldError(usage);
    else if (arg.startsWith('--')) {
      const [key, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      if (!options.has(key)) fail(`Option inconnue : --${key} (unknown option).`);
      const value = inline ?? argv[(i += 1)];
      if (value === undefined || value.startsWith('--')) fail(`L’option --${key} attend une valeur (option needs a value).`);
      values.set(key, value);
    } else positional.push(arg);
  }
  if (positional.length !== 1) fail(positional.length === 0 ? 'Le nom du ministère manque (missing name).' : `Un seul nom est attendu, reçu : ${positional.join(' ')} (expected one name).`);
  const name = positional[0] ?? '';
  if (!kebab.test(name) || name.length > 40) fail(`Nom invalide « ${name} » : kebab-case attendu, ex. energy-mines (invalid name: expected kebab-case).`);
  if (existing.subgraphs.includes(name)) fail(`Le sous-graphe « ${name} » existe déjà (subgraph already exists).`);

  const system = values.get('system') ?? name.replaceAll('-', '');
  if (!/^[a-z][a-z0-9]{1,15}$/.test(system)) fail(`--system « ${system} » : 2 à 16 minuscules ou chiffres, ex. mines (expected lowercase letters).`);
  if (existing.legacySystems.includes(system)) fail(`Le système « ${system} » existe déjà (legacy system already exists).`);

  const prefix =
    values.get('reference-prefix') ??
    name
      .split('-')
      .map((w) => w[0]?.toUpperCase() ?? '')
      .join('')
      .padEnd(2, 'X');
  if (!/^[A-Z]{2,6}$/.test(prefix) || prefix === 'GCH') fail(`--reference-prefix « ${prefix} » : 2 à 6 majuscules, autre que GCH, ex. MEM (expected 2-6 capitals).`);
  if (existing.referencePrefixes.includes(prefix)) fail(`Le préfixe « ${prefix} » est déjà pris (reference prefix already taken).`);

  const ministryCode = values.get('ministry-code') ?? name.toUpperCase().replaceAll('-', '_');
  if (!/^[A-Z][A-Z0-9_]{1,39}$/.test(ministryCode)) fail(`--ministry-code « ${ministryCode} » : MAJUSCULES_SOULIGNÉES attendues, ex. MINES (expected UPPER_SNAKE_CASE).`);
  if (existing.connectedMinistryCodes.includes(ministryCode))
    fail(`Le ministère ${ministryCode} a déjà son système : le registre en compte un par ministère, choisissez un autre --ministry-code (ministry already has a system).`);

  const typeName = values.get('type-name') ?? `${pascal(name)}Application`;
  if (!/^[A-Z][A-Za-z0-9]{2,59}$/.test(typeName)) fail(`--type-name « ${typeName} » : PascalCase attendu, ex. EnergyMinesApplication (expected PascalCase).`);
  if (existing.typeNames.includes(typeName)) fail(`Le type « ${typeName} » existe déjà (dossier type already exists).`);

  const texts = {
    title: values.get('title') ?? `Ministère (${name})`,
    shortName: values.get('short-name') ?? pascal(name),
    systemTitle: values.get('system-title') ?? `${system.toUpperCase()} — système du ministère`,
  };
  for (const [key, text] of Object.entries(texts)) {
    if (/['`\\$\n]/.test(text) || text.trim().length < 2 || text.length > 120)
      fail(`Texte invalide pour ${key} : « ${text} » — 2 à 120 caractères, apostrophe typographique ’ plutôt que ' (invalid text).`);
  }

  const legacyPorts = existing.ports.filter((p) => p >= 4200 && p < 4300);
  const subgraphPorts = existing.ports.filter((p) => p >= 4100 && p < 4200);
  const legacyPort = port(values.get('legacy-port'), Math.max(4200, ...legacyPorts) + 1, 'legacy-port', existing.ports);
  const subgraphPort = port(values.get('subgraph-port'), Math.max(4100, ...subgraphPorts) + 1, 'subgraph-port', [...existing.ports, legacyPort]);

  return {
    spec: { name, system, referencePrefix: prefix, ministryCode, typeName, legacyPort, subgraphPort, ministryTitle: texts.title, ministryShortName: texts.shortName, systemTitle: texts.systemTitle },
    dryRun,
    root: values.get('root'),
  };
}
