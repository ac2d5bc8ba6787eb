import { z } from 'zod';

/** Development values of secrets, by the schema that carries them: refused when NODE_ENV=production. */
const developmentValues = new WeakMap<z.ZodType, string>();

/**
 * A secret with a development default (`npm start` runs with no configuration): in production the variable is
 * required and the development value is refused, by `readConfig`, whatever service reads it.
 */
export function envSecret(developmentValue: string): z.ZodDefault<z.ZodString> {
  const schema = z.string().min(1, 'must not be empty').default(developmentValue);
  developmentValues.set(schema, developmentValue);
  return schema;
}

/** What a production environment lacks or got wrong among the secrets of `schema` (an object of env variables). */
export function productionSecretProblems(schema: z.ZodType, env: NodeJS.ProcessEnv): string[] {
  if (env.NODE_ENV !== 'production' || !(schema instanceof z.ZodObject)) return [];
  const problems: string[] = [];
  for (const [name, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const developmentValue = developmentValues.get(field);
    if (developmentValue === undefined) continue;
    const value = env[name];
    if (value === undefined || value === '') problems.push(`${name}: required when NODE_ENV=production (the development default is not a secret)`);
    else if (value === developmentValue) problems.push(`${name}: the development value is not allowed when NODE_ENV=production`);
  }
  return problems;
}

/** Whether `name` is declared in `schema` (an object of env variables) with `envSecret`. */
export function isSecretVariable(schema: z.ZodType, name: string): boolean {
  if (!(schema instanceof z.ZodObject)) return false;
  const field = (schema.shape as Record<string, z.ZodType>)[name];
  return field !== undefined && developmentValues.has(field);
}
