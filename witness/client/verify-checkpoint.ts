import { createHash } from 'node:crypto';
import { base64url, compactVerify, createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, type JSONWebKeySet } from 'jose';
import { checkpointAlgorithm, checkpointJwsType, statementShape, type CheckpointStatement } from './checkpoint-statement.js';

/** A checkpoint whose signature verified, with what it says and which key said it. */
export interface SignedCheckpoint extends CheckpointStatement {
  readonly kid: string;
  /** The compact JWS, as the witness gave it. */
  readonly jws: string;
}

/** A signed checkpoint that does not verify (bad signature, unknown key, wrong type or content). */
export class CheckpointSignatureError extends Error {
  constructor(reason: string) {
    super(`witness checkpoint not trusted: ${reason}`);
    this.name = 'CheckpointSignatureError';
  }
}

/** Whose public keys to trust: a pinned key set, or the witness's own JWKS (fetched, refetched for an unknown `kid`). */
export type WitnessKeys = { readonly jwks: JSONWebKeySet } | { readonly jwksUrl: URL };

export type CheckpointVerifier = (jws: string) => Promise<SignedCheckpoint>;

/** Verifies signed checkpoints: EdDSA only, `typ` checked, payload checked, the signing `kid` required. */
export function createCheckpointVerifier(keys: WitnessKeys): CheckpointVerifier {
  const keySet = 'jwks' in keys ? createLocalJWKSet(keys.jwks) : createRemoteJWKSet(keys.jwksUrl, { cooldownDuration: 1_000 });
  return async (jws) => {
    let verified;
    try {
      verified = await compactVerify(jws, keySet, { algorithms: [checkpointAlgorithm] });
    } catch (error) {
      throw new CheckpointSignatureError(error instanceof Error ? error.message : String(error));
    }
    return readStatement(jws, verified.protectedHeader, verified.payload);
  };
}

/**
 * What a checkpoint says, WITHOUT checking its signature: only for a checkpoint whose bytes are already vouched for
 * by a verified later one (its `prev` is this one's digest), so that a long list costs one signature, not thousands.
 */
export function decodeLinkedCheckpoint(jws: string): SignedCheckpoint {
  const [, payload] = jws.split('.');
  let header;
  let bytes;
  try {
    header = decodeProtectedHeader(jws);
    bytes = base64url.decode(payload ?? '');
  } catch {
    throw new CheckpointSignatureError('not a compact JWS');
  }
  return readStatement(jws, header, bytes);
}

function readStatement(jws: string, header: { readonly typ?: unknown; readonly kid?: unknown }, payload: Uint8Array): SignedCheckpoint {
  if (header.typ !== checkpointJwsType) throw new CheckpointSignatureError(`typ ${JSON.stringify(header.typ)} is not ${checkpointJwsType}`);
  if (typeof header.kid !== 'string') throw new CheckpointSignatureError('no kid in the protected header');
  let statement;
  try {
    statement = statementShape.parse(JSON.parse(new TextDecoder().decode(payload)));
  } catch {
    throw new CheckpointSignatureError('payload is not a checkpoint statement');
  }
  return { ...statement, kid: header.kid, jws };
}

/** `prev` of the checkpoint after this one: sha256 hex of its compact JWS. */
export function checkpointDigest(jws: string): string {
  return createHash('sha256').update(jws, 'utf8').digest('hex');
}
