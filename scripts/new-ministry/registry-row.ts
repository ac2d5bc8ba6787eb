import { pascal, tokensOf, type MinistrySpec } from './ministry-spec.js';

/** The registry: the one file of the house the scaffold edits (every per-ministry list is derived from its rows). */
export const registryFile = 'schema/ministries.ts';
const marker = /^([ \t]*)\/\/ new-ministry:registry$/m;

const ts = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** What the scaffold did to the registry: a new row, an existing catalogue-only row given its system, or nothing. */
export type RegistryChange = 'inserted' | 'completed' | 'present';

/** The row's `system` and `subgraph` entries (4-space indent, as in the registry). */
function connection(spec: MinistrySpec): string[] {
  const t = tokensOf(spec);
  const room = pascal(spec.system);
  return [
    '    system: {',
    `      code: '${spec.system}',`,
    `      title: ${ts(spec.systemTitle)},`,
    `      roomLabel: { short: ${ts(room)}, long: ${ts(`${room} (${spec.ministryShortName})`)} },`,
    `      referencePrefix: '${spec.referencePrefix}',`,
    `      legacyPort: ${spec.legacyPort},`,
    `      urlEnv: '${spec.system.toUpperCase()}_URL',`,
    "      urlFrom: 'origin',",
    "      feedOperations: ['mouvements'],",
    '    },',
    `    subgraph: { name: '${spec.name}', port: ${spec.subgraphPort}, dossierType: '${spec.typeName}', citizenListField: '${t.__listField__}' },`,
  ];
}

/** The placeholder procedure (6-space indent): the adapter's and simulator's procedures map it; replace it with the real ones. */
function placeholderProcedure(spec: MinistrySpec): string[] {
  return [
    '      {',
    `        key: '${spec.referencePrefix}_APPLICATION',`,
    `        code: '${spec.referencePrefix}-DEMANDE',`,
    "        title: 'Demande d’autorisation (à préciser)',",
    `        description: ${ts(`Démarche générée par new:ministry pour ${spec.ministryTitle} : remplacez-la par les démarches réelles du ministère.`)},`,
    "        requiredDocuments: ['Demande timbrée adressée au ministre', 'Pièce d’identité du demandeur'],",
    '        feeFcfa: 10_000,',
    '        legalDelayDays: 30,',
    '      },',
  ];
}

/** The new ministry's whole row, as it goes above the registry's `// new-ministry:registry` marker. */
export function registryRow(spec: MinistrySpec): string {
  return [
    '  {',
    `    code: '${spec.ministryCode}',`,
    `    name: ${ts(spec.ministryTitle)},`,
    `    shortName: ${ts(spec.ministryShortName)},`,
    `    enumDescription: ${ts(`${spec.ministryShortName}.`)},`,
    ...connection(spec),
    '    procedures: [',
    ...placeholderProcedure(spec),
    '    ],',
    '  },',
  ].join('\n');
}

/** The rows of the registry's array, each from its `  {` line to its `  },` line. */
function rowsOf(content: string): { start: number; end: number; text: string }[] {
  const rows: { start: number; end: number; text: string }[] = [];
  const pattern = /^ {2}\{\n[\s\S]*?^ {2}\},\n/gm;
  for (let match = pattern.exec(content); match; match = pattern.exec(content)) rows.push({ start: match.index, end: match.index + match[0].length, text: match[0] });
  return rows;
}

/**
 * Adds the ministry to the registry's text: a new row above the marker, or — for a ministry already in the catalogue
 * without a system (`--ministry-code SECURITY`) — its system, subgraph and placeholder procedure in its own row.
 * Nothing when the system's row is there already (a second run). Throws when the marker or the row's shape is missing.
 */
export function addToRegistry(content: string, spec: MinistrySpec): { content: string; change: RegistryChange } {
  if (new RegExp(`^\\s+system: \\{\\n\\s+code: '${spec.system}',$`, 'm').test(content)) return { content, change: 'present' };
  const own = rowsOf(content).find((row) => row.text.includes(`\n    code: '${spec.ministryCode}',\n`));
  if (own) {
    const procedures = own.text.indexOf('\n    procedures: [\n');
    const closing = own.text.lastIndexOf('\n    ],\n');
    if (procedures < 0 || closing < procedures || own.text.includes('\n    system: {'))
      throw new Error(`the registry row of ${spec.ministryCode} does not have the expected shape: add its system by hand`);
    const text = `${own.text.slice(0, procedures + 1)}${connection(spec).join('\n')}\n${own.text.slice(procedures + 1, closing + 1)}${placeholderProcedure(spec).join('\n')}\n${own.text.slice(closing + 1)}`;
    return { content: `${content.slice(0, own.start)}${text}${content.slice(own.end)}`, change: 'completed' };
  }
  const match = marker.exec(content);
  if (!match) throw new Error(`marker // new-ministry:registry not found in ${registryFile}`);
  return { content: `${content.slice(0, match.index)}${registryRow(spec)}\n${content.slice(match.index)}`, change: 'inserted' };
}
