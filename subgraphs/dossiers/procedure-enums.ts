import { registerEnumType } from 'type-graphql';
import { applicantKinds, handlingBodies, handlingBodyCodes } from '../../schema/index.js';

/** The catalogue's enums, their values from the shared vocabulary (`schema/`), described in French. */
// DocumentKind is also named by the ministries' filing inputs: registered once, in subgraphs/shared.
export { DocumentKind } from '../shared/index.js';

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
