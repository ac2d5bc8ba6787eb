import type { MinistrySpec } from './ministry-spec.js';
import { kebabOfPascal } from './ministry-spec.js';

/** One file the scaffold writes: its template (under templates/) and where it goes, relative to the repository. */
export interface GeneratedFile {
  readonly template: string;
  readonly path: string;
}

/** The ministry's own new folders, where every generated file goes: nothing else of the house is written but its registry row. */
export function ministryFolders(spec: MinistrySpec): readonly string[] {
  return [`legacy/${spec.system}`, `adapters/${spec.system}`, `subgraphs/${spec.name}`];
}

/**
 * The three new folders — the simulator, the adapter and the subgraph, each with its unit tests — the subgraph's with
 * the portal's trusted submission document (`operations/`, which the trusted-documents manifest collects beside
 * clients/operations: in production the gateway runs only trusted documents).
 */
export function generatedFiles(spec: MinistrySpec): GeneratedFile[] {
  const [legacy, adapter, subgraph] = ministryFolders(spec);
  const type = kebabOfPascal(spec.typeName);
  const legacyFiles: [string, string][] = [
    ['README.md', 'README.md'],
    ['config.ts', 'config.ts'],
    ['main.ts', 'main.ts'],
    ['index.ts', 'index.ts'],
    ['states.ts', 'states.ts'],
    ['procedures.ts', 'procedures.ts'],
    ['legacy-dossier.ts', 'legacy-dossier.ts'],
    ['seed-dossiers.ts', 'seed-dossiers.ts'],
    ['dossier-store.ts', 'dossier-store.ts'],
    ['replies.ts', 'replies.ts'],
    ['deposit.ts', 'deposit.ts'],
    ['routes.ts', 'routes.ts'],
    ['profile.ts', 'profile.ts'],
    ['start-simulator.ts', `start-${spec.system}-simulator.ts`],
    ['simulator.test.ts', `${spec.system}-simulator.test.ts`],
  ];
  const adapterFiles: [string, string][] = [
    ['index.ts', 'index.ts'],
    ['options.ts', 'options.ts'],
    ['types.ts', 'types.ts'],
    ['procedures.ts', 'procedures.ts'],
    ['states.ts', 'states.ts'],
    ['legacy-payloads.ts', 'legacy-payloads.ts'],
    ['references.ts', 'references.ts'],
    ['errors.ts', `${spec.system}-errors.ts`],
    ['http.ts', `${spec.system}-http.ts`],
    ['map-dossier.ts', 'map-dossier.ts'],
    ['validate-input.ts', 'validate-input.ts'],
    ['create-adapter.ts', `create-${spec.system}-adapter.ts`],
    ['adapter-kit.ts', 'adapter-kit.ts'],
    ['adapter.test.ts', `${spec.system}-adapter.test.ts`],
    ['map-dossier.test.ts', 'map-dossier.test.ts'],
  ];
  const subgraphFiles: [string, string][] = [
    ['index.ts', 'index.ts'],
    ['main.ts', 'main.ts'],
    ['ministry.ts', 'ministry.ts'],
    ['citizen.ts', 'citizen.ts'],
    ['application.ts', `${type}.ts`],
    ['application-input.ts', `${type}-input.ts`],
    ['application-page.ts', `${type}-page.ts`],
    ['resolver.ts', `${spec.name}-resolver.ts`],
    ['build-schema.ts', `build-${spec.name}-schema.ts`],
    ['subgraph.test.ts', `${spec.name}-subgraph.test.ts`],
  ];
  return [
    ...legacyFiles.map(([t, p]) => ({ template: `legacy/${t}.tmpl`, path: `${legacy}/${p}` })),
    ...adapterFiles.map(([t, p]) => ({ template: `adapter/${t}.tmpl`, path: `${adapter}/${p}` })),
    ...subgraphFiles.map(([t, p]) => ({ template: `subgraph/${t}.tmpl`, path: `${subgraph}/${p}` })),
    { template: 'client/submit-operation.graphql.tmpl', path: `${subgraph}/operations/Submit${spec.typeName}.graphql` },
  ];
}
