import { generateWorld } from '../legacy/world/index.js';
import { startStack } from './stack/index.js';

/**
 * `npm start`: the whole stack on embedded defaults (simulated legacy systems, subgraphs, gateway on PORT or
 * 4000), then a ready-to-paste query with a real seeded NIU and reference. Ctrl-C stops every process.
 */
const gatewayPort = process.env.PORT ?? '4000';
const seed = Number(process.env.SEED ?? 20_261_123);
const scale = Number(process.env.SCALE ?? 1);
const now = process.env.SEED_NOW ?? '2026-11-01';

const quiet = new Set(['info', 'debug', 'trace']);
const onLine = (name: string, line: string) => {
  try {
    const entry = JSON.parse(line) as { level?: number; msg?: string; url?: string };
    const level = entry.level ?? 30;
    if (entry.msg === 'listening') process.stdout.write(`  ✓ ${name.padEnd(18)} ${entry.url}\n`);
    else if (level >= 40) process.stdout.write(`  ! ${name.padEnd(18)} ${entry.msg ?? line}\n`);
  } catch {
    if (!quiet.has(line.trim())) process.stdout.write(`  ${name.padEnd(20)} ${line}\n`);
  }
};

process.stdout.write('Guichet — démarrage de la pile (systèmes simulés, sous-graphes, passerelle)…\n');
const stack = await startStack({ ports: 'fixed', serviceEnv: { gateway: { PORT: gatewayPort } }, onLine }).catch((error: unknown) => {
  process.stderr.write(`\nLa pile n’a pas pu démarrer : ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

const world = generateWorld({ seed, scale, now });
const counts = new Map<string, { ceet: number; urb: number; rnec: number }>();
const bump = (niu: string, key: 'ceet' | 'urb' | 'rnec') => {
  const c = counts.get(niu) ?? { ceet: 0, urb: 0, rnec: 0 };
  c[key] += 1;
  counts.set(niu, c);
};
for (const r of world.electricityRequests) bump(r.niu, 'ceet');
for (const p of world.permitApplications) bump(p.niu, 'urb');
for (const c of world.copyRequests) bump(c.niu, 'rnec');
const niu = [...counts.entries()].find(([, c]) => c.ceet > 0 && c.urb > 0 && c.rnec > 0)?.[0] ?? world.persons[0]?.niu ?? '';
const request = world.electricityRequests.find((r) => r.niu === niu);
const reference = request ? `CEET-${request.numero}` : 'CEET-2026-000001';

const gql = stack.gatewayUrl;
process.stdout.write(`
Guichet est prêt : ${gql}
Fournisseur d’identité de développement : ${stack.idpUrl}
Témoin du journal d’audit : ${stack.witnessUrl}

Essayez (citoyen ${niu}, dossier ${reference}) — dans un autre terminal :

# le catalogue est public
curl -s ${gql} -H 'content-type: application/json' --data '{"query":"{ procedures { code title ministry feeFcfa legalDelayDays } }"}'

# un jeton de citoyen, puis son tableau de bord
TOKEN=$(npm run -s token -- --role citizen --niu ${niu})
curl -s ${gql} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" --data '{"query":"query CitizenDashboard($niu: ID!) { citizen(niu: $niu) { niu firstName lastName birthDate civilActs { number kind date } dossiers(first: 5) { totalCount nodes { reference status ministryStatus updatedAt nextAction procedure { title } } } } }","variables":{"niu":"${niu}"}}'

curl -s ${gql} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" --data '{"query":"query DossierStatus($reference: ID!) { dossier(reference: $reference) { reference status ministryStatus updatedAt nextAction } }","variables":{"reference":"${reference}"}}'

# qui a consulté mes données ?
curl -s ${gql} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" --data '{"query":"{ me { accessLog { at kind role ministry client systems } } }"}'

# le journal d’audit, vérifié contre les points de contrôle signés du témoin
AUDIT_WITNESS_URL=${stack.witnessUrl} npm run audit:verify

# la salle de supervision : ouvrez cette page et collez un jeton de superviseur
${gql.replace(/\/graphql$/, '/supervision')}
npm run -s token -- --role supervisor

Autres rôles : npm run token -- --role agent --ministry ENERGY | --role supervisor | --role integrator --scopes dossiers:read,citizens:read

Ctrl-C arrête tous les processus.
`);

let stopping = false;
const shutdown = () => {
  if (stopping) return;
  stopping = true;
  process.stdout.write('\nArrêt de la pile…\n');
  stack.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
