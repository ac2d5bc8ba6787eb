/** Where `npm start` runs the witness: the gateway's default outside production. */
export const defaultWitnessUrl = 'http://127.0.0.1:4310';

/** Accepted outside production only, by the witness and the gateway alike, so that `npm start` needs no setup. */
export const developmentWitnessToken = 'guichet-development-witness-token-do-not-use-in-production';

/** The shortest writer token accepted. */
export const witnessTokenMinLength = 32;
