/** A refusal of the scaffold (bad argument, name already taken): printed as is, without a stack trace. */
export class ScaffoldError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScaffoldError';
  }
}
