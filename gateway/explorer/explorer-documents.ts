import type { TrustedDocumentsMode } from '../trusted-documents/index.js';

/** Where the explorer's files are served. */
export const explorerAssetsPath = '/explorer/assets';
/** The API schema as an introspection result: GraphiQL reads it there, so that it works where introspection is off. */
export const explorerSchemaPath = '/explorer/schema.json';
/** The trusted documents (name, type, id, text): the operations a production gateway runs for everyone. */
export const explorerOperationsPath = '/explorer/operations.json';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The explorer: GraphiQL and a bar for the access token. Everything the page script needs is in `data-` attributes
 * (the policy allows no inline script); the script builds the rest.
 */
export function explorerPage({ endpoint, trustedDocuments }: { endpoint: string; trustedDocuments: TrustedDocumentsMode }): string {
  const asset = (name: string) => `${explorerAssetsPath}/${name}`;
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Guichet — explorateur GraphQL</title>
<link rel="stylesheet" href="${asset('graphiql.min.css')}">
<link rel="stylesheet" href="${asset('explorer.css')}">
<script defer src="${asset('react.production.min.js')}"></script>
<script defer src="${asset('react-dom.production.min.js')}"></script>
<script defer src="${asset('graphiql.min.js')}"></script>
<script defer src="${asset('explorer.js')}"></script>
</head>
<body data-endpoint="${escapeHtml(endpoint)}" data-schema="${explorerSchemaPath}" data-operations="${explorerOperationsPath}" data-trusted-documents="${trustedDocuments}">
<header class="explorer-bar">
<strong>Guichet — explorateur</strong>
<form id="token-form" class="explorer-token" autocomplete="off">
<label for="token">Jeton d’accès (<code>Authorization: Bearer</code>)</label>
<input id="token" name="token" type="password" spellcheck="false" placeholder="eyJ… (npm run token -- --role citizen --niu …)">
<button id="token-clear" type="button">Effacer</button>
<span id="token-state" role="status"></span>
</form>
<label class="explorer-operations" for="operations">Opérations de confiance <select id="operations"><option value="">—</option></select></label>
</header>
<p id="trusted-notice" class="explorer-notice" hidden></p>
<main id="graphiql"><noscript>L’explorateur a besoin de JavaScript. Sans lui, envoyez vos requêtes en POST JSON à ${escapeHtml(endpoint)}.</noscript></main>
</body>
</html>
`;
}

/**
 * What a browser gets instead when the explorer is off (or not built): how to query this endpoint, in French and in
 * English (the people reading it are developers), never an error with a stack trace.
 */
export function queryHelpPage({ endpoint, reason }: { endpoint: string; reason: 'disabled' | 'not-built' }): string {
  const url = escapeHtml(endpoint);
  const why =
    reason === 'disabled'
      ? ['L’explorateur n’est pas activé sur ce serveur (<code>EXPLORER_ENABLED</code>).', 'The explorer is not enabled on this server (<code>EXPLORER_ENABLED</code>).']
      : ['L’explorateur n’est pas construit sur ce serveur (<code>npm run build</code>).', 'The explorer is not built on this server (<code>npm run build</code>).'];
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Guichet — point d’accès GraphQL</title>
<link rel="stylesheet" href="${explorerAssetsPath}/explorer.css">
</head>
<body class="explorer-help">
<main>
<h1>Point d’accès GraphQL de Guichet</h1>
<p>${why[0]} Cette adresse répond aux requêtes GraphQL&nbsp;: envoyez-les en <code>POST</code> avec <code>Content-Type: application/json</code>, et votre jeton dans l’en-tête <code>Authorization: Bearer &lt;jeton&gt;</code>.</p>
<pre>curl ${url} \\
  -H 'Content-Type: application/json' \\
  -H 'Authorization: Bearer &lt;jeton&gt;' \\
  --data '{"query":"{ procedures { code title } }"}'</pre>
<p>En production, seules les opérations de confiance (le manifeste <code>clients/trusted-documents.json</code>) s’exécutent&nbsp;: envoyez leur identifiant (<code>extensions.persistedQuery.sha256Hash</code>) ou leur texte exact.</p>
<h2 lang="en">GraphQL endpoint</h2>
<p lang="en">${why[1]} This address answers GraphQL requests: send them as <code>POST</code> with <code>Content-Type: application/json</code> and your token in <code>Authorization: Bearer &lt;token&gt;</code>. In production only trusted documents run: send their id (<code>extensions.persistedQuery.sha256Hash</code>) or their exact text.</p>
</main>
</body>
</html>
`;
}
