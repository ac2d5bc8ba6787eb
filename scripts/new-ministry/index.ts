// The `npm run new:ministry` scaffold: a ministry's simulator, adapter and subgraph from templates, plus its registry row.
export { runNewMinistry } from './main.js';
export { scaffoldMinistry } from './new-ministry.js';
export type { ScaffoldReport } from './new-ministry.js';
export { parseArgs, usage } from './parse-args.js';
export type { Existing, ScaffoldArgs } from './parse-args.js';
export { readExisting } from './read-existing.js';
export type { MinistrySpec } from './ministry-spec.js';
