export { startRnecSimulator, RNEC_PATH } from './start-rnec-simulator.js';
export type { RunningRnecSimulator } from './start-rnec-simulator.js';
export { readRnecSimulatorConfig, rnecSimulatorEnvSchema } from './config.js';
export type { RnecSimulatorConfig } from './config.js';
export { rnecProfile } from './rnec-profile.js';
export { RnecRegistry, MAX_NIU_PER_CALL } from './rnec-registry.js';
export type { RnecErrorCode } from './rnec-fault.js';
