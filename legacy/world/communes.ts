/** Communes (2019 reform) with their registry code, used for birth places, acts, plots and addresses. */
export interface Commune {
  readonly code: string;
  readonly name: string;
  readonly town: string;
  /** Relative population weight for the seeded world. */
  readonly weight: number;
  readonly quarters: readonly string[];
}

const lome = ['Bè', 'Tokoin', 'Adidogomé', 'Hédzranawoé', 'Nyékonakpoè', 'Kodjoviakopé', 'Adakpamé', 'Baguida', 'Avédji', 'Djidjolé', 'Amadahomé', 'Kégué'];
const agoe = ['Agoè Centre', 'Légbassito', 'Zanguéra', 'Togblékopé', 'Vakpossito', 'Sagbado', 'Adétikopé'];

export const communes: readonly Commune[] = [
  { code: 'GOLFE1', name: 'Golfe 1', town: 'Lomé', weight: 9, quarters: lome },
  { code: 'GOLFE2', name: 'Golfe 2', town: 'Lomé', weight: 7, quarters: lome },
  { code: 'GOLFE3', name: 'Golfe 3', town: 'Lomé', weight: 6, quarters: lome },
  { code: 'GOLFE4', name: 'Golfe 4', town: 'Lomé', weight: 6, quarters: lome },
  { code: 'GOLFE5', name: 'Golfe 5', town: 'Lomé', weight: 6, quarters: lome },
  { code: 'GOLFE6', name: 'Golfe 6', town: 'Lomé', weight: 5, quarters: lome },
  { code: 'GOLFE7', name: 'Golfe 7', town: 'Lomé', weight: 5, quarters: lome },
  { code: 'AGOE1', name: 'Agoè-Nyivé 1', town: 'Agoè-Nyivé', weight: 8, quarters: agoe },
  { code: 'AGOE2', name: 'Agoè-Nyivé 2', town: 'Agoè-Nyivé', weight: 5, quarters: agoe },
  { code: 'AVE2', name: 'Avé 2', town: 'Kévé', weight: 2, quarters: ['Kévé Centre', 'Assahoun', 'Aképé'] },
  { code: 'ZIO2', name: 'Zio 2', town: 'Gblainvié', weight: 3, quarters: ['Gblainvié', 'Gapé', 'Mission-Tové'] },
  { code: 'LACS1', name: 'Lacs 1', town: 'Aného', weight: 3, quarters: ['Aného Centre', 'Glidji', 'Adjido', 'Zowla'] },
  { code: 'OGOU1', name: 'Ogou 1', town: 'Atakpamé', weight: 3, quarters: ['Djama', 'Agbonou', 'Hiheatro', 'Blitta-Gare'] },
  { code: 'KLOTO1', name: 'Kloto 1', town: 'Kpalimé', weight: 3, quarters: ['Kpalimé Centre', 'Kpodzi', 'Hanyigba', 'Tové'] },
  { code: 'TCHAOUDJO1', name: 'Tchaoudjo 1', town: 'Sokodé', weight: 4, quarters: ['Komah', 'Kpangalam', 'Didaouré', 'Tchawanda'] },
  { code: 'KOZAH1', name: 'Kozah 1', town: 'Kara', weight: 4, quarters: ['Kara Centre', 'Tomdè', 'Kpéwa', 'Chaminade'] },
  { code: 'TONE1', name: 'Tône 1', town: 'Dapaong', weight: 3, quarters: ['Dapaong Centre', 'Nassablé', 'Tantigou', 'Worgou'] },
];

const byCode = new Map(communes.map((c) => [c.code, c]));

export function communeByCode(code: string): Commune | undefined {
  return byCode.get(code);
}
