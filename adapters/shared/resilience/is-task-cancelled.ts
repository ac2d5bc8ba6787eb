/**
 * Whether `error` is cockatiel's TaskCancelledError (a timeout, or a cancelled wait for a slot). cockatiel 3.2's own
 * `isTaskCancelledError` tests the bulkhead's brand instead (it answers true for a BulkheadRejectedError and false
 * for a TaskCancelledError), so we check the brand ourselves; it still works across copies of the package.
 */
export function isTaskCancelled(error: unknown): boolean {
  return error instanceof Error && 'isTaskCancelledError' in error;
}
