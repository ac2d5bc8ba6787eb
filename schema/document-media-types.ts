import type { DocumentKind } from './document-kinds.js';

/** The media types Guichet accepts for any document: PDF, and the two image formats a phone's scan produces. */
export const documentMediaTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type DocumentMediaType = (typeof documentMediaTypes)[number];

export function isDocumentMediaType(value: string): value is DocumentMediaType {
  return (documentMediaTypes as readonly string[]).includes(value);
}

const pdfOnly = ['application/pdf'] as const satisfies readonly DocumentMediaType[];
/** A paper the citizen holds and may photograph (identity card, receipt, signed letter, plan on paper). */
const pdfOrScan = ['application/pdf', 'image/jpeg', 'image/png'] as const satisfies readonly DocumentMediaType[];

/**
 * What each kind of document may be, checked on the bytes at upload. Studies, programmes, statutes and deeds are
 * long documents that a photograph cannot stand for: PDF only. Data, not code per kind: a new kind is one line here.
 */
export const allowedMediaTypesOfKind: Readonly<Record<DocumentKind, readonly DocumentMediaType[]>> = {
  IDENTITY_DOCUMENT: pdfOrScan,
  APPLICATION_LETTER: pdfOrScan,
  COMPANY_REGISTRATION: pdfOnly,
  COMPANY_STATUTES: pdfOnly,
  TAX_CERTIFICATE: pdfOrScan,
  SITE_PLAN: pdfOrScan,
  LOCATION_PLAN: pdfOrScan,
  PERIMETER_MAP: pdfOrScan,
  LAND_TITLE: pdfOrScan,
  LANDOWNER_CONSENT: pdfOrScan,
  TECHNICAL_STUDY: pdfOnly,
  FEASIBILITY_STUDY: pdfOnly,
  ENVIRONMENTAL_IMPACT_STUDY: pdfOnly,
  ENVIRONMENTAL_COMPLIANCE_CERTIFICATE: pdfOrScan,
  WORK_PROGRAMME: pdfOnly,
  FINANCIAL_CAPACITY: pdfOnly,
  FACILITY_PLANS: pdfOrScan,
  FIRE_SAFETY_OPINION: pdfOrScan,
  INSURANCE_CERTIFICATE: pdfOrScan,
  QUALIFICATION_DIPLOMA: pdfOrScan,
  PROFESSIONAL_EXPERIENCE: pdfOrScan,
  CRIMINAL_RECORD: pdfOrScan,
  EQUIPMENT_LIST: pdfOnly,
  REHABILITATION_PLAN: pdfOnly,
  HEALTH_SAFETY_COMMITMENT: pdfOrScan,
  CURRENT_TITLE: pdfOrScan,
  TRANSFER_DEED: pdfOnly,
  PRODUCTION_STATEMENT: pdfOnly,
  SUPPLY_CONTRACT: pdfOnly,
  VEHICLE_DOCUMENTS: pdfOrScan,
  GRID_CONNECTION_STUDY: pdfOnly,
  FEE_RECEIPT: pdfOrScan,
  ACT_REFERENCE: pdfOrScan,
  ARCHITECT_PLANS: pdfOrScan,
  WORKS_ESTIMATE: pdfOnly,
};
