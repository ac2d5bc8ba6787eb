import { GraphQLError } from 'graphql';
import { ErrorCode, errorMessages } from '../../schema/index.js';
import type { StreamEnd } from './open-event-stream.js';

/** A refusal at subscribe time, with the code clients already know from queries. */
export function subscriptionRefusal(code: 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'RATE_LIMITED' | 'SERVICE_OVERLOADED' | 'BAD_USER_INPUT', reason?: string): GraphQLError {
  return new GraphQLError(errorMessages[ErrorCode[code]], { extensions: { code, ...(reason ? { reason } : {}) } });
}

const endMessages: Record<StreamEnd, string> = {
  TOKEN_EXPIRED: 'Votre session a expiré : reconnectez-vous pour continuer à recevoir les événements.',
  SLOW_CONSUMER: 'Les événements arrivaient plus vite qu’ils n’étaient lus : le flux est fermé. Reprenez avec le dernier curseur reçu.',
  SHUTTING_DOWN: 'Le service redémarre : reprenez avec le dernier curseur reçu.',
  UPSTREAM_UNAVAILABLE: 'Les événements ne peuvent pas être repris pour le moment : réessayez avec le dernier curseur reçu.',
};

const endCodes: Record<StreamEnd, string> = {
  TOKEN_EXPIRED: ErrorCode.UNAUTHENTICATED,
  SLOW_CONSUMER: ErrorCode.SERVICE_OVERLOADED,
  SHUTTING_DOWN: ErrorCode.SERVICE_OVERLOADED,
  UPSTREAM_UNAVAILABLE: ErrorCode.SERVICE_OVERLOADED,
};

/** The stream's last message: why it ends, as a typed error (`extensions.code`, `extensions.reason`). */
export function streamEndError(reason: StreamEnd): GraphQLError {
  return new GraphQLError(endMessages[reason], { extensions: { code: endCodes[reason], reason } });
}
