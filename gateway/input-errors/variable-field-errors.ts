import {
  coerceInputValue,
  getNamedType,
  type GraphQLError,
  isEnumType,
  isInputObjectType,
  isInputType,
  isListType,
  isNonNullType,
  isScalarType,
  typeFromAST,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type VariableDefinitionNode,
} from 'graphql';
import { FieldErrorCode, type FieldError } from '../../schema/index.js';

/**
 * Coerces the operation's variables the way execution will (graphql-js `coerceInputValue`, the same rules), but keeps
 * every problem with its structured path instead of graphql-js's one English sentence per variable. Empty: the
 * variables are fine. A variable whose type the schema lacks is left to validation, which refuses it first.
 */
export function variableFieldErrors(
  schema: GraphQLSchema,
  definitions: readonly VariableDefinitionNode[],
  values: Readonly<Record<string, unknown>>,
  { revealSchema = true }: VariableFieldErrorsOptions = {},
): FieldError[] {
  const fields: FieldError[] = [];
  for (const definition of definitions) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type);
    if (type === undefined || !isInputType(type)) continue;
    if (!Object.hasOwn(values, name)) {
      if (definition.defaultValue === undefined && isNonNullType(type)) fields.push({ path: [name], code: FieldErrorCode.REQUIRED, message: required });
      continue;
    }
    coerceInputValue(values[name], type, (path, _invalid, error) => fields.push(fieldErrorOf(type, [name, ...path], error, revealSchema)));
  }
  return fields;
}

export interface VariableFieldErrorsOptions {
  /**
   * Name an enum's values in its message. Default true; false where the schema is not public (production: no
   * introspection, no suggestions), or a client could map the schema by sending wrong values.
   */
  readonly revealSchema?: boolean;
}

const required = 'Ce champ est obligatoire.';

/** graphql 16's coercion messages (pinned), read for their kind; the French text is ours. */
function fieldErrorOf(variableType: GraphQLInputType, path: readonly (string | number)[], error: GraphQLError, revealSchema: boolean): FieldError {
  const missing = /^Field "(\w+)" of required type "[^"]+" was not provided\.$/.exec(error.message);
  if (missing) return { path: [...path, missing[1]!], code: FieldErrorCode.REQUIRED, message: required };
  const unknown = /^Field "(\w+)" is not defined by type "[^"]+"\./.exec(error.message);
  if (unknown) return { path: [...path, unknown[1]!], code: FieldErrorCode.UNKNOWN_FIELD, message: 'Ce champ n’existe pas.' };
  if (/^Expected non-nullable type ".+" not to be null\.$/.test(error.message)) return { path, code: FieldErrorCode.REQUIRED, message: required };
  return { path, code: FieldErrorCode.INVALID, message: expected(typeAt(variableType, path.slice(1)), revealSchema) };
}

/** The named type of the value at `path` below the variable (list indexes and input fields). */
function typeAt(type: GraphQLInputType, path: readonly (string | number)[]): GraphQLNamedType | undefined {
  let current: GraphQLInputType | undefined = type;
  for (const step of path) {
    if (current === undefined) return undefined;
    if (isNonNullType(current)) current = current.ofType;
    if (isListType(current) && typeof step === 'number') current = current.ofType as GraphQLInputType;
    else if (isInputObjectType(current) && typeof step === 'string') current = current.getFields()[step]?.type;
    else return undefined;
  }
  return current === undefined ? undefined : getNamedType(current);
}

const scalarExpectations: Readonly<Record<string, string>> = {
  Int: 'Un nombre entier est attendu.',
  Float: 'Un nombre est attendu.',
  String: 'Un texte est attendu.',
  ID: 'Un identifiant (texte) est attendu.',
  Boolean: 'Oui ou non (true ou false) est attendu.',
};

/** What the value should have been, for the user. */
function expected(type: GraphQLNamedType | undefined, revealSchema: boolean): string {
  if (type === undefined) return 'Valeur invalide.';
  if (isEnumType(type) && !revealSchema) return 'Valeur non reconnue.';
  if (isEnumType(type))
    return `Valeur non reconnue : choisissez l’une de ces valeurs : ${type
      .getValues()
      .map((v) => v.name)
      .join(', ')}.`;
  if (isInputObjectType(type)) return 'Un objet avec ses champs est attendu.';
  if (isScalarType(type)) return scalarExpectations[type.name] ?? `Valeur invalide pour le format ${type.name}.`;
  return 'Valeur invalide.';
}
