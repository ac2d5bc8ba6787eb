/**
 * A company's identifiers, as the graph, the identity provider and SIGEM write them.
 *
 * - **NIF** (numéro d’identification fiscale, issued by the Office togolais des recettes): 10 digits, the last a
 *   Luhn check digit (`1000000016`). The check catches a mistyped or transposed digit before any system is called.
 * - **RCCM** (Registre du commerce et du crédit mobilier, OHADA Uniform Act on general commercial law): `TG-LOM-2019-B-01234`
 *   — country, the registry office (greffe) of the tribunal that registered it, the year of registration, the register's
 *   section and a 5-digit number in that office's year. Section `B` holds legal persons (companies, cooperatives, GIE);
 *   section `A` holds individual traders, who file as citizens: a company applicant's RCCM is always `B`.
 */
export const nifPattern = /^\d{10}$/;

/** The registry offices (greffes des tribunaux de première instance) that keep a trade register, by their RCCM code. */
export const rccmOffices = {
  LOM: 'Lomé',
  TSE: 'Tsévié',
  ANE: 'Aného',
  KPA: 'Kpalimé',
  ATA: 'Atakpamé',
  SOK: 'Sokodé',
  KAR: 'Kara',
  DAP: 'Dapaong',
} as const;
export type RccmOffice = keyof typeof rccmOffices;

export const rccmPattern = new RegExp(`^TG-(${Object.keys(rccmOffices).join('|')})-(19[89]\\d|20\\d\\d)-B-(\\d{5})$`);

/** The Luhn check digit of `digits` (the digit to append so that the whole number passes the Luhn check). */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    // From the right of the future number, the payload's last digit is doubled.
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** Whether `nif` is a well-formed NIF: 10 digits whose last is the Luhn check digit of the nine before. */
export function isWellFormedNif(nif: string): boolean {
  return nifPattern.test(nif) && luhnCheckDigit(nif.slice(0, 9)) === Number(nif[9]);
}

/** Whether `rccm` is a well-formed RCCM number of a company (section B of a Togolese registry office). */
export function isWellFormedRccm(rccm: string): boolean {
  return rccmPattern.test(rccm);
}

/** Why a NIF is refused, in French, or undefined when it is well formed. */
export function nifProblem(nif: string): string | undefined {
  if (!nifPattern.test(nif)) return 'Le NIF d’une société compte 10 chiffres (ex. 1000000016).';
  if (!isWellFormedNif(nif)) return 'Le NIF est invalide : sa clé de contrôle (dernier chiffre) ne correspond pas.';
  return undefined;
}

/** Why an RCCM number is refused, in French, or undefined when it is well formed. */
export function rccmProblem(rccm: string): string | undefined {
  if (isWellFormedRccm(rccm)) return undefined;
  if (/^TG-[A-Z]{3}-\d{4}-A-\d{5}$/.test(rccm)) return 'Ce RCCM est celui d’une personne physique (section A) : une société est immatriculée en section B.';
  return `Le RCCM doit avoir la forme TG-LOM-2019-B-01234 (greffe parmi ${Object.keys(rccmOffices).join(', ')}).`;
}

/**
 * A company as the audit trail names the owner of the data it records: `company:<NIF>`. The trail's `niu` field holds
 * whose data was served — a citizen's NIU (12 digits) or this key — so a company's access log is read from the same
 * store, by the same query, as a citizen's; the prefix keeps the two apart.
 */
export function companyAuditSubject(nif: string): string {
  return `company:${nif}`;
}
