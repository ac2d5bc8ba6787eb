import { GraphQLError } from 'graphql';

const messages = {
  accept: 'Les demandes ne peuvent pas être enregistrées pour le moment. Réessayez plus tard avec la même clé d’idempotence : la demande ne sera jamais déposée deux fois.',
  read: 'Les demandes en attente de transmission ne peuvent pas être consultées pour le moment. Réessayez plus tard.',
} as const;

/**
 * The outbox's database could not be reached: the request fails closed, as BACKEND_UNAVAILABLE (retry later),
 * never with an application half-stored. `accept`: filing; `read`: Guichet's own view of held applications.
 */
export function submissionsUnavailableError(path: keyof typeof messages): GraphQLError {
  return new GraphQLError(messages[path], { extensions: { code: 'BACKEND_UNAVAILABLE' } });
}
