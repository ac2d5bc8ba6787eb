/**
 * Graph references carry their system: `CEET-2026-000123`, `URB-2026-004321`, `RNEC-2026-000777`.
 * Each adapter maps them to and from its legacy system's own numbering.
 */
export const ReferencePrefix = {
  CEET: 'CEET',
  URB: 'URB',
  RNEC: 'RNEC',
} as const;
export type DossierSystem = (typeof ReferencePrefix)[keyof typeof ReferencePrefix];

const referencePattern = /^(CEET|URB|RNEC)-(\d{4})-(\d{6})$/;

export function isWellFormedReference(reference: string): boolean {
  return referencePattern.test(reference);
}

/** The system a well-formed reference belongs to, or undefined. */
export function systemOfReference(reference: string): DossierSystem | undefined {
  const match = referencePattern.exec(reference);
  return match ? (match[1] as DossierSystem) : undefined;
}
