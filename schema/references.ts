import { connectedMinistriesInCatalogueOrder, type ConnectedMinistry } from './ministries.js';

/**
 * Graph references carry their system: `CEET-2026-000123`, `URB-2026-004321`, `RNEC-2026-000777`.
 * Each adapter maps them to and from its legacy system's own numbering.
 *
 * An application Guichet accepted but could not deliver yet has Guichet's own reference, which also names its
 * system: `GCH-CEET-0123456789ABCDEF0123`. It is the external reference the ministry's system will store, and the
 * dossier stays reachable by it after delivery.
 */
type Prefix = ConnectedMinistry['system']['referencePrefix'];

/** `ReferencePrefix.CEET === 'CEET'`: each connected ministry's prefix, from the registry, in catalogue order. */
export const ReferencePrefix = Object.fromEntries(connectedMinistriesInCatalogueOrder.map((m) => [m.system.referencePrefix, m.system.referencePrefix])) as {
  readonly [P in Prefix]: P;
};
export type DossierSystem = Prefix;

/** Every prefix, written once: the patterns below are built from the registry. */
const prefixes = Object.values(ReferencePrefix).join('|');
const referencePattern = new RegExp(`^(${prefixes})-(\\d{4})-(\\d{6})$`);
const queuedReferencePattern = new RegExp(`^GCH-(${prefixes})-[0-9A-F]{20}$`);

export function isWellFormedReference(reference: string): boolean {
  return referencePattern.test(reference) || queuedReferencePattern.test(reference);
}

/** Guichet's own reference of an application (delivered or not), as opposed to a ministry's. */
export function isGuichetReference(reference: string): boolean {
  return queuedReferencePattern.test(reference);
}

/** The system a well-formed reference belongs to, or undefined. */
export function systemOfReference(reference: string): DossierSystem | undefined {
  const match = referencePattern.exec(reference) ?? queuedReferencePattern.exec(reference);
  return match ? (match[1] as DossierSystem) : undefined;
}
