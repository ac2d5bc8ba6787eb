import type { z } from 'zod';
import { isSecretVariable, productionSecretProblems } from './env-secret.js';

/** A configuration problem an operator can fix: printed as a list, never as a stack trace. */
export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(service: string, problems: readonly string[]) {
    super(`${service}: invalid configuration\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/**
 * Reads and validates environment variables once, at start-up, into typed options. In production, every secret
 * declared with `envSecret` must be set, and not to its development value.
 */
export function readConfig<S extends z.ZodType>(service: string, schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  const secrets = productionSecretProblems(schema, env);
  if (result.success && secrets.length === 0) return result.data;
  const problems = (result.success ? [] : result.error.issues).map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const value = typeof issue.path[0] === 'string' ? env[issue.path[0]] : undefined;
    if (value === undefined) return `${name}: ${issue.message}`;
    return `${name}=${isSecretVariable(schema, name) ? '(hidden)' : shownValue(name, value)}: ${issue.message}`;
  });
  throw new ConfigError(service, [...problems, ...secrets]);
}

/**
 * A rejected value as the error shows it: never a secret (declared with `envSecret`, or named like one: `…_TOKEN`,
 * `…_KEY`, `…SECRET…` — but not `…_TOKEN_TTL_SECONDS`, whose value helps the operator), never the password of a URL
 * (`postgres://user:password@host`, even malformed): start-up errors end up in logs that many people read.
 */
export function shownValue(name: string, value: string): string {
  if (/SECRET|PASSWORD|TOKEN$|_KEY$|PREVIOUS_KEYS$/.test(name)) return '(hidden)';
  return JSON.stringify(value.replace(/:[^@\s/:]+@/g, ':***@'));
}

/**
 * Runs one part of a service's configuration reading and keeps its problems instead of throwing them, so that a
 * service made of several parts reports every problem of every part at once.
 */
export function configPart<T>(read: () => T): { readonly value?: T; readonly problems: readonly string[] } {
  try {
    return { value: read(), problems: [] };
  } catch (error) {
    if (error instanceof ConfigError) return { problems: error.problems };
    throw error;
  }
}
