/** The internal-token secret the test stack shares (not the development default: a production gateway can join it). */
export const testInternalTokenSecret = 'integration-tests-internal-token-secret-0123456789';
