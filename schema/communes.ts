/**
 * The communes (2019 reform) the ministries' systems record, by their registry code: the names people read where
 * the systems give a code (`GOLFE1` → « Golfe 1 »). The simulated world (legacy/world/communes.ts) seeds the same
 * codes; a code missing here is shown as it is.
 */
export const communeNames: Readonly<Record<string, string>> = Object.freeze({
  GOLFE1: 'Golfe 1',
  GOLFE2: 'Golfe 2',
  GOLFE3: 'Golfe 3',
  GOLFE4: 'Golfe 4',
  GOLFE5: 'Golfe 5',
  GOLFE6: 'Golfe 6',
  GOLFE7: 'Golfe 7',
  AGOE1: 'Agoè-Nyivé 1',
  AGOE2: 'Agoè-Nyivé 2',
  AVE2: 'Avé 2',
  ZIO2: 'Zio 2',
  LACS1: 'Lacs 1',
  OGOU1: 'Ogou 1',
  KLOTO1: 'Kloto 1',
  TCHAOUDJO1: 'Tchaoudjo 1',
  KOZAH1: 'Kozah 1',
  TONE1: 'Tône 1',
});
