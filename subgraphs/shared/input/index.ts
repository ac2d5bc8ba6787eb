export { assertNiu, assertReference } from './identifiers.js';
export { userInputError, fieldsInputError, notFoundError } from './user-input-error.js';
export { validateArguments } from './argument-field-errors.js';
export { IsApplicantNiu, IsCommuneCode, IsCompanyNif, IsCompanyRccm, IsLandTitle } from './validators.js';
