// Talking to the witness: its protocol (checkpoints, signed statements), its HTTP client and signature checks. What
// the gateway and `audit:verify` import; the service itself is `witness/index.ts`.
export {
  checkpointAlgorithm,
  checkpointJwsType,
  checkpointShape,
  checkpointSubmissionShape,
  logIdPattern,
  statementShape,
  type Checkpoint,
  type CheckpointStatement,
  type CheckpointSubmission,
} from './checkpoint-statement.js';
export { checkpointDigest, CheckpointSignatureError, createCheckpointVerifier, decodeLinkedCheckpoint, type CheckpointVerifier, type SignedCheckpoint, type WitnessKeys } from './verify-checkpoint.js';
export { createWitnessClient, WitnessUnavailableError, type CheckpointPage, type SubmitOutcome, type WitnessAlarm, type WitnessClient, type WitnessClientOptions } from './witness-client.js';
export { defaultWitnessUrl, developmentWitnessToken, witnessTokenMinLength } from './witness-defaults.js';
