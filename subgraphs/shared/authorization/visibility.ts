import type { Principal } from '../../../auth/index.js';
import type { MinistryCode } from '../../../schema/index.js';

/**
 * Row-level rules: who may see which record. A record the caller may not see is answered exactly like a record
 * that does not exist (NOT_FOUND), by every path, so that its existence never leaks.
 */
export function canSeeCitizen(principal: Principal, niu: string): boolean {
  switch (principal.role) {
    case 'citizen':
      return principal.niu === niu;
    case 'agent':
      // Agents reach a citizen only as the applicant of a dossier of their ministry (the graph's only path to it).
      return true;
    case 'integrator':
      return principal.scopes.includes('citizens:read');
    default:
      return false;
  }
}

/** Whether the caller holds a mandate of the company (its NIF in the signed `companies` claim): citizens only. */
export function representsCompany(principal: Principal, nif: string): boolean {
  return principal.role === 'citizen' && principal.companies?.includes(nif) === true;
}

/**
 * Who may see a dossier. A company's (`companyNif` set) is its declared representatives' — not the citizen who filed
 * it once their mandate is gone, nor anybody else; a person's is theirs; agents see their ministry's.
 */
export function canSeeDossier(principal: Principal, ministry: MinistryCode, applicantNiu: string, companyNif: string | null = null): boolean {
  switch (principal.role) {
    case 'citizen':
      return companyNif === null ? principal.niu === applicantNiu : representsCompany(principal, companyNif);
    case 'agent':
      return principal.ministry === ministry;
    case 'integrator':
      return principal.scopes.includes('dossiers:read');
    default:
      return false;
  }
}

/**
 * Who may file a dossier for `applicantNiu` (and, for a company, `companyNif`): the citizen themself — for a company,
 * one who represents it —, or an integrator allowed to write.
 */
export function canFileFor(principal: Principal, applicantNiu: string, companyNif: string | null = null): boolean {
  if (principal.role === 'citizen') return principal.niu === applicantNiu && (companyNif === null || representsCompany(principal, companyNif));
  return principal.role === 'integrator' && principal.scopes.includes('dossiers:write');
}

/** A civil act is personal data of the persons it is about: theirs to read, or an integrator's allowed to. */
export function canSeeAct(principal: Principal, personNius: readonly string[]): boolean {
  if (principal.role === 'citizen') return principal.niu !== undefined && personNius.includes(principal.niu);
  return principal.role === 'integrator' && principal.scopes.includes('citizens:read');
}
