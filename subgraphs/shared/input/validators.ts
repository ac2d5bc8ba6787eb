import { Matches, ValidateBy } from 'class-validator';
import { nifProblem, rccmProblem } from '../../../schema/index.js';

/** Input validators shared by every ministry's mutation inputs, with their French messages. */
export const IsApplicantNiu = () => Matches(/^\d{12}$/, { message: 'Le NIU du demandeur doit compter 12 chiffres.' });

/** A company's NIF: 10 digits, the last its Luhn key (schema/company-identifiers.ts), with the French reason when not. */
export const IsCompanyNif = () =>
  ValidateBy({
    name: 'isCompanyNif',
    validator: { validate: (value: unknown) => typeof value === 'string' && nifProblem(value) === undefined, defaultMessage: (args) => nifProblem(String(args?.value ?? '')) ?? 'NIF invalide.' },
  });

/** A company's RCCM number (`TG-LOM-2019-B-01234`), with the French reason when not. */
export const IsCompanyRccm = () =>
  ValidateBy({
    name: 'isCompanyRccm',
    validator: { validate: (value: unknown) => typeof value === 'string' && rccmProblem(value) === undefined, defaultMessage: (args) => rccmProblem(String(args?.value ?? '')) ?? 'RCCM invalide.' },
  });

export const IsCommuneCode = () => Matches(/^[A-Z][A-Z0-9]{2,19}$/, { message: 'Le code de commune est invalide (ex. GOLFE1).' });

export const IsLandTitle = () => Matches(/^TF-\d{4}-\d{6}$/, { message: 'Le titre foncier doit avoir la forme TF-AAAA-NNNNNN.' });
