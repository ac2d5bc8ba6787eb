// The ministry outboxes as a feed of outcomes (queued submissions delivered or rejected), served to the supervision
// subgraph, which makes the SUBMISSION_DELIVERED / SUBMISSION_REJECTED dossier events of them.
export { createOutboxOutcomesRoute, OUTBOX_OUTCOMES_PATH, OUTBOX_OUTCOMES_DEFAULT_LIMIT, OUTBOX_OUTCOMES_MAX_LIMIT, type OutboxOutcomesRouteOptions } from './outbox-outcomes-route.js';
export { outboxOutcomesAnswerSchema, type OutboxOutcomeItem, type OutboxOutcomesAnswer } from './outbox-outcome-answer.js';
