import { generateWorld, seededCompanies } from '../../legacy/world/index.js';
import type { Stack } from './start-stack.js';

/** A seeded citizen with dossiers at the three first ministries, and one of their references: queries that answer something. */
export function demoCitizen(): { readonly niu: string; readonly reference: string } {
  const seed = Number(process.env.SEED ?? 20_261_123);
  const scale = Number(process.env.SCALE ?? 1);
  const now = process.env.SEED_NOW ?? '2026-11-01';
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
  return { niu, reference };
}

/** A seeded company and its manager: the company examples of the welcome. */
export function demoCompany(): { readonly nif: string; readonly rccm: string; readonly managerNiu: string } {
  const world = generateWorld({ seed: Number(process.env.SEED ?? 20_261_123), scale: Number(process.env.SCALE ?? 1), now: process.env.SEED_NOW ?? '2026-11-01' });
  const company = seededCompanies(world)[0];
  return { nif: company?.nif ?? '', rccm: company?.rccm ?? '', managerNiu: company?.representatives[0]?.niu ?? '' };
}

/** What `npm start` and `npm run start:scaled` print once the stack is up (French: for the newcomer at the terminal). */
export function welcomeText(stack: Pick<Stack, 'gatewayUrl' | 'idpUrl' | 'witnessUrl' | 'legacyUrls'> & { readonly databaseUrl?: string }): string {
  // Scaled: the trail is in the run's PostgreSQL, not the file.
  const trail = stack.databaseUrl === undefined ? '' : `DATABASE_URL=${stack.databaseUrl} `;
  const { niu, reference } = demoCitizen();
  const company = demoCompany();
  const gql = stack.gatewayUrl;
  const origin = new URL(gql).origin;
  const numero = reference.replace(/^CEET-/, '');
  return `
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

# une société : son gérant dépose une licence d’importation de produits pétroliers pour elle, puis lit qui a consulté ses données
CTOKEN=$(npm run -s token -- --role citizen --niu ${company.managerNiu})
curl -s ${gql} -H 'content-type: application/json' -H "authorization: Bearer $CTOKEN" --data '{"query":"mutation($input: EnergyMinesApplicationInput!) { submitEnergyMinesApplication(input: $input, idempotencyKey: \\"bienvenue-societe-0001\\") { reference status company { nif rccm } companyName } }","variables":{"input":{"applicantNiu":"${company.managerNiu}","procedureCode":"MEM-PETROLE-IMPORTATION","company":{"nif":"${company.nif}","rccm":"${company.rccm}"}}}}'
curl -s ${gql} -H 'content-type: application/json' -H "authorization: Bearer $CTOKEN" --data '{"query":"{ myCompanies { nif accessLog { at kind role ministry client operation } } }"}'

# les événements de ses dossiers, poussés (GraphQL sur SSE) : laissez tourner, puis, dans un troisième terminal,
# faites avancer le dossier dans le système de la CEET ; l’événement arrive dans les 2 s (la lecture des flux)
curl -N ${origin}/graphql/stream -H "authorization: Bearer $TOKEN" -H 'accept: text/event-stream' -H 'content-type: application/json' --data '{"query":"subscription { myDossierEvents { cursor type reference status ministryStatus at } }"}'
curl -s -X POST ${stack.legacyUrls.ceet}/__admin/dossiers/${numero}/status -H 'content-type: application/json' --data '{"status":"30"}'

# un webhook d’intégrateur (signé Standard Webhooks), vers un récepteur sur cette machine (autorisée en développement)
node -e "require('http').createServer((q,r)=>{let b='';q.on('data',c=>b+=c).on('end',()=>{console.log(q.headers['webhook-id'],b);r.end()})}).listen(9999)" &
ITOKEN=$(npm run -s token -- --role integrator --scopes webhooks:manage,dossiers:read)
curl -s ${gql} -H 'content-type: application/json' -H "authorization: Bearer $ITOKEN" --data '{"query":"mutation { registerWebhook(input: { url: \\"http://127.0.0.1:9999/\\", ministries: [ENERGY] }) { secret webhook { id } } }"}'

# le journal d’audit, vérifié contre les points de contrôle signés du témoin
${trail}AUDIT_WITNESS_URL=${stack.witnessUrl} npm run audit:verify

# la salle de supervision : ouvrez cette page, « Se connecter », compte superviseur.demo / supervision-demo-a-changer
# (intégrateurs : lien « coller un jeton d’accès », avec ce jeton)
${gql.replace(/\/graphql$/, '/supervision')}
npm run -s token -- --role supervisor

Autres rôles : npm run token -- --role agent --ministry ENERGY | --role supervisor | --role integrator --scopes dossiers:read,citizens:read,webhooks:manage

Ctrl-C arrête tous les processus.
`;
}
