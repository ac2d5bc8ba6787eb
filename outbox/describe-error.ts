import type { SubmissionError } from './submission.js';

const maxMessageLength = 1_000;

/** What is kept of a failure in the store: its code (or class name) and its English message, bounded. */
export function describeError(error: unknown): SubmissionError {
  const fields = typeof error === 'object' && error !== null ? (error as Readonly<Record<string, unknown>>) : {};
  const code = typeof fields.code === 'string' ? fields.code : error instanceof Error ? error.name : 'UNKNOWN';
  const message = error instanceof Error ? error.message : String(error);
  return { code, message: message.length > maxMessageLength ? `${message.slice(0, maxMessageLength)}…` : message };
}
