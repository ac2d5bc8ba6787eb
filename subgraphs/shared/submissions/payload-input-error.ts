import type { GraphQLError } from 'graphql';
import type { z } from 'zod';
import { FieldErrorCode, type FieldError } from '../../../schema/index.js';
import { fieldsInputError } from '../input/user-input-error.js';

/**
 * The payload schema's refusal (the adapter's zod schema, behind the argument's own checks) as BAD_USER_INPUT with
 * `extensions.fields`. Every filing mutation takes its application as `input`, and a payload's keys are that input's
 * fields, but for the applicant (`niu` in every payload, `applicantNiu` in every input).
 */
export function payloadInputError(issues: readonly z.core.$ZodIssue[]): GraphQLError {
  return fieldsInputError(
    issues.map(
      (issue): FieldError => ({
        path: ['input', ...issue.path.map((key) => (key === 'niu' ? 'applicantNiu' : typeof key === 'symbol' ? String(key) : key))],
        code: codeOf(issue.code),
        message: issue.message,
      }),
    ),
  );
}

function codeOf(code: z.core.$ZodIssue['code']): FieldErrorCode {
  if (code === 'too_small' || code === 'too_big') return FieldErrorCode.OUT_OF_RANGE;
  if (code === 'unrecognized_keys') return FieldErrorCode.UNKNOWN_FIELD;
  return FieldErrorCode.INVALID;
}
