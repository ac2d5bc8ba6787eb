import { perLegacySystem, type LegacySystem } from '../../schema/index.js';

/**
 * Each system's change-feed operations, as its simulator counts them: what the supervision read model polls in the
 * background (every SUPERVISION_POLL_MS), never a citizen's or an agent's request. From the ministry registry
 * (`system.feedOperations` of each row), so a new ministry cannot be left out.
 */
export const feedOperations: Readonly<Record<LegacySystem, readonly string[]>> = perLegacySystem((m) => m.system.feedOperations);
