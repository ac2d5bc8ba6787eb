import { z } from 'zod';
import { isWellFormedNif } from '../schema/company-identifiers.js';
import { MinistryCode } from '../schema/procedures.js';
import type { Principal } from './principal.js';

/** A NIU: 12 digits, as every ministry system writes it. */
export const niuPattern = /^\d{12}$/;

/** At most this many companies in a token: a person holding more mandates is an outlier the IdP must not let grow a token without bound. */
export const maxCompaniesPerPrincipal = 20;

/** The companies a citizen represents, by NIF (schema/company-identifiers.ts), each once. */
export const companiesSchema = z
  .array(z.string().refine(isWellFormedNif, 'a NIF: 10 digits with a Luhn key'))
  .max(maxCompaniesPerPrincipal)
  .refine((nifs) => new Set(nifs).size === nifs.length, 'each company once');

/** Subjects and client ids: printable, no spaces, bounded (they end up in logs and the audit trail). */
export const identifierSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');

/**
 * A Principal as it travels between processes (inside the internal token), checked field by field and for
 * consistency: a NIU only for a citizen and always for one, a ministry only for an agent and always for one.
 */
export const principalSchema = z
  .strictObject({
    subject: identifierSchema,
    role: z.enum(['citizen', 'agent', 'supervisor', 'integrator', 'anonymous']),
    niu: z.string().regex(niuPattern).optional(),
    companies: companiesSchema.optional(),
    ministry: z.enum(MinistryCode).optional(),
    scopes: z
      .array(
        z
          .string()
          .min(1)
          .max(64)
          .regex(/^[\x21-\x7e]+$/),
      )
      .max(32),
    clientId: identifierSchema,
  })
  .refine((p) => (p.role === 'citizen') === (p.niu !== undefined), 'a NIU for a citizen, and only for a citizen')
  .refine((p) => (p.role === 'agent') === (p.ministry !== undefined), 'a ministry for an agent, and only for an agent')
  .refine((p) => p.role === 'citizen' || p.companies === undefined, 'companies for a citizen only');

/** The principal if `value` is a well-formed one, else undefined. */
export function parsePrincipal(value: unknown): Principal | undefined {
  const result = principalSchema.safeParse(value);
  if (!result.success) return undefined;
  const { niu, ministry, companies, ...rest } = result.data;
  // Optional fields are left out rather than set to undefined, so principals compare equal after a round trip.
  return { ...rest, ...(niu === undefined ? {} : { niu }), ...(companies === undefined ? {} : { companies }), ...(ministry === undefined ? {} : { ministry }) };
}
