import { describePublicContract } from '../support/public-contract.js';

// The public contract through the test stack's gateway, its civil registry in the default mode (RNEC over SOAP).
// strangler-contract.test.ts runs the same assertions with the civil registry over REST v2 and in shadow mode.
describePublicContract('public contract through the gateway');
