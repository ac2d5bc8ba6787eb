import { createHash, timingSafeEqual } from 'node:crypto';

/** A supervisor who can sign in at the development IdP's login page. */
export interface SeededSupervisor {
  /** What the person types in « Identifiant ». */
  readonly username: string;
  readonly password: string;
  /** `sub` of their tokens. */
  readonly subject: string;
  /** Shown on the IdP's pages and in the ID token's `name`. */
  readonly displayName: string;
}

/**
 * Development and test accounts only (passwords published in docs/supervision.md): the IdP serves no login page in
 * production, where a real provider holds the supervisors' accounts.
 */
export const seededSupervisors: readonly SeededSupervisor[] = [
  { username: 'superviseur.demo', password: 'supervision-demo-a-changer', subject: 'superviseur-demo', displayName: 'Superviseur de démonstration' },
  { username: 'directrice.energie', password: 'energie-demo-a-changer', subject: 'superviseur-energie', displayName: 'Directrice de l’énergie (démonstration)' },
];

const digest = (value: string) => createHash('sha256').update(value).digest();

/** The supervisor whose credentials these are; every password is compared, in constant time, whatever matches. */
export function findSupervisor(supervisors: readonly SeededSupervisor[], username: string, password: string): SeededSupervisor | undefined {
  let found: SeededSupervisor | undefined;
  for (const supervisor of supervisors) {
    const userOk = timingSafeEqual(digest(username.trim().toLowerCase()), digest(supervisor.username));
    const passwordOk = timingSafeEqual(digest(password), digest(supervisor.password));
    if (userOk && passwordOk) found = supervisor;
  }
  return found;
}
