/** A save refused because this replica no longer holds the leader's lease: another replica ingests now. */
export class NotLeaderError extends Error {
  constructor(readonly holder: string) {
    super(`supervision read model: ${holder} no longer holds the leader's lease, save refused`);
    this.name = 'NotLeaderError';
  }
}
