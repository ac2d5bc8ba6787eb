import { Directive, Field, ObjectType } from 'type-graphql';
import { DossierStatus } from '../../../schema/dossier-status.js';
import { DateTimeScalar } from './scalars.js';
import './dossier-status-enum.js';

@Directive('@shareable')
@ObjectType({ description: 'Une étape datée de l’historique d’un dossier.' })
export class DossierStep {
  @Field(() => DossierStatus, { description: 'Statut normalisé à cette étape.' })
  status!: DossierStatus;

  @Field({ description: 'Libellé du ministère pour cette étape.' })
  ministryStatus!: string;

  @Field(() => DateTimeScalar, { description: 'Date et heure de l’étape (heure de Lomé, UTC).' })
  at!: string;
}
