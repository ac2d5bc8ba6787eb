import type { LegacySystem } from '../../schema/index.js';

/**
 * Each system's change-feed operations, as its simulator counts them: what the supervision read model polls in the
 * background (every SUPERVISION_POLL_MS), never a citizen's or an agent's request. Typed by the list of systems so a
 * new ministry cannot be left out (`npm run new:ministry` adds its row).
 */
export const feedOperations: Readonly<Record<LegacySystem, readonly string[]>> = {
  rnec: ['ListerDemandesModifiees', 'v2.demandesModifiees'],
  ceet: ['demandesModifiees'],
  urbanisme: ['changements'],
  mines: ['mouvements'],
  // new-ministry:feed-operations
};
