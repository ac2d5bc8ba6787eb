import { createRequire } from 'node:module';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

const shared = {
  // SWC, not esbuild: type-graphql needs emitDecoratorMetadata.
  plugins: [swc.vite({ jsc: { parser: { syntax: 'typescript' as const, decorators: true }, transform: { decoratorMetadata: true, legacyDecorator: true } } })],
  resolve: {
    // graphql 16 has no exports map: one copy for every importer, or "another module or realm".
    alias: { graphql: require.resolve('graphql') },
  },
};

export default defineConfig({
  ...shared,
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        ...shared,
        test: { name: 'unit', include: ['**/*.test.ts'], exclude: ['**/node_modules/**', 'dist/**', 'tests/integration/**'], testTimeout: 30_000, pool: 'forks' },
      },
      {
        ...shared,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          // One real stack (every process) for the whole integration run, started from dist/.
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 180_000,
          pool: 'forks',
          // Fault tests change the shared simulators: integration files run one at a time.
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
