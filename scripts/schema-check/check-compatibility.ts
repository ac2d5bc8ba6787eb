import { apiSchemaOf } from '../../gateway/trusted-documents/index.js';
import type { AcceptedChange } from './accepted-changes.js';
import { diffApiSchemas } from './diff-api-schemas.js';
import type { SchemaChange } from './schema-change.js';

export interface CompatibilityInput {
  /** The committed supergraph: what the gateway serves and clients were built against. */
  readonly baselineSupergraphSdl: string;
  /** The supergraph the code composes to now. */
  readonly candidateSupergraphSdl: string;
  readonly accepted: readonly AcceptedChange[];
}

export interface CompatibilityReport {
  /** Every difference between the two API schemas, sorted by path. */
  readonly changes: readonly SchemaChange[];
  /** Breaking changes no entry accepts: they fail the check. */
  readonly refused: readonly SchemaChange[];
  /** Breaking changes an entry accepts, with that entry. */
  readonly accepted: readonly { readonly change: SchemaChange; readonly entry: AcceptedChange }[];
  /** Changes that break no valid document but may change what clients see (warnings). */
  readonly dangerous: readonly SchemaChange[];
  /** Entries that match no breaking change between the two schemas. */
  readonly staleEntries: readonly AcceptedChange[];
  /** The committed supergraph is byte for byte what the code composes to. */
  readonly upToDate: boolean;
}

const sameChange = (change: SchemaChange, entry: AcceptedChange) => change.path === entry.path && change.type === entry.type;

/**
 * Compares the client-facing API schemas of two supergraphs (join__/link plumbing and @inaccessible elements are
 * not part of the contract, so they cannot break it) and sorts the differences by what they mean for clients,
 * following @graphql-inspector's criticality.
 */
export async function checkCompatibility({ baselineSupergraphSdl, candidateSupergraphSdl, accepted }: CompatibilityInput): Promise<CompatibilityReport> {
  const changes = await diffApiSchemas(apiSchemaOf(baselineSupergraphSdl), apiSchemaOf(candidateSupergraphSdl));
  const breaking = changes.filter((c) => c.level === 'BREAKING');
  const acceptedChanges = breaking.flatMap((change) => {
    const entry = accepted.find((e) => sameChange(change, e));
    return entry ? [{ change, entry }] : [];
  });
  return {
    changes,
    refused: breaking.filter((change) => !accepted.some((e) => sameChange(change, e))),
    accepted: acceptedChanges,
    dangerous: changes.filter((c) => c.level === 'DANGEROUS'),
    staleEntries: accepted.filter((entry) => !breaking.some((change) => sameChange(change, entry))),
    upToDate: baselineSupergraphSdl === candidateSupergraphSdl,
  };
}
