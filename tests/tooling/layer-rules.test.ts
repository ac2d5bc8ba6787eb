import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repo } from './repo.js';
import { runScript } from './run-script.js';
import { createSandbox, type Sandbox } from './sandbox.js';

const index = (name: string) => `export const ${name} = 1;\n`;
const uses = (from: string, name: string) => `import { ${name} } from '${from}';\n\nexport const used = ${name};\n`;

/**
 * A miniature of the repository: one planted violation per rule (named `uses-…`), and beside them the imports the
 * rules must let through (a subgraph to its adapter and to subgraphs/shared, a simulator to the seeded world, a test
 * starting a simulator, a cycle through `import type`).
 */
const planted: Record<string, string> = {
  'adapters/ceet/index.ts': index('ceet'),
  'adapters/rnec/index.ts': index('rnec'),
  'adapters/shared/index.ts': index('shared'),
  'adapters/ceet/uses-graphql.ts': uses('graphql', 'GraphQLError'),
  'adapters/ceet/uses-type-graphql-types.ts': "import type { ResolverData } from 'type-graphql';\n\nexport type Data = ResolverData;\n",
  'adapters/ceet/uses-rnec.ts': uses('../rnec/index.js', 'rnec'),
  'adapters/ceet/uses-subgraph.ts': uses('../../subgraphs/electricity/index.js', 'electricity'),
  'adapters/ceet/allowed-shared.ts': uses('../shared/index.js', 'shared'),
  'subgraphs/electricity/index.ts': index('electricity'),
  'subgraphs/civil-registry/index.ts': index('civilRegistry'),
  'subgraphs/shared/index.ts': index('shared'),
  'subgraphs/electricity/uses-axios.ts': "import axios from 'axios';\n\nexport const http = axios;\n",
  'subgraphs/electricity/uses-civil-registry.ts': uses('../civil-registry/index.js', 'civilRegistry'),
  'subgraphs/electricity/uses-legacy.ts': uses('../../legacy/ceet/index.js', 'ceetSimulator'),
  'subgraphs/electricity/allowed-shared.ts': uses('../shared/index.js', 'shared'),
  'subgraphs/electricity/allowed-adapter.ts': uses('../../adapters/ceet/index.js', 'ceet'),
  'subgraphs/electricity/allowed-simulator.test.ts': uses('../../legacy/ceet/index.js', 'ceetSimulator'),
  'gateway/uses-subgraph.ts': uses('../subgraphs/electricity/index.js', 'electricity'),
  'gateway/uses-outbox.ts': uses('../outbox/index.js', 'outbox'),
  'gateway/uses-test-support.ts': uses('./test-support/fake-subgraph.js', 'fakeSubgraph'),
  'gateway/test-support/fake-subgraph.ts': index('fakeSubgraph'),
  'outbox/index.ts': index('outbox'),
  'outbox/uses-legacy.ts': uses('../legacy/world/index.js', 'world'),
  'legacy/world/index.ts': index('world'),
  'legacy/mines/index.ts': index('minesSimulator'),
  'legacy/ceet/index.ts': "import { world } from '../world/index.js';\n\nexport const ceetSimulator = world;\n",
  'legacy/ceet/uses-mines.ts': uses('../mines/index.js', 'minesSimulator'),
  'lib/uses-vitest.ts': uses('vitest', 'describe'),
  'lib/cycle-a.ts': "import { b } from './cycle-b.js';\n\nexport const a = () => b;\n",
  'lib/cycle-b.ts': "import { a } from './cycle-a.js';\n\nexport const b = () => a;\n",
  'lib/types-a.ts': "import type { B } from './types-b.js';\n\nexport interface A {\n  b?: B;\n}\n",
  'lib/types-b.ts': "import type { A } from './types-a.js';\n\nexport interface B {\n  a?: A;\n}\n",
};

/** Every violation but the cycle: rule, the importing file, and what it imports (a package by its name). */
const expected = [
  'adapter-not-to-graphql: adapters/ceet/uses-graphql.ts → graphql',
  'adapter-not-to-graphql: adapters/ceet/uses-type-graphql-types.ts → type-graphql',
  'adapter-not-to-other-adapter: adapters/ceet/uses-rnec.ts → adapters/rnec/index.ts',
  'adapter-not-to-upper-layers: adapters/ceet/uses-subgraph.ts → subgraphs/electricity/index.ts',
  'gateway-not-to-subgraphs-adapters-outbox: gateway/uses-outbox.ts → outbox/index.ts',
  'gateway-not-to-subgraphs-adapters-outbox: gateway/uses-subgraph.ts → subgraphs/electricity/index.ts',
  'legacy-not-to-other-legacy: legacy/ceet/uses-mines.ts → legacy/mines/index.ts',
  'not-to-legacy: outbox/uses-legacy.ts → legacy/world/index.ts',
  'not-to-test-code: gateway/uses-test-support.ts → gateway/test-support/fake-subgraph.ts',
  'service-not-to-dev-dependency: lib/uses-vitest.ts → vitest',
  'subgraph-not-to-legacy: subgraphs/electricity/uses-legacy.ts → legacy/ceet/index.ts',
  'subgraph-not-to-other-subgraph: subgraphs/electricity/uses-civil-registry.ts → subgraphs/civil-registry/index.ts',
  'subgraph-not-to-transport: subgraphs/electricity/uses-axios.ts → axios',
];

/** The `error <rule>: <from> → <to>` lines of dependency-cruiser's report, a package named by its name alone. */
function violations(output: string): string[] {
  const found: string[] = [];
  for (const [, rule, from, to] of output.matchAll(/^\s*error ([\w-]+): (\S+) →[ \t]*(\S+)$/gm)) {
    found.push(`${rule}: ${from} → ${(to ?? '').replace(/^.*node_modules\/((?:@[^/]+\/)?[^/]+)\/.*$/, '$1')}`);
  }
  return found.sort();
}

describe('npm run deps:check (dependency-cruiser, .dependency-cruiser.cjs)', () => {
  let sandbox: Sandbox | undefined;
  beforeAll(() => {
    sandbox = createSandbox('layer-rules', planted);
  });
  afterAll(() => sandbox?.remove());

  it('fails on each planted violation, naming its rule, and lets the allowed imports through', async () => {
    const { code, output } = await runScript('deps:check', (sandbox as Sandbox).path);
    expect(code, output.slice(0, 4_000)).not.toBe(0);
    expect(violations(output)).toEqual(expected);
    // The runtime cycle, printed over several lines; the cycle through `import type` is not one.
    expect(output).toMatch(/error no-circular: lib\/cycle-([ab])\.ts →\s+lib\/cycle-[ab]\.ts →\s+lib\/cycle-\1\.ts/);
    expect(output).not.toMatch(/types-[ab]\.ts/);
    expect(output).toContain(`x ${expected.length + 1} dependency violations`);
    // Each failure says what the rule protects.
    expect(output).toContain('GraphQL (graphql, type-graphql');
  });

  it('passes on the repository', async () => {
    const { code, output } = await runScript('deps:check', repo);
    expect(output).toContain('no dependency violations found');
    expect(code, output.slice(0, 4_000)).toBe(0);
  });
});
