import type { CriticalityLevel } from '@graphql-inspector/core';

/** What a schema change means for clients, as @graphql-inspector classifies it. */
export type ChangeLevel = `${CriticalityLevel}`;

/** One difference between two API schemas. */
export interface SchemaChange {
  /** Inspector's change kind, e.g. `FIELD_REMOVED`, `ENUM_VALUE_REMOVED`, `FIELD_ARGUMENT_ADDED`. */
  readonly type: string;
  /** Schema coordinate, e.g. `Citizen.firstName`, `Query.dossier.reference`, `DossierStatus.QUEUED`. */
  readonly path: string;
  readonly level: ChangeLevel;
  readonly message: string;
  /** Why inspector gives it this criticality, when it says. */
  readonly reason?: string;
}
