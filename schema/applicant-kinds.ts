/**
 * Who may file a procedure: a citizen in their own name, or a company through a citizen who represents it. Most
 * energy & mines procedures are companies' business; the company as applicant comes with issue 17's part 2, so for
 * now the kinds are declared in the data and shown in the catalogue only.
 */
export const applicantKinds = ['CITIZEN', 'COMPANY'] as const;
export type ApplicantKind = (typeof applicantKinds)[number];
