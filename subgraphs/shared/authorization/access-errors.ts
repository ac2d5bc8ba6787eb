import { GraphQLError } from 'graphql';
import { errorMessages } from '../../../schema/index.js';

export function unauthenticatedError(): GraphQLError {
  return new GraphQLError(errorMessages.UNAUTHENTICATED, { extensions: { code: 'UNAUTHENTICATED' } });
}

export function forbiddenError(message: string = errorMessages.FORBIDDEN): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}
