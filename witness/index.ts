// The audit trail's witness (its own process): signs the chain tips writers report, refuses rollbacks and forks,
// keeps what it signed append-only. Clients (the gateway, audit:verify) use `witness/client`.
export { startWitness } from './start-witness.js';
export { readWitnessConfig, witnessDefaultPort, witnessEnvSchema, type WitnessConfig } from './witness-config.js';
export { createWitness, type Witness, type WitnessAnswer, type WitnessOptions } from './create-witness.js';
export { decideCheckpoint, type CheckpointDecision } from './decide-checkpoint.js';
export { createWitnessKeyFile, rotateWitnessKeyFile, loadWitnessKeyring, createCheckpointSigner } from './signing/index.js';
export { witnessPostgresComponent, witnessPostgresMigrations, type CheckpointStore } from './store/index.js';
