import { GraphQLScalarType } from 'graphql';
import { DateResolver, DateTimeResolver } from 'graphql-scalars';

/** ISO 8601 instant (`2026-03-02T09:15:00.000Z`); Africa/Lome is UTC+0. */
export const DateTimeScalar = new GraphQLScalarType({
  ...DateTimeResolver.toConfig(),
  description: 'Date et heure ISO 8601 en UTC (heure de Lomé), par exemple 2026-03-02T09:15:00.000Z.',
});

/** Calendar date (`1987-05-14`). */
export const DateScalar = new GraphQLScalarType({
  ...DateResolver.toConfig(),
  description: 'Date calendaire ISO 8601, par exemple 1987-05-14.',
});
