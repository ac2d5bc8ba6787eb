import { parseArgs } from 'node:util';
import { signAccessToken } from './sign-access-token.js';

/**
 * `node dist/scripts/stack/production-token.js --key <IdP key> --issuer <IdP URL> --role citizen --niu <NIU>`: prints
 * an access token a production gateway accepts, for the stack `npm start -- --production` runs (it prints this
 * command, filled in). Only the token on stdout, so that `TOKEN=$(…)` works; a usage error exits 2.
 */
const usage =
  'Usage : node dist/scripts/stack/production-token.js --key <fichier> --issuer <url> [--audience guichet] --role citizen --niu <NIU> [--companies <NIF>[,<NIF>…]] | --role agent --ministry <MINISTÈRE> | --role supervisor';
try {
  const { values } = parseArgs({
    options: {
      key: { type: 'string' },
      issuer: { type: 'string' },
      audience: { type: 'string' },
      role: { type: 'string' },
      niu: { type: 'string' },
      ministry: { type: 'string' },
      companies: { type: 'string' },
    },
    strict: true,
  });
  const { key, issuer, role, niu, ministry, companies, audience = 'guichet' } = values;
  if (!key || !issuer) throw new TypeError('--key et --issuer sont requis');
  if (role !== 'citizen' && role !== 'agent' && role !== 'supervisor') throw new TypeError('--role citizen, agent ou supervisor');
  if (role === 'citizen' && !niu) throw new TypeError('--niu est requis pour un citoyen');
  if (role === 'agent' && !ministry) throw new TypeError('--ministry est requis pour un agent');
  process.stdout.write(
    `${await signAccessToken({ keyPath: key, issuer, audience, role, ...(niu ? { niu } : {}), ...(ministry ? { ministry } : {}), ...(companies ? { companies: companies.split(',') } : {}) })}\n`,
  );
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
  process.exit(error instanceof TypeError ? 2 : 1);
}
