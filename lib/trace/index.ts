export { traceIdFromTraceparent, traceIdOf, traceparentFor } from './traceparent.js';
