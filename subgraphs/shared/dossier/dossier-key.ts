/** How the gateway names a dossier to its owner: by `reference` (its public key) or `lookup` (the hidden one). */
export type DossierKey = { readonly reference: string } | { readonly lookup: string };

export function referenceOfKey(key: DossierKey): string {
  return 'reference' in key ? key.reference : key.lookup;
}
