import { defaultManifestPath, readManifest } from '../../gateway/trusted-documents/index.js';
import type { ProductionStack } from './start-production-stack.js';
import { demoCitizen } from './welcome.js';

/** A trusted document's id, from the manifest the gateway enforces. */
function idOf(name: string): string {
  const operation = readManifest(defaultManifestPath()).operations.find((o) => o.name === name);
  if (!operation) throw new Error(`${name} is not in clients/trusted-documents.json`);
  return operation.id;
}

const persisted = (name: string) => `{"persistedQuery":{"version":1,"sha256Hash":"${idOf(name)}"}}`;

/**
 * What `npm start -- --production` prints once the stack is up (French: for the newcomer at the terminal): that
 * production rules hold, and queries that work under them — trusted documents by id, tokens a production gateway
 * accepts.
 */
export function productionWelcomeText(stack: Pick<ProductionStack, 'gatewayUrl' | 'idpUrl' | 'witnessUrl' | 'production'>): string {
  const { niu, reference } = demoCitizen();
  const gql = stack.gatewayUrl;
  const { idpKeyPath, integrator } = stack.production;
  return `
Guichet est prêt, en mode production : ${gql}
  NODE_ENV=production partout, secrets générés pour cette exécution, documents de confiance exigés
  (clients/trusted-documents.json) : toute autre requête est refusée (DOCUMENT_NOT_TRUSTED), pas d’introspection,
  les jetons de développement et /dev/token sont refusés.
Fournisseur d’identité (production : client_credentials seulement) : ${stack.idpUrl}
Témoin du journal d’audit : ${stack.witnessUrl}

Essayez (citoyen ${niu}, dossier ${reference}) — dans un autre terminal, depuis ce dossier :

# le catalogue est public : son document par identifiant, en GET (cacheable)
curl -s -G ${gql} -H 'apollo-require-preflight: true' --data-urlencode 'extensions=${persisted('Procedures')}'

# un jeton de citoyen tel qu’un fournisseur de production l’émet (signé avec la clé de cette exécution)
TOKEN=$(node dist/scripts/stack/production-token.js --key ${idpKeyPath} --issuer ${stack.idpUrl} --role citizen --niu ${niu})

# son tableau de bord, par identifiant
curl -s ${gql} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" --data '{"operationName":"CitizenDashboard","variables":{"niu":"${niu}"},"extensions":${persisted('CitizenDashboard')}}'

# le statut d’un dossier, en GET (ce que sondent les applications mobiles)
curl -s -G ${gql} -H 'apollo-require-preflight: true' -H "authorization: Bearer $TOKEN" --data-urlencode 'variables={"reference":"${reference}"}' --data-urlencode 'extensions=${persisted('DossierStatus')}'

# une requête hors du manifeste : refusée
curl -s ${gql} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" --data '{"query":"{ me { niu } }"}'

# un intégrateur : le vrai flux client_credentials, avec le secret généré pour cette exécution
curl -s ${stack.idpUrl}/token -u '${integrator.clientId}:${integrator.clientSecret}' -d grant_type=client_credentials

Clients : Apollo Client, urql et Relay prêts à l’emploi dans clients/apollo, clients/urql, clients/relay (docs/clients.md).
Autres rôles : --role agent --ministry ENERGY | --role supervisor (salle de supervision : ${gql.replace(/\/graphql$/, '/supervision')})

Ctrl-C arrête tous les processus.
`;
}
