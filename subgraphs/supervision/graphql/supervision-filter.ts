import { IsOptional } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DateScalar, IsCommuneCode } from '../../shared/index.js';
import { MinistryCode } from '../../shared/index.js';

@InputType({ description: 'Quels dossiers compter ; chaque critère est facultatif. La période porte sur la date de dépôt.' })
export class SupervisionFilter {
  @Field(() => MinistryCode, { nullable: true })
  ministry?: MinistryCode | null;

  @Field(() => ID, { nullable: true, description: 'Code d’une démarche du catalogue (ex. CEET-RACCORDEMENT-BT).' })
  procedure?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Déposés ce jour ou après.' })
  from?: Date | null;

  @Field(() => DateScalar, { nullable: true, description: 'Déposés ce jour ou avant.' })
  to?: Date | null;

  @Field(() => String, { nullable: true, description: 'Code de la commune (ex. GOLFE1).' })
  @IsOptional()
  @IsCommuneCode()
  commune?: string | null;
}
