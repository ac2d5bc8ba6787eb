import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../dossier/scalars.js';

/**
 * How one legacy system is doing, as the ministry subgraph that calls it sees it (its call policy: calls over the
 * last five minutes, the circuit now, the last failure since start). Internal to the graph: it travels from the
 * ministry to the subgraph that serves `LegacySystemHealth`, which exposes the same fields.
 */
@Directive('@shareable')
@Directive('@inaccessible')
@ObjectType({ description: "Santé d'un système historique vue par le sous-graphe de son ministère." })
export class LegacySystemFigures {
  @Field(() => String, { nullable: true, description: 'Nom du système.' })
  name!: string | null;

  @Field(() => Float, { nullable: true, description: 'Part des appels réussis sur les cinq dernières minutes (0 à 1).' })
  successRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'Latence médiane des appels, en millisecondes.' })
  latencyMsP50!: number | null;

  @Field(() => Float, { nullable: true, description: 'Latence au 95e centile des appels, en millisecondes.' })
  latencyMsP95!: number | null;

  @Field(() => Int, { nullable: true, description: 'Appels des cinq dernières minutes.' })
  calls!: number | null;

  @Field(() => String, { nullable: true, description: 'État du disjoncteur : closed, open ou half-open.' })
  circuit!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Dernier échec constaté.' })
  lastFailureAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Code du dernier échec (BACKEND_TIMEOUT…).' })
  lastFailureCode!: string | null;
}
