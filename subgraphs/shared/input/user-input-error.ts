import { GraphQLError } from 'graphql';
import { FIELD_ERRORS_EXTENSION, FieldErrorCode, fieldErrorsSummary, type FieldError } from '../../../schema/index.js';

/**
 * A client mistake the subgraph detects itself (a malformed NIU or reference), with a French message. `field` names
 * the value at fault from the field's arguments — an argument (`'reference'`) or a path into one
 * (`['input', 'communeCode']`) —: the error then carries it in `extensions.fields` too, for a form to show beside it.
 */
export function userInputError(message: string, field?: string | readonly (string | number)[], code: FieldErrorCode = FieldErrorCode.INVALID): GraphQLError {
  if (field === undefined) return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
  const path = typeof field === 'string' ? [field] : field;
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field: path.join('.'), [FIELD_ERRORS_EXTENSION]: [{ path, code, message }] } });
}

/** BAD_USER_INPUT for several fields at once (argument validation, a payload schema), summed up in French. */
export function fieldsInputError(fields: readonly FieldError[]): GraphQLError {
  return new GraphQLError(fieldErrorsSummary(fields), { extensions: { code: 'BAD_USER_INPUT', [FIELD_ERRORS_EXTENSION]: fields } });
}

export function notFoundError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'NOT_FOUND' } });
}
