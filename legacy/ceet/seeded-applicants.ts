import type { World } from '../world/index.js';

/**
 * The applicant (NIU) of each dossier this system starts with in the seeded world, one entry per dossier: how the
 * soak tells a citizen's seeded records from the ones it filed. Every `legacy/<system>/index.ts` exports it.
 */
export const seededApplicants = (world: World): readonly string[] => world.electricityRequests.map((request) => request.niu);
