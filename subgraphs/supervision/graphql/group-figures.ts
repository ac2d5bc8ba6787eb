import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar, ProcedureRef } from '../../shared/index.js';
import { MinistryCode } from '../../shared/index.js';
import { ProcessingFigures } from './processing-figures.js';

@ObjectType({ description: 'Les chiffres d’un ministère.' })
export class MinistryFigures {
  @Field(() => MinistryCode)
  ministry!: MinistryCode;

  @Field(() => ProcessingFigures)
  figures!: ProcessingFigures;
}

@ObjectType({ description: 'Les chiffres d’une démarche, mesurés contre son délai légal.' })
export class ProcedureFigures {
  @Field(() => ProcedureRef, { description: 'La démarche du catalogue (intitulé, délai légal…).' })
  procedure!: ProcedureRef;

  @Field(() => ProcessingFigures)
  figures!: ProcessingFigures;
}

@ObjectType({ description: 'Les chiffres d’une commune : celle de la parcelle (électricité, permis) ou du centre d’état civil qui délivre les copies.' })
export class CommuneFigures {
  @Field({ description: 'Code de la commune (ex. GOLFE1).' })
  commune!: string;

  @Field(() => ProcessingFigures)
  figures!: ProcessingFigures;
}

@ObjectType({ description: 'Nombre de dossiers déposés un jour donné.' })
export class DayCount {
  @Field(() => DateScalar)
  day!: string;

  @Field(() => Int)
  count!: number;
}
