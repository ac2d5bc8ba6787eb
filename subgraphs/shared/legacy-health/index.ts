// LegacySystemHealth: each ministry subgraph hands over its own system's figures; the supervision subgraph exposes them.
export { LegacySystemFigures } from './legacy-system-figures.js';
export { ministryLegacyHealth, type MinistryLegacyHealth } from './ministry-legacy-health.js';
export { LegacySystemHealthHub, healthOfRepresentation, legacySystemHealthHubReferenceResolvers } from './legacy-system-health-hub.js';
export { currentLegacyFigures } from './current-figures.js';
export { legacySystemNames, legacySystems, figuresFieldOf } from './system-names.js';
