/**
 * Per-field detail of a BAD_USER_INPUT error, in `extensions.fields`: one shape whichever layer found the problem (the
 * gateway coercing variables, a subgraph validating its arguments, a ministry's payload schema), so that a form can
 * show each message beside its input. Public contract, like the error codes.
 */
export interface FieldError {
  /**
   * Where the value is, from the operation's variable at the gateway (`['input', 'meterType']`) or the field's
   * argument in a subgraph (`['input', 'quarter']`); list items by index. Clients name their variables after the
   * arguments they feed, so the two read the same.
   */
  readonly path: readonly (string | number)[];
  readonly code: FieldErrorCode;
  /** For the user, in French, without the field's name (the form shows it beside the field). */
  readonly message: string;
}

export const FieldErrorCode = {
  /** Missing, or null where a value is required. */
  REQUIRED: 'REQUIRED',
  /** Not of the expected type or format, or not one of the allowed values. */
  INVALID: 'INVALID',
  /** Too short, too long, too small or too large. */
  OUT_OF_RANGE: 'OUT_OF_RANGE',
  /** A field the input type does not have. */
  UNKNOWN_FIELD: 'UNKNOWN_FIELD',
} as const;

export type FieldErrorCode = (typeof FieldErrorCode)[keyof typeof FieldErrorCode];

/** The extension key. */
export const FIELD_ERRORS_EXTENSION = 'fields';

/**
 * The top-level message of a BAD_USER_INPUT carrying field errors: their French messages, each once, so that a client
 * showing only `message` still tells the user everything.
 */
export function fieldErrorsSummary(fields: readonly FieldError[]): string {
  const messages = [...new Set(fields.map((field) => field.message))];
  return messages.length > 0 ? messages.join(' ') : 'Données invalides.';
}
