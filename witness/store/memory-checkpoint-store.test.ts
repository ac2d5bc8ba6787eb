import { createMemoryCheckpointStore } from './memory-checkpoint-store.js';
import { describeCheckpointStoreContract } from '../test-support/checkpoint-store-contract.js';

describeCheckpointStoreContract('memory store', () => createMemoryCheckpointStore());
