import { pascal, tokensOf, type MinistrySpec } from './ministry-spec.js';

/**
 * One row the scaffold adds to one of the ministry tables: inserted just above the table's
 * `// new-ministry:<marker>` comment, unless `present` finds it already there (so a second run changes nothing).
 */
export interface TableRow {
  readonly file: string;
  readonly marker: string;
  readonly text: string;
  readonly present: RegExp;
}

const ts = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The ministry tables (documented in CONTRIBUTING.md), in the order they are listed there. */
export function tableRows(spec: MinistrySpec, options: { readonly newMinistryCode: boolean }): TableRow[] {
  const t = tokensOf(spec);
  const { system, referencePrefix: prefix, ministryCode: code, name } = spec;
  const envPrefix = system.toUpperCase();
  const procedureKey = `${prefix}_APPLICATION`;
  const ministryRows: TableRow[] = options.newMinistryCode
    ? [
        { file: 'schema/procedures.ts', marker: 'ministry-codes', text: `  ${code}: '${code}',`, present: new RegExp(`^\\s+${code}: '${code}',`, 'm') },
        // The name's row, not the code's row above it (`  MINES: 'MINES',`).
        { file: 'schema/procedures.ts', marker: 'ministry-names', text: `  ${code}: ${ts(spec.ministryTitle)},`, present: new RegExp(`^\\s+${code}: '(?!${code}',)`, 'm') },
        {
          file: 'subgraphs/shared/dossier/ministry-code-enum.ts',
          marker: 'ministry-code-descriptions',
          text: `    ${code}: { description: ${ts(`${spec.ministryShortName}.`)} },`,
          present: new RegExp(`^\\s+${code}: \\{ description`, 'm'),
        },
        { file: 'supervision-web/ministry-labels.ts', marker: 'room-ministry-names', text: `  ${code}: ${ts(spec.ministryShortName)},`, present: new RegExp(`^\\s+${code}: '`, 'm') },
      ]
    : [];
  return [
    { file: 'schema/legacy-systems.ts', marker: 'legacy-systems', text: `  '${system}',`, present: new RegExp(`^\\s+'${system}',`, 'm') },
    { file: 'schema/legacy-systems.ts', marker: 'legacy-system-ministries', text: `  ${system}: '${code}',`, present: new RegExp(`^\\s+${system}: '`, 'm') },
    { file: 'schema/references.ts', marker: 'reference-prefixes', text: `  ${prefix}: '${prefix}',`, present: new RegExp(`^\\s+${prefix}: '${prefix}',`, 'm') },
    ...ministryRows.slice(0, 2),
    { file: 'schema/procedures.ts', marker: 'procedure-codes', text: `  ${procedureKey}: '${prefix}-DEMANDE',`, present: new RegExp(`'${prefix}-`) },
    {
      file: 'schema/procedures.ts',
      marker: 'procedures',
      text: [
        '  {',
        `    code: ProcedureCode.${procedureKey},`,
        `    title: 'Demande d’autorisation (à préciser)',`,
        `    ministry: MinistryCode.${code},`,
        `    description: ${ts(`Démarche générée par new:ministry pour ${spec.ministryTitle} : remplacez-la par les démarches réelles du ministère.`)},`,
        `    requiredDocuments: ['Demande timbrée adressée au ministre', 'Pièce d’identité du demandeur'],`,
        '    feeFcfa: 10_000,',
        '    legalDelayDays: 30,',
        '  },',
      ].join('\n'),
      present: new RegExp(`ministry: MinistryCode\\.${code},`),
    },
    ...ministryRows.slice(2, 3),
    { file: 'subgraphs/shared/legacy-health/system-names.ts', marker: 'legacy-system-names', text: `  ${system}: ${ts(spec.systemTitle)},`, present: new RegExp(`^\\s+${system}: '`, 'm') },
    {
      file: 'subgraphs/dossiers/ministry-dossier-types.ts',
      marker: 'dossier-types',
      text: `  { typeName: '${spec.typeName}', citizenListField: '${t.__listField__}', referencePrefix: '${prefix}', legacySystem: '${system}' },`,
      present: new RegExp(`typeName: '${spec.typeName}'`),
    },
    {
      file: 'subgraphs/index.ts',
      marker: 'subgraph-imports',
      text: `import { buildSchema as build${pascal(name)}Schema } from './${name}/index.js';`,
      present: new RegExp(`from '\\./${escape(name)}/index\\.js'`),
    },
    {
      file: 'subgraphs/index.ts',
      marker: 'subgraph-definitions',
      text: `  { name: '${name}', defaultUrl: local(${spec.subgraphPort}), buildSchema: build${pascal(name)}Schema },`,
      present: new RegExp(`name: '${escape(name)}'`),
    },
    {
      file: 'subgraphs/supervision/ingestion/feed-sources.ts',
      marker: 'feed-imports',
      text: `import { create${pascal(system)}Adapter, ${system}AdapterEnvSchema, ${system}AdapterOptionsFromEnv } from '../../../adapters/${system}/index.js';`,
      present: new RegExp(`adapters/${system}/index\\.js'`),
    },
    {
      file: 'subgraphs/supervision/ingestion/feed-sources.ts',
      marker: 'feed-sources',
      text: [
        `  feedSource('${system}', ${system}AdapterEnvSchema, ${system}AdapterOptionsFromEnv, (o) => o.baseUrl, (o) => {`,
        `    const adapter = create${pascal(system)}Adapter(o);`,
        `    return async (since) => (await adapter.listChangedDossiers(since)).map((r) => factOf('${system}', r, r.communeCode));`,
        '  }),',
      ].join('\n'),
      present: new RegExp(`feedSource\\('${system}'`),
    },
    { file: 'legacy/shared/feed-operations.ts', marker: 'feed-operations', text: `  ${system}: ['mouvements'],`, present: new RegExp(`^\\s+${system}: \\[`, 'm') },
    {
      file: 'scripts/stack/service-catalog.ts',
      marker: 'legacy-services',
      text: `  { name: 'legacy-${system}', entry: 'legacy/${system}/main.js', defaultPort: ${spec.legacyPort}, tier: 'legacy', legacy: { system: '${system}', urlEnv: '${envPrefix}_URL', urlFrom: 'origin' } },`,
      present: new RegExp(`name: 'legacy-${system}'`),
    },
    {
      file: 'scripts/stack/service-catalog.ts',
      marker: 'subgraph-services',
      text: `  { name: '${name}', entry: 'subgraphs/${name}/main.js', defaultPort: ${spec.subgraphPort}, tier: 'subgraph', outbox: true },`,
      present: new RegExp(`name: '${escape(name)}'`),
    },
    ...ministryRows.slice(3),
    {
      file: 'supervision-web/ministry-labels.ts',
      marker: 'room-system-names',
      text: `  ${system}: { short: ${ts(pascal(system))}, long: ${ts(`${pascal(system)} (${spec.ministryShortName})`)} },`,
      present: new RegExp(`^\\s+${system}: \\{ short`, 'm'),
    },
  ];
}

/** Inserts `row` above its marker in `content`; says whether it was already there. Throws if the marker is missing. */
export function insertRow(content: string, row: TableRow): { content: string; inserted: boolean } {
  if (row.present.test(content)) return { content, inserted: false };
  const marker = new RegExp(`^([ \\t]*)// new-ministry:${row.marker}$`, 'm');
  const match = marker.exec(content);
  if (!match) throw new Error(`marker // new-ministry:${row.marker} not found in ${row.file}`);
  return { content: `${content.slice(0, match.index)}${row.text}\n${content.slice(match.index)}`, inserted: true };
}

/** The npm scripts that start the two new processes alone. */
export function packageScripts(spec: MinistrySpec): Record<string, string> {
  return { [`start:legacy-${spec.system}`]: `node dist/legacy/${spec.system}/main.js`, [`start:${spec.name}`]: `node dist/subgraphs/${spec.name}/main.js` };
}
