/**
 * RNEC sends commune codes only (`GOLFE1`). Their names, for the clean records: a copy of the registry's
 * reference table, kept here because adapters never import simulator code. An unknown code (a commune created
 * after this table) is shown as its code rather than failing the whole record.
 */
const communes: Readonly<Record<string, { readonly name: string; readonly town: string }>> = {
  GOLFE1: { name: 'Golfe 1', town: 'Lomé' },
  GOLFE2: { name: 'Golfe 2', town: 'Lomé' },
  GOLFE3: { name: 'Golfe 3', town: 'Lomé' },
  GOLFE4: { name: 'Golfe 4', town: 'Lomé' },
  GOLFE5: { name: 'Golfe 5', town: 'Lomé' },
  GOLFE6: { name: 'Golfe 6', town: 'Lomé' },
  GOLFE7: { name: 'Golfe 7', town: 'Lomé' },
  AGOE1: { name: 'Agoè-Nyivé 1', town: 'Agoè-Nyivé' },
  AGOE2: { name: 'Agoè-Nyivé 2', town: 'Agoè-Nyivé' },
  AVE2: { name: 'Avé 2', town: 'Kévé' },
  ZIO2: { name: 'Zio 2', town: 'Gblainvié' },
  LACS1: { name: 'Lacs 1', town: 'Aného' },
  OGOU1: { name: 'Ogou 1', town: 'Atakpamé' },
  KLOTO1: { name: 'Kloto 1', town: 'Kpalimé' },
  TCHAOUDJO1: { name: 'Tchaoudjo 1', town: 'Sokodé' },
  KOZAH1: { name: 'Kozah 1', town: 'Kara' },
  TONE1: { name: 'Tône 1', town: 'Dapaong' },
};

/** `GOLFE1` → `Golfe 1`. */
export function communeName(code: string): string {
  return communes[code]?.name ?? code;
}

/** `GOLFE1` → `Golfe 1 (Lomé)`. */
export function communePlace(code: string): string {
  const commune = communes[code];
  return commune ? `${commune.name} (${commune.town})` : code;
}
