export { assertNiu, assertReference } from './identifiers.js';
export { userInputError, notFoundError } from './user-input-error.js';
export { IsApplicantNiu, IsCommuneCode, IsLandTitle } from './validators.js';
