import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repo } from './repo.js';
import { runScript } from './run-script.js';
import { createSandbox, type Sandbox } from './sandbox.js';

/** A class that type-graphql reads from decorator metadata when it types a parameter. */
const input = "export class ElectricityInput {\n  quarter = '';\n}\n";
/** The class used only as a parameter's type: a value import is what emitDecoratorMetadata needs. */
const resolver = `import { Arg, Query, Resolver } from 'type-graphql';
import { ElectricityInput } from './electricity-input.js';

@Resolver()
export class ElectricityResolver {
  @Query(() => String)
  quarter(@Arg('input') input: ElectricityInput): string {
    return input.quarter;
  }
}
`;

/** Planted findings (one per file, the file named after it) and clean files beside them. */
const planted: Record<string, string> = {
  'lib/debugger-statement.ts': 'export function pause(): void {\n  debugger;\n}\n',
  'lib/explicit-any.ts': 'export const parse = (text: string): any => JSON.parse(text);\n',
  'lib/double-quotes.ts': 'export const greeting = "bonjour";\n',
  'adapters/ceet/value-import-of-a-type.ts':
    "import { ElectricityInput } from '../../subgraphs/electricity/electricity-input.js';\n\nexport const quarterOf = (request: ElectricityInput): string => request.quarter;\n",
  'subgraphs/electricity/electricity-input.ts': input,
  'subgraphs/electricity/electricity-resolver.ts': resolver,
  'lib/clean.ts': 'export const clean = (text: string): string => text.trim();\n',
};

/** `<file>[:line:column] <category>` headers of Biome's report: each names the rule (or `format`). */
function findings(output: string): string[] {
  return [...output.matchAll(/^(\S+?)(?::\d+:\d+)? (lint\/[\w/]+|format)\b/gm)].map(([, file, category]) => `${file} ${category}`).sort();
}

describe('npm run lint (Biome, biome.jsonc)', () => {
  let sandbox: Sandbox | undefined;
  beforeAll(() => {
    sandbox = createSandbox('lint-rules', planted);
  });
  afterAll(() => sandbox?.remove());

  it('fails on each planted finding, naming its rule, and leaves the clean files and the decorated parameter alone', async () => {
    const { code, output } = await runScript('lint', (sandbox as Sandbox).path, ['--colors=off', '--max-diagnostics=none', ...Object.keys(planted)]);
    expect(code, output.slice(0, 4_000)).not.toBe(0);
    expect(findings(output)).toEqual([
      'adapters/ceet/value-import-of-a-type.ts lint/style/useImportType',
      'lib/debugger-statement.ts lint/suspicious/noDebugger',
      'lib/double-quotes.ts format',
      'lib/explicit-any.ts lint/suspicious/noExplicitAny',
    ]);
  });

  it('passes on the repository', async () => {
    const { code, output } = await runScript('lint', repo, ['--colors=off']);
    expect(code, output.slice(0, 4_000)).toBe(0);
  });
});
