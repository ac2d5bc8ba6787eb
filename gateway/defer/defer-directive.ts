import { DirectiveLocation, GraphQLBoolean, GraphQLDirective, GraphQLNonNull, GraphQLSchema, GraphQLString } from 'graphql';

/** `@defer` as graphql-js 17 and the incremental delivery RFC declare it (graphql 16 has none). */
export const deferDirective = new GraphQLDirective({
  name: 'defer',
  description: 'Permet de recevoir ce fragment dans une partie ultérieure de la réponse (`multipart/mixed`).',
  locations: [DirectiveLocation.FRAGMENT_SPREAD, DirectiveLocation.INLINE_FRAGMENT],
  args: {
    if: { type: new GraphQLNonNull(GraphQLBoolean), defaultValue: true, description: 'Différé seulement si vrai.' },
    label: { type: GraphQLString, description: 'Nom de la partie, repris dans la réponse.' },
  },
});

/** The API schema the gateway validates operations against, with `@defer` (the supergraph's API schema has none). */
export function withDeferDirective(schema: GraphQLSchema): GraphQLSchema {
  if (schema.getDirective('defer') !== undefined) return schema;
  const config = schema.toConfig();
  return new GraphQLSchema({ ...config, directives: [...config.directives, deferDirective] });
}
