import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { DossierFields, DossierRecordReaders, FiledDocument } from '../shared/index.js';

@Directive('@key(fields: "reference")')
@Directive('@key(fields: "lookup")')
@DossierRecordReaders()
@ObjectType({ description: 'Demande de copie d’un acte d’état civil (RNEC).' })
export class CivilActCopyRequest extends DossierFields {
  @Field({ description: 'Numéro de l’acte demandé.' })
  actNumber!: string;

  @Field(() => Int, { description: 'Nombre de copies.' })
  copies!: number;

  @Field({ description: 'Code de la commune du centre d’état civil qui délivre les copies.' })
  deliveryCommuneCode!: string;

  // Nullable: read by a call of its own (ListerPieces), so that RNEC failing it leaves the rest of the request shown.
  @Field(() => [FiledDocument], {
    nullable: true,
    description: 'Pièces justificatives que le RNEC a reçues pour cette demande (vide tant qu’elle attend d’y être transmise ; absent, avec une erreur, quand le RNEC ne peut pas les lister).',
  })
  documents!: FiledDocument[] | null;
}
