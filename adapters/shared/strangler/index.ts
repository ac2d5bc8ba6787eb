// Strangler-fig migrations of a legacy system: shadow calls to the new path, compared with the old one's answers.
export { createShadowRunner, type ShadowRunner, type ShadowRunnerOptions } from './shadow-runner.js';
export { differingPaths } from './differing-paths.js';
