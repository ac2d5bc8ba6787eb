export { startEventFanout, matchingWebhooks, type EventFanout, type EventFanoutOptions } from './start-event-fanout.js';
