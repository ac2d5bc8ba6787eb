import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { FIELD_ERRORS_EXTENSION, type FieldError } from '../../schema/index.js';
import { variableFieldErrors, type VariableFieldErrorsOptions } from './variable-field-errors.js';

/**
 * Variables that do not coerce are refused before execution as BAD_USER_INPUT (HTTP 400, as Apollo answers them)
 * with `extensions.fields`: every problem, each with its path and a French message a form can show beside its input.
 * Without this, graphql-js stops at one English sentence per variable, its path inside the text.
 */
export function createVariableErrorsPlugin<C extends BaseContext>(options: VariableFieldErrorsOptions = {}): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, schema, request }) {
          const definitions = operation?.variableDefinitions ?? [];
          if (definitions.length === 0) return;
          const fields = variableFieldErrors(schema, definitions, request.variables ?? {}, options);
          if (fields.length === 0) return;
          throw new GraphQLError(summary(fields), { extensions: { code: 'BAD_USER_INPUT', [FIELD_ERRORS_EXTENSION]: fields, http: { status: 400 } } });
        },
      };
    },
  };
}

/** Our messages say what is wrong, not where (a form shows them beside the field): the summary names the fields. */
function summary(fields: readonly FieldError[]): string {
  return `Données invalides : ${fields.map((field) => `${field.path.join('.')} — ${field.message}`).join(' ')}`;
}
