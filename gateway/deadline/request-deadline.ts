import type { IncomingMessage } from 'node:http';
import type { Deadline } from '../../lib/deadline/index.js';

/**
 * A gateway request's deadline, set at the door (before any wait for a slot) and found again by its data sources
 * through the request's context. Apollo Server hands plugins and data sources a shallow copy of the context, so it
 * travels in the context itself, under a symbol (as the request's observation does). Weak: nothing outlives a request.
 */
const byRequest = new WeakMap<IncomingMessage, Deadline>();
const deadlineKey = Symbol('guichet.requestDeadline');

interface DeadlineCarrier {
  [deadlineKey]?: Deadline;
}

export function bindRequestDeadline(req: IncomingMessage, deadline: Deadline): void {
  byRequest.set(req, deadline);
}

/** Called by the context factory's wrapper once the request's context exists. */
export function carryRequestDeadline(req: IncomingMessage, context: object): void {
  const deadline = byRequest.get(req);
  if (deadline !== undefined) (context as DeadlineCarrier)[deadlineKey] = deadline;
}

export function deadlineOf(context: object): Deadline | undefined {
  return (context as DeadlineCarrier)[deadlineKey];
}
