// The witness's Ed25519 signing keys (a key file with the current key and the retired public keys) and the signer.
export { createWitnessKeyFile, loadWitnessKeyring, rotateWitnessKeyFile, WitnessKeyError, type WitnessKeyring } from './witness-keyring.js';
export { createCheckpointSigner, type CheckpointSigner } from './checkpoint-signer.js';
