export { startDeliveryWorker, type DeliveryWorker, type DeliveryWorkerOptions } from './start-delivery-worker.js';
export { decideAfterAttempt, type AttemptResult, type Decision, type RetryPolicy } from './decide-after-attempt.js';
