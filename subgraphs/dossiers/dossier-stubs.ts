import { Directive, ObjectType } from 'type-graphql';
import { decorateDossierFields, decorateLookupKey } from '../shared/index.js';
import { Dossier } from './dossier-interface.js';
import { ministryDossierTypes } from './ministry-dossier-types.js';
import { Procedure } from './procedure.js';

/**
 * One stub per ministry dossier type: it implements `Dossier` here, while every field — `reference` included — is
 * `@external`: keyed by the hidden `lookup`, `resolvable: false`, it sends every field to the owning ministry.
 */
function createDossierStub(typeName: string): new () => Dossier {
  const Stub = { [typeName]: class extends Dossier {} }[typeName] as new () => Dossier;
  decorateDossierFields(Stub, { procedureType: () => Procedure, external: true });
  decorateLookupKey(Stub);
  Directive('@key(fields: "lookup", resolvable: false)')(Stub);
  ObjectType(typeName, { implements: Dossier })(Stub);
  return Stub;
}

export const dossierStubs: ReadonlyMap<string, new () => Dossier> = new Map(ministryDossierTypes.map((m) => [m.typeName, createDossierStub(m.typeName)]));
