import { createMemoryEventBus } from './create-memory-event-bus.js';
import { describeEventBusContract } from './test-support/event-bus-contract.js';

describeEventBusContract('in-process bus', async () => {
  const bus = createMemoryEventBus();
  return { a: bus, b: bus, close: () => bus.close() };
});
