import { Field, InputType } from 'type-graphql';
import type { DossierEventType as EventType } from '../../../events/index.js';
import { MinistryCode } from '../../shared/index.js';
import { DossierEventType } from './webhook-enums.js';

@InputType({ description: 'Un webhook à enregistrer.' })
export class RegisterWebhookInput {
  @Field(() => String, { description: 'Adresse HTTPS du récepteur. Les adresses privées, locales ou de bouclage sont refusées (protection SSRF).' })
  url!: string;

  @Field(() => [DossierEventType], { nullable: true, description: 'Les types d’événements voulus ; tous s’il est absent.' })
  eventTypes?: EventType[] | null;

  @Field(() => [MinistryCode], { nullable: true, description: 'Les ministères suivis ; tous s’il est absent.' })
  ministries?: MinistryCode[] | null;

  @Field(() => String, { nullable: true, description: 'Libellé libre (200 caractères au plus).' })
  description?: string | null;
}
