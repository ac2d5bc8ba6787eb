/** The legacy systems Guichet talks to; each adapter names itself with one of these. */
export type LegacySystem = 'rnec' | 'ceet' | 'urbanisme';
