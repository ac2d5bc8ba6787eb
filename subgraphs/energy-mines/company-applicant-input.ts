import { Field, ID, InputType } from 'type-graphql';
import { IsCompanyNif, IsCompanyRccm } from '../shared/index.js';

@InputType({
  description: 'La société pour laquelle la demande est déposée, identifiée par son NIF et son numéro RCCM ; le demandeur (applicantNiu) doit en être le gérant ou un représentant déclaré.',
})
export class CompanyApplicantInput {
  @Field(() => ID, { description: 'Numéro d’identification fiscale (NIF) : 10 chiffres, dont une clé de contrôle (ex. 1000000016).' })
  @IsCompanyNif()
  nif!: string;

  @Field(() => String, { description: 'Numéro au registre du commerce et du crédit mobilier (RCCM), section B (ex. TG-LOM-2019-B-01234).' })
  @IsCompanyRccm()
  rccm!: string;
}
