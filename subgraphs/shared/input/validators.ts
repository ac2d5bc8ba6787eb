import { Matches } from 'class-validator';

/** Input validators shared by every ministry's mutation inputs, with their French messages. */
export const IsApplicantNiu = () => Matches(/^\d{12}$/, { message: 'Le NIU du demandeur doit compter 12 chiffres.' });

export const IsCommuneCode = () => Matches(/^[A-Z][A-Z0-9]{2,19}$/, { message: 'Le code de commune est invalide (ex. GOLFE1).' });

export const IsLandTitle = () => Matches(/^TF-\d{4}-\d{6}$/, { message: 'Le titre foncier doit avoir la forme TF-AAAA-NNNNNN.' });
