/**
 * Collects what is pushed during one event-loop turn and sends it as one batch: under load a worker makes hundreds
 * of calls a second to the primary, and each IPC message costs a serialisation and a write of its own.
 */
export function createBatchedSender<T>(send: (batch: T[]) => void): (item: T) => void {
  let batch: T[] = [];
  const flush = () => {
    const items = batch;
    batch = [];
    send(items);
  };
  return (item) => {
    batch.push(item);
    if (batch.length === 1) setImmediate(flush);
  };
}
