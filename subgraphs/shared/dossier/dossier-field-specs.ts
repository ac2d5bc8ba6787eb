import { Directive, Field, ID } from 'type-graphql';
import { DossierStatus } from '../../../schema/dossier-status.js';
import { DateTimeScalar } from './scalars.js';
import { DossierStep } from './dossier-step.js';
import './dossier-status-enum.js';

type TypeThunk = () => unknown;

interface DossierFieldSpec {
  readonly name: string;
  readonly type: TypeThunk;
  readonly nullable?: boolean;
  readonly description: string;
}

/** The fields every dossier has, whatever its ministry: one list for the interface, the owners and the stubs. */
const dossierFieldSpecs = (procedureType: TypeThunk): readonly DossierFieldSpec[] => [
  { name: 'reference', type: () => ID, description: 'Référence du dossier, préfixée par son système (CEET-, URB-, RNEC-).' },
  { name: 'status', type: () => DossierStatus, description: 'Statut normalisé, commun à tous les ministères.' },
  { name: 'ministryStatus', type: () => String, description: 'Libellé du statut propre au ministère.' },
  { name: 'submittedAt', type: () => DateTimeScalar, description: 'Date de dépôt.' },
  { name: 'updatedAt', type: () => DateTimeScalar, description: 'Date de la dernière mise à jour.' },
  { name: 'history', type: () => [DossierStep], description: 'Historique daté, du plus ancien au plus récent.' },
  { name: 'nextAction', type: () => String, nullable: true, description: 'Ce que le citoyen doit faire maintenant, s’il doit agir.' },
  { name: 'procedure', type: procedureType, nullable: true, description: 'La démarche dont relève ce dossier.' },
  {
    name: 'stale',
    type: () => Boolean,
    description: 'Vrai quand le système du ministère est injoignable : ce dossier est la dernière version connue (voir asOf).',
  },
  {
    name: 'asOf',
    type: () => DateTimeScalar,
    nullable: true,
    description:
      'Si stale : quand cette dernière version connue a été lue auprès du ministère. Sinon, si renseigné : jusqu’à quand le flux des changements du ministère prouve le dossier inchangé (réponse sans appel au ministère). Null : lu à l’instant auprès du ministère.',
  },
];

export interface DossierFieldOptions {
  /** The class standing for `Procedure` in this subgraph (a stub in ministries, the entity in dossiers). */
  readonly procedureType: TypeThunk;
  /** Marks every field `@external` (stubs of another subgraph's dossier type, keyed by `lookup`). */
  readonly external?: boolean;
  /** Only these fields (a stub declares what it requires, nothing more); default all. */
  readonly only?: readonly string[];
}

/** Declares the common dossier fields on a type-graphql class (object type, interface or stub). */
export function decorateDossierFields(target: { prototype: object }, { procedureType, external = false, only }: DossierFieldOptions): void {
  for (const spec of dossierFieldSpecs(procedureType)) {
    if (only && !only.includes(spec.name)) continue;
    Field(spec.type as () => typeof String, { nullable: spec.nullable ?? false, description: spec.description })(target.prototype, spec.name);
    if (external) Directive('@external')(target.prototype, spec.name);
  }
}

/**
 * The hidden second key of every dossier type. The dossiers subgraph knows dossiers only by `lookup`, never by
 * `reference`: even `dossier(reference) { reference }` must go through the owner, whose visibility rules decide
 * (NOT_FOUND by every path, a key-only selection included).
 */
export function decorateLookupKey(target: { prototype: object }): void {
  Field(() => ID, { description: 'Clé technique de fédération : la référence, ou le dossier tel que la liste du ministère l’a lu, scellé pour la même requête.' })(target.prototype, 'lookup');
  Directive('@inaccessible')(target.prototype, 'lookup');
}

/** Fields a dossier stub must give the dossiers subgraph to sort, filter and page a citizen's list. */
export const dossierListingFields = 'reference updatedAt status stale';

/** The hidden field by which a ministry's list hands `dossiers` the sealed records of the page (see `sealedListing`). */
export const sealedListingField = 'sealedListing';

/**
 * The hidden `sealedListing` of a dossier type: on a record of a citizen's list, that record as the list read it,
 * sealed for the page's entity fetches of the same request (subgraphs/shared/listing-seal); null otherwise. The
 * dossiers subgraph requires it with the list and hands it back as the `lookup` key, so that the owner serves the
 * page without reading the legacy system twice. `@external` on the dossiers subgraph's stubs.
 */
export function decorateSealedListing(target: { prototype: object }, { external = false }: { readonly external?: boolean } = {}): void {
  Field(() => String, { nullable: true, description: 'Clé technique de fédération : le dossier tel que la liste du ministère l’a lu, scellé pour la même requête.' })(
    target.prototype,
    sealedListingField,
  );
  // Hidden by its owners; composition refuses `@inaccessible` on an external field, and the owners' suffices.
  if (external) Directive('@external')(target.prototype, sealedListingField);
  else Directive('@inaccessible')(target.prototype, sealedListingField);
}
