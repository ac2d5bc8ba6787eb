import { extendSchema, parse, type GraphQLSchema } from 'graphql';
import { dossierEventTypeDescriptions, dossierEventTypes } from '../../events/index.js';
import { dossierStatuses, MinistryCode } from '../../schema/index.js';

const enumOf = (name: string, description: string, values: readonly string[]) => `"""${description}"""\nenum ${name} {\n${values.map((v) => `  ${v}`).join('\n')}\n}`;

/**
 * The schema clients see, with the gateway's own `Subscription` root: served over GraphQL over SSE and over WebSocket
 * (gateway/subscriptions), never by the federated executor. Added to the API schema so that the explorer shows it and
 * shipped documents (trusted documents, generated clients) may use it. The supergraph's `DossierStatus`,
 * `MinistryCode` and `DateTime` are reused; a supergraph without them (tests) gets them from `schema/`.
 */
export function withSubscriptionType(api: GraphQLSchema): GraphQLSchema {
  if (api.getSubscriptionType()) return api;
  const missing: string[] = [];
  if (!api.getType('DossierStatus')) missing.push(enumOf('DossierStatus', 'Statut normalisé d’un dossier.', dossierStatuses));
  if (!api.getType('MinistryCode')) missing.push(enumOf('MinistryCode', 'Code d’un ministère.', Object.values(MinistryCode)));
  if (!api.getType('DateTime')) missing.push('"""Instant ISO-8601."""\nscalar DateTime');
  // The webhooks subgraph declares the same enum (its event filters): one definition in the API schema.
  if (!api.getType('DossierEventType'))
    missing.push(`"""Nature d’un événement de dossier."""
enum DossierEventType {
${dossierEventTypes.map((type) => `  """${dossierEventTypeDescriptions[type]}"""\n  ${type}`).join('\n')}
}`);
  const sdl = `
${missing.join('\n\n')}

"""Un changement d’un dossier, poussé au client dès que le ministère l’a enregistré."""
type DossierEvent {
  """Position de l’événement dans le flux : à renvoyer (en-tête Last-Event-ID ou argument after) pour reprendre sans perte ni doublon."""
  cursor: ID!
  """Nature de l’événement."""
  type: DossierEventType!
  """Référence du dossier (CEET-2026-000123)."""
  reference: ID!
  """Statut normalisé après l’événement."""
  status: DossierStatus!
  """Statut tel que le système du ministère l’écrit."""
  ministryStatus: String
  """Statut normalisé avant l’événement (absent à la création)."""
  previousStatus: DossierStatus
  """Ministère qui instruit le dossier."""
  ministry: MinistryCode!
  """Code de la démarche."""
  procedure: String!
  """Quand le changement a eu lieu dans le système du ministère (ou dans la file de Guichet)."""
  at: DateTime!
}

"""Événements poussés par Guichet (GraphQL sur SSE à /graphql/stream, ou sur WebSocket à /graphql)."""
type Subscription {
  """Les événements des dossiers du citoyen connecté et de ceux des sociétés qu’il représente (selon son jeton d’accès), nouveaux dossiers compris. after : reprendre après ce curseur."""
  myDossierEvents(after: ID): DossierEvent!
  """Les événements d’un dossier : pour son titulaire, ou un agent du ministère qui l’instruit. after : reprendre après ce curseur."""
  dossierEvents(reference: ID!, after: ID): DossierEvent!
}

extend schema { subscription: Subscription }
`;
  return extendSchema(api, parse(sdl));
}
