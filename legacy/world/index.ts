export { generateWorld } from './generate-world.js';
export type { WorldOptions } from './generate-world.js';
export { heavyCitizens, parseHeavyCitizens, HEAVY_DOSSIERS_MIN, HEAVY_DOSSIERS_MAX, HEAVY_CITIZENS_MAX } from './heavy-citizens.js';
export type { HeavyCitizen } from './heavy-citizens.js';
export { heavyCitizensEnvSchema } from './heavy-citizens-env.js';
export { communes, communeByCode } from './communes.js';
export type { Commune } from './communes.js';
export { Random } from './random.js';
export type * from './types.js';
