export { generateWorld } from './generate-world.js';
export type { WorldOptions } from './generate-world.js';
export { communes, communeByCode } from './communes.js';
export type { Commune } from './communes.js';
export { Random } from './random.js';
export type * from './types.js';
