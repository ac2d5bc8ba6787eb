import { CompactSign } from 'jose';
import { checkpointAlgorithm, checkpointJwsType, type CheckpointStatement } from '../client/index.js';
import type { WitnessKeyring } from './witness-keyring.js';

export interface CheckpointSigner {
  /** Id of the key that signs now. */
  readonly kid: string;
  /** A compact JWS of the statement: header `{alg: EdDSA, kid, typ}`, payload the statement's JSON. */
  sign(statement: CheckpointStatement): Promise<string>;
}

export function createCheckpointSigner(keyring: WitnessKeyring): CheckpointSigner {
  const { kid, privateKey } = keyring.current;
  const encoder = new TextEncoder();
  return {
    kid,
    sign: (statement) => new CompactSign(encoder.encode(JSON.stringify(statement))).setProtectedHeader({ alg: checkpointAlgorithm, kid, typ: checkpointJwsType }).sign(privateKey),
  };
}
