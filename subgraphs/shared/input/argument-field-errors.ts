import { getNamedType, isInputObjectType, type GraphQLResolveInfo } from 'graphql';
import { validate, type ValidationError, type ValidatorOptions } from 'class-validator';
import type { ValidatorFn } from 'type-graphql';
import { FieldErrorCode, type FieldError } from '../../../schema/index.js';
import { fieldsInputError } from './user-input-error.js';

/** type-graphql's own defaults for class-validator (resolvers/validate-arg.js), kept as they were. */
const validatorOptions: ValidatorOptions = { skipMissingProperties: true, forbidUnknownValues: false };

/** class-validator constraints by what they say of the value; any other is INVALID. */
const requiredConstraints = new Set(['isDefined', 'isNotEmpty', 'arrayNotEmpty']);
const rangeConstraints = new Set(['min', 'max', 'isLength', 'minLength', 'maxLength', 'arrayMinSize', 'arrayMaxSize', 'minDate', 'maxDate', 'isPositive', 'isNegative']);

const codeOf = (constraint: string): FieldErrorCode =>
  requiredConstraints.has(constraint) ? FieldErrorCode.REQUIRED : rangeConstraints.has(constraint) ? FieldErrorCode.OUT_OF_RANGE : FieldErrorCode.INVALID;

/**
 * type-graphql's argument validation (class-validator on input types, what its default does), refused as
 * BAD_USER_INPUT with `extensions.fields`: one entry per broken constraint, its path from the argument
 * (`['input', 'quarter']`) and its French message. The default throws class-validator's errors, which know the object
 * but not the argument's name; here the field's definition is at hand to name it.
 */
export const validateArguments: ValidatorFn = async (argValue: unknown, argType, { info }) => {
  if (argValue === null || typeof argValue !== 'object') return;
  const items: unknown[] = Array.isArray(argValue) ? argValue : [argValue];
  const path = argumentPath(info, typeof argType === 'function' ? argType.name : undefined);
  const fields: FieldError[] = [];
  for (const [index, item] of items.entries()) {
    if (item === null || typeof item !== 'object') continue;
    const itemPath = Array.isArray(argValue) ? [...path, index] : path;
    for (const failure of await validate(item, validatorOptions)) fields.push(...fieldErrorsOf(failure, itemPath));
  }
  if (fields.length > 0) throw fieldsInputError(fields);
};

/** The argument of that input type: the one whose type bears its class's name, else the only input-object one. */
function argumentPath(info: GraphQLResolveInfo, className: string | undefined): (string | number)[] {
  const args = info.parentType.getFields()[info.fieldName]?.args ?? [];
  const objects = args.filter((arg) => isInputObjectType(getNamedType(arg.type)));
  const match = objects.find((arg) => getNamedType(arg.type).name === className) ?? (objects.length === 1 ? objects[0] : undefined);
  return match ? [match.name] : [];
}

function fieldErrorsOf(failure: ValidationError, parent: readonly (string | number)[]): FieldError[] {
  const path = [...parent, /^\d+$/.test(failure.property) ? Number(failure.property) : failure.property];
  const own = Object.entries(failure.constraints ?? {}).map(([constraint, message]): FieldError => ({ path, code: codeOf(constraint), message }));
  return [...own, ...(failure.children ?? []).flatMap((child) => fieldErrorsOf(child, path))];
}
