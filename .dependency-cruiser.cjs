// The layers' dependency rules: `npm run deps:check` (part of `npm test`). Each rule's name is what a failure prints;
// docs/conventions.md ("Dependency rules") says what each protects and how to read a failure.
// CommonJS (.cjs) because dependency-cruiser loads its configuration with require() and the package is "type": "module".

/** Test code: integration tests and their harness, unit tests, and the test-support folders beside the code. */
const TEST = '(^tests/|[.]test[.]ts$|/test-support/|/testing/)';
/** Harnesses that, like tests, drive the whole stack from outside: the bench and the soak. */
const HARNESS = `(${TEST}|^bench/|^scripts/soak/)`;
/** The development tools that run the simulated world: `npm start` and the development identity provider. */
const DEV_TOOL = '(^idp/|^scripts/start[.]ts$|^scripts/stack/welcome[.]ts$)';
/** An npm package, resolved (`…node_modules/x/…`) or not (`x`). */
const npm = (names) => `(^|/)node_modules/(${names})/|^(${names})(/|$)`;
/** Every top-level folder of application code. */
const APP = 'gateway|documents|subgraphs|adapters|legacy|outbox|audit|auth|idp|witness|clients|supervision-web|scripts|bench|tests|events';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    // — The layers: client → gateway → subgraph → loader → adapter → legacy, never back up —
    {
      name: 'adapter-not-to-graphql',
      comment:
        'An adapter speaks to one legacy system and returns clean typed records: GraphQL (graphql, type-graphql, @apollo/*, @graphql-tools/*, graphql-scalars, graphql-armor) belongs to the subgraphs and the gateway.',
      severity: 'error',
      from: { path: '^adapters/' },
      to: { path: npm('graphql|type-graphql|graphql-scalars|@apollo/[^/]+|@graphql-tools/[^/]+|@escape[.]tech/graphql-armor') },
    },
    {
      name: 'adapter-not-to-upper-layers',
      comment: 'Adapters sit under the subgraphs: they may use adapters/shared, lib/ and schema/, never the code that calls them.',
      severity: 'error',
      from: { path: '^adapters/' },
      to: { path: '^(gateway|documents|subgraphs|outbox|audit|auth|idp|witness|clients|supervision-web|scripts|bench|tests)/' },
    },
    {
      name: 'subgraph-not-to-transport',
      comment: 'Subgraphs reach a legacy system only through its adapter: soap, axios and undici (HTTP clients) belong to the adapters and the gateway.',
      severity: 'error',
      from: { path: '^subgraphs/' },
      to: { path: npm('soap|axios|undici') },
    },
    {
      name: 'subgraph-not-to-legacy',
      comment: 'Subgraphs never import the simulated ministry systems (legacy/): in production those are remote systems. Tests may, to start a simulator.',
      severity: 'error',
      from: { path: '^subgraphs/', pathNot: TEST },
      to: { path: '^legacy/' },
    },
    {
      name: 'subgraph-not-to-gateway',
      comment: 'A subgraph answers the gateway over HTTP; it never imports gateway code.',
      severity: 'error',
      from: { path: '^subgraphs/' },
      to: { path: '^gateway/' },
    },
    {
      name: 'gateway-not-to-subgraphs-adapters-outbox',
      comment: 'The gateway knows the subgraphs only through the supergraph and HTTP: it never imports subgraphs/, adapters/ or outbox/.',
      severity: 'error',
      from: { path: '^gateway/' },
      to: { path: '^(subgraphs|adapters|outbox)/' },
    },
    {
      name: 'documents-not-to-layers',
      comment:
        'documents/ (the checks and stores of supporting documents) is shared by the gateway, which stores uploads, and the subgraphs and outbox, which file and forward them: it uses lib/, schema/ and the audit trail’s types, never the layers that use it.',
      severity: 'error',
      from: { path: '^documents/', pathNot: TEST },
      to: { path: '^(gateway|subgraphs|adapters|legacy|outbox|auth|idp|witness|clients|supervision-web|scripts|bench|tests|events)/' },
    },
    {
      name: 'legacy-not-to-graph-side',
      comment: 'The simulated systems stand on the far side of the wire: they never import the code that calls them. Tests may (e.g. to read the seeded world through an adapter).',
      severity: 'error',
      from: { path: '^legacy/', pathNot: TEST },
      to: { path: '^(gateway|documents|subgraphs|adapters|outbox|audit|auth|idp|witness|clients|supervision-web|scripts|bench|tests)/' },
    },
    {
      name: 'lib-not-to-app',
      comment: 'lib/ is plumbing shared by every service: it knows no layer and no domain (not even schema/). Its tests may check a layer against it.',
      severity: 'error',
      from: { path: '^lib/', pathNot: TEST },
      to: { path: `^(${APP}|schema)/` },
    },
    {
      name: 'schema-not-to-app',
      comment: 'schema/ is the vocabulary every layer shares (error codes, statuses, procedures): it imports no layer. Its tests may use the scripts (composition).',
      severity: 'error',
      from: { path: '^schema/', pathNot: TEST },
      to: { path: `^(${APP})/` },
    },

    {
      name: 'events-only-to-vocabulary',
      comment:
        'events/ is the dossier-event vocabulary the supervision subgraph produces, and the reader of its stream the gateway and the webhooks subgraph share: it imports only schema/, adapters/shared (types) and auth/ (the internal-token header), never a layer.',
      severity: 'error',
      from: { path: '^events/', pathNot: TEST },
      to: { path: `^(${APP})/`, pathNot: '^(adapters/shared|events|auth)/' },
    },

    // — Ministries know nothing of each other —
    {
      name: 'subgraph-not-to-other-subgraph',
      comment: 'subgraphs/<a> never imports subgraphs/<b>: what they share lives in subgraphs/shared.',
      severity: 'error',
      from: { path: '^subgraphs/([^/]+)/', pathNot: '^subgraphs/shared/' },
      to: { path: '^subgraphs/[^/]+/', pathNot: '^subgraphs/($1|shared)/' },
    },
    {
      name: 'adapter-not-to-other-adapter',
      comment: 'adapters/<a> never imports adapters/<b>: what they share lives in adapters/shared.',
      severity: 'error',
      from: { path: '^adapters/([^/]+)/', pathNot: '^adapters/shared/' },
      to: { path: '^adapters/[^/]+/', pathNot: '^adapters/($1|shared)/' },
    },
    {
      name: 'legacy-not-to-other-legacy',
      comment: 'legacy/<a> never imports legacy/<b>: what the simulators share lives in legacy/shared (fault layer, admin, feeds) and legacy/world (the seeded population).',
      severity: 'error',
      from: { path: '^legacy/([^/]+)/', pathNot: '^legacy/(shared|world)/' },
      to: { path: '^legacy/[^/]+/', pathNot: '^legacy/($1|shared|world)/' },
    },
    {
      name: 'shared-not-to-one-ministry',
      comment: 'The shared folders (subgraphs/shared, adapters/shared, legacy/shared, legacy/world) never depend on one ministry. Their tests may, to run a check over every ministry.',
      severity: 'error',
      from: { path: '^(subgraphs|adapters|legacy)/(shared|world)/', pathNot: TEST },
      to: { path: '^(subgraphs|adapters|legacy)/[^/]+/', pathNot: '^(subgraphs|adapters|legacy)/(shared|world)/' },
    },

    // — The simulated systems, tests and tools —
    {
      name: 'not-to-legacy',
      comment: 'Only legacy/ itself, tests, the harnesses (bench/, scripts/soak/) and the development tools import legacy/: in production those systems are remote.',
      severity: 'error',
      from: { pathNot: `(^legacy/|^subgraphs/|${HARNESS}|${DEV_TOOL})` },
      to: { path: '^legacy/' },
    },
    {
      name: 'dev-tool-only-to-world',
      comment: '`npm start` and the development IdP need the seeded world (legacy/world) and its settings (legacy/shared), never a simulator itself.',
      severity: 'error',
      from: { path: DEV_TOOL, pathNot: TEST },
      to: { path: '^legacy/', pathNot: '^legacy/(world|shared)/' },
    },
    {
      name: 'not-to-test-code',
      comment: 'Production code never imports tests or test support (tests/, *.test.ts, test-support/, testing/): the build leaves them out. Harnesses (bench/, scripts/soak/) may.',
      severity: 'error',
      from: { pathNot: HARNESS },
      to: { path: TEST },
    },
    {
      name: 'service-not-to-dev-dependency',
      comment: 'The services run with production dependencies only: a devDependency (vitest, codegen…) is for tests, scripts, the bench and the example clients.',
      severity: 'error',
      from: { path: '^(gateway|documents|subgraphs|adapters|legacy|lib|schema|auth|idp|audit|witness|outbox|events)/', pathNot: TEST },
      to: { dependencyTypes: ['npm-dev'] },
    },

    // — Whole graph —
    {
      name: 'no-circular',
      comment:
        'No cycle of runtime imports: a module would run before the one it imports has finished loading. A cycle that goes through an `import type` is allowed: the type import is erased at compile time.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves: one that does not escapes every rule above.',
      severity: 'error',
      // The build's asset step runs compiled code (the room's labels, generated from the registry) after tsc.
      from: { pathNot: '^scripts/copy-assets[.]mjs$' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Built output, the bench's separately installed peers, run-time data.
    exclude: { path: '^(dist|bench/peers|[.]data)/' },
    // See `import type` too: a rule on a layer holds for types as well (only no-circular lets them through).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      // `types`/`typings`: packages that ship only type declarations (@graphql-typed-document-node/core).
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
