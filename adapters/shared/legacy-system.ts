/** The legacy systems Guichet talks to; each adapter names itself with one of these (the list lives in schema/). */
export { legacySystems, isLegacySystem } from '../../schema/legacy-systems.js';
export type { LegacySystem } from '../../schema/legacy-systems.js';
