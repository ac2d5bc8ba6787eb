// A citizen's dossiers answered again from the gateway's shared reads while the change feeds prove them unchanged.
export { createFeedProof, feedProvenAnswerOf, standingOfAll, type FeedProof, type FeedProofOptions, type FeedProofStats, type FeedProvenAnswer } from './feed-proof.js';
export { feedProofEnvSchema, feedProofProblems, feedProofSettingsFromEnv, type FeedProofSettings } from './feed-proof-config.js';
export { startFeedProof, type RunningFeedProof } from './start-feed-proof.js';
