// One deadline per request, from the gateway's door to the last legacy call: remaining time, carried across processes.
export { Deadline } from './deadline.js';
export { DEADLINE_HEADER, parseDeadlineHeader } from './deadline-header.js';
export { currentDeadline, runWithDeadline } from './current-deadline.js';
