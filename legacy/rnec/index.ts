export { startRnecSimulator, RNEC_PATH } from './start-rnec-simulator.js';
export type { RunningRnecSimulator } from './start-rnec-simulator.js';
export { readRnecSimulatorConfig, rnecSimulatorEnvSchema } from './config.js';
export type { RnecSimulatorConfig } from './config.js';
export { rnecProfile } from './rnec-profile.js';
export { RnecRegistry, MAX_NIU_PER_CALL } from './rnec-registry.js';
export type { RnecErrorCode } from './rnec-fault.js';
export { RnecV2Operation, rnecV2Operations, RNEC_V2_PATH } from './v2/index.js';
export type { PersonneV2, ActeV2, DemandeV2, EtapeV2, TypeActeV2 } from './v2/index.js';
