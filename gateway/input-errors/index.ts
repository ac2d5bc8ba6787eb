export { createVariableErrorsPlugin } from './create-variable-errors-plugin.js';
export { variableFieldErrors } from './variable-field-errors.js';
export type { VariableFieldErrorsOptions } from './variable-field-errors.js';
