import { registerEnumType } from 'type-graphql';
import { applicantKinds, documentKindLabels, documentKinds, handlingBodies, handlingBodyCodes } from '../../schema/index.js';

/** The catalogue's enums, their values from the shared vocabulary (`schema/`), described in French. */
export const DocumentKind = Object.fromEntries(documentKinds.map((kind) => [kind, kind])) as { readonly [K in (typeof documentKinds)[number]]: K };
registerEnumType(DocumentKind, {
  name: 'DocumentKind',
  description: 'Nature d’une pièce justificative exigée par une démarche.',
  valuesConfig: Object.fromEntries(documentKinds.map((kind) => [kind, { description: `${documentKindLabels[kind]}.` }])),
});

export const HandlingBodyCode = Object.fromEntries(handlingBodyCodes.map((code) => [code, code])) as { readonly [K in (typeof handlingBodyCodes)[number]]: K };
registerEnumType(HandlingBodyCode, {
  name: 'HandlingBodyCode',
  description: 'Direction centrale ou organisme sous tutelle qui instruit une démarche.',
  valuesConfig: Object.fromEntries(handlingBodyCodes.map((code) => [code, { description: `${handlingBodies[code].name}.` }])),
});

export const ApplicantKind = Object.fromEntries(applicantKinds.map((kind) => [kind, kind])) as { readonly [K in (typeof applicantKinds)[number]]: K };
registerEnumType(ApplicantKind, {
  name: 'ApplicantKind',
  description: 'Qui peut déposer une démarche.',
  valuesConfig: { CITIZEN: { description: 'Un particulier, en son nom propre.' }, COMPANY: { description: 'Une entreprise, par un représentant déclaré.' } },
});
