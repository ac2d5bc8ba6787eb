import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'La société demandeuse d’une demande déposée pour elle par l’un de ses représentants.' })
export class CompanyApplicant {
  @Field(() => ID, { description: 'Numéro d’identification fiscale (NIF).' })
  nif!: string;

  @Field(() => String, { description: 'Numéro au registre du commerce et du crédit mobilier (RCCM).' })
  rccm!: string;
}
