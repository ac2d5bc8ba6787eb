// Admission control at the gateway's door: a bounded, adaptive number of requests in flight, a bounded wait, a typed refusal.
export { createAdmission, type GatewayAdmission } from './create-admission.js';
export { createAdmissionLimiter, refusalReasons, type AdmissionLimiter, type AdmissionLimiterOptions, type AdmissionStats, type RefusalReason } from './admission-limiter.js';
export { admissionEnvSchema, admissionOptionsFromEnv, admissionProblems, deadlineOptionsFromEnv, type AdmissionEnv, type AdmissionOptions, type DeadlineOptions } from './admission-config.js';
export { watchEventLoopDelay } from './event-loop-delay.js';
export { sendOverloaded } from './overloaded-response.js';
