// The benchmark: Guichet's gateway against stock @apollo/gateway, Hive Gateway and the subgraphs called directly,
// on a stack of its own (`npm run bench`; `-- --quick` is the smoke `npm test` runs).
export { runBench } from './run-bench.js';
export { defaultBenchOptions, quickBenchOptions, scenarioNames, targetNames, benchModes } from './bench-options.js';
export type { BenchOptions, BenchMode, ScenarioName, TargetName, GuichetVariant } from './bench-options.js';
export { parseBenchArgs, BenchArgsError, benchUsage } from './parse-bench-args.js';
export { formatBenchResults } from './format-bench-results.js';
export { checkTargets } from './check-targets.js';
export type { TargetCheck } from './check-targets.js';
export type { BenchFigures, ScenarioFigures, TargetFigures, ScalingPoint, DossierCountPoint } from './bench-figures.js';
export { ensurePeers } from './ensure-peers.js';
export type { PushFigures } from './measure-push.js';
