/** The internal-token secret the test stack shares (not the development default: a production gateway can join it). */
export const testInternalTokenSecret = 'integration-tests-internal-token-secret-0123456789';

/** The writers' token at the test stack's audit witness (not the development default: a production gateway can use it). */
export const testWitnessToken = 'integration-tests-witness-token-0123456789abcdef';
