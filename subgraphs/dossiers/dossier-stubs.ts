import { Directive, ObjectType } from 'type-graphql';
import { decorateDossierFields, decorateLookupKey, decorateSealedListing, dossierListingFields } from '../shared/index.js';
import { Dossier } from './dossier-interface.js';
import { ministryDossierTypes } from './ministry-dossier-types.js';
import { Procedure } from './procedure.js';

/**
 * One stub per ministry dossier type: it implements `Dossier` here (the hidden key only) and declares `@external`
 * just what `Citizen.dossiers` requires of the ministries' lists to sort, filter and page them, and the owner's sealed
 * listing of each record, handed back as its `lookup`. Keyed by the hidden `lookup`, `resolvable: false`: every
 * public field of a page's dossier comes from its owner.
 */
function createDossierStub(typeName: string): new () => Dossier {
  const Stub = { [typeName]: class extends Dossier {} }[typeName] as new () => Dossier;
  decorateDossierFields(Stub, { procedureType: () => Procedure, external: true, only: dossierListingFields.split(' ') });
  decorateLookupKey(Stub);
  // The owner's seal of the listed record, handed back as the page's `lookup` (docs/architecture.md).
  decorateSealedListing(Stub, { external: true });
  Directive('@key(fields: "lookup", resolvable: false)')(Stub);
  ObjectType(typeName, { implements: Dossier })(Stub);
  return Stub;
}

export const dossierStubs: ReadonlyMap<string, new () => Dossier> = new Map(ministryDossierTypes.map((m) => [m.typeName, createDossierStub(m.typeName)]));
