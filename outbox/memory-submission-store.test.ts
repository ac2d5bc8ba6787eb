import { createMemorySubmissionStore } from './memory-submission-store.js';
import { describeSubmissionStoreContract } from './test-support/submission-store-contract.js';

describeSubmissionStoreContract('memory store', (clock) => createMemorySubmissionStore({ clock: clock.now }));
