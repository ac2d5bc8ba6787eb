import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { dossierStubs } from './dossier-stubs.js';
import { ministryDossierTypes } from './ministry-dossier-types.js';

/** A dossier as the ministry list gives it to this subgraph through `@requires`. */
export interface ListedDossier {
  readonly reference: string;
  readonly updatedAt: string;
  readonly status: string;
  /** Served from the ministry's last known version while its system is unreachable. */
  readonly stale?: boolean;
  /** The owner's seal of the record as its list read it (the newest of each list), handed back as the page's `lookup`. */
  readonly sealedListing?: string | null;
}

/** The citizen seen from dossiers: the key, the ministries' lists (external) and the unified view added here. */
@Directive('@key(fields: "niu")')
@ObjectType()
export class Citizen {
  @Field(() => ID)
  niu!: string;

  /** Ministry lists keyed by field name, present only when required by `dossiers`. */
  [listField: string]: unknown;
}

for (const ministry of ministryDossierTypes) {
  const stub = dossierStubs.get(ministry.typeName);
  Field(() => [stub], { nullable: true })(Citizen.prototype, ministry.citizenListField);
  Directive('@external')(Citizen.prototype, ministry.citizenListField);
}
