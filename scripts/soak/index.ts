// The chaos soak: concurrent submissions under injected legacy faults and SIGKILLed services, then a count of
// every accepted submission in its legacy system (`npm run soak`; a short version runs in `npm test`).
export { runSoak } from './run-soak.js';
export { defaultSoakOptions, quickSoakOptions, type SoakOptions } from './soak-options.js';
export { parseSoakArgs } from './parse-soak-args.js';
export { formatSoakFigures } from './format-soak-figures.js';
export type { SoakFigures, SystemFigures } from './soak-figures.js';
export { faultKinds, type FaultKind } from './start-fault-injector.js';
export { soakSystems, type SoakSystem } from './plan-submissions.js';
