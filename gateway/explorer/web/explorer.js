// The explorer's page script (served as is, no build): GraphiQL 3 over React 18, both loaded by the page from this
// gateway, with the access token of the bar above it. The page's policy allows no inline script and no eval.
(() => {
  const body = document.body;
  const endpoint = body.dataset.endpoint || '/graphql';
  const tokenInput = document.getElementById('token');
  const tokenState = document.getElementById('token-state');
  const operationsSelect = document.getElementById('operations');
  const notice = document.getElementById('trusted-notice');

  // The token lives in sessionStorage: it survives a reload of this tab and nothing more — other tabs never see it and
  // closing the tab forgets it. Never localStorage: a bearer token would outlive the session on a shared computer.
  const tokenKey = 'guichet.explorer.token';
  const storage = (() => {
    try {
      return window.sessionStorage;
    } catch {
      return undefined;
    }
  })();
  /** The token as typed, without a pasted `Bearer ` prefix or blanks. */
  const cleanToken = (text) => text.trim().replace(/^Bearer\s+/i, '');
  let token = cleanToken(storage?.getItem(tokenKey) ?? '');
  tokenInput.value = token;

  /** What the bar says of the token: present, and until when (its `exp`, read without verifying: the gateway does). */
  function describeToken() {
    if (token === '') {
      tokenState.textContent = 'Sans jeton : données publiques seulement.';
      return;
    }
    let claims;
    try {
      const payload = token.split('.')[1] ?? '';
      claims = JSON.parse(
        atob(
          payload
            .replace(/-/g, '+')
            .replace(/_/g, '/')
            .padEnd(Math.ceil(payload.length / 4) * 4, '='),
        ),
      );
    } catch {
      tokenState.textContent = 'Ce jeton n’est pas un JWT : la passerelle le refusera.';
      return;
    }
    const expires = typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : undefined;
    const who = [claims.role, claims.niu ?? claims.sub].filter(Boolean).join(' ');
    if (expires && expires.getTime() <= Date.now()) tokenState.textContent = `Jeton expiré (${who}) : demandez-en un nouveau.`;
    else tokenState.textContent = `Jeton ${who}${expires ? `, valable jusqu’à ${expires.toLocaleTimeString('fr-FR')}` : ''}.`;
  }

  function setToken(text) {
    token = cleanToken(text);
    if (token === '') storage?.removeItem(tokenKey);
    else storage?.setItem(tokenKey, token);
    describeToken();
  }
  tokenInput.addEventListener('input', () => setToken(tokenInput.value));
  document.getElementById('token-clear').addEventListener('click', () => {
    tokenInput.value = '';
    setToken('');
  });
  document.getElementById('token-form').addEventListener('submit', (event) => event.preventDefault());
  describeToken();

  const send = window.GraphiQL.createFetcher({ url: endpoint });
  /**
   * Every request GraphiQL makes. The schema comes from the explorer's own route (the API schema the gateway serves),
   * so that the editor completes and documents even where introspection is off (production). The token goes in
   * `Authorization: Bearer`, as for any client, unless the headers editor already sets one.
   */
  function fetcher(params, options) {
    if (params.operationName === 'IntrospectionQuery') {
      return fetch(body.dataset.schema, { headers: { accept: 'application/json' }, credentials: 'omit' }).then((response) => {
        if (!response.ok) throw new Error(`Schéma indisponible (HTTP ${response.status}).`);
        return response.json();
      });
    }
    const headers = { ...(options?.headers ?? {}) };
    const named = Object.keys(headers).some((name) => name.toLowerCase() === 'authorization');
    if (token !== '' && !named) headers.authorization = `Bearer ${token}`;
    return send(params, { ...options, headers });
  }

  // `/graphql?query=…` (a shared link) opens with that document; nothing is run until asked.
  const search = new URLSearchParams(window.location.search);
  let query = search.get('query') ?? undefined;
  const variables = search.get('variables') ?? undefined;
  const root = window.ReactDOM.createRoot(document.getElementById('graphiql'));
  function render() {
    root.render(
      window.React.createElement(window.GraphiQL, {
        fetcher,
        query,
        variables,
        // Headers typed in the editor may hold a token: never written to the browser's storage.
        shouldPersistHeaders: false,
        defaultEditorToolsVisibility: variables === undefined ? false : 'variables',
      }),
    );
  }
  render();

  // The trusted documents: in production the only documents the gateway runs for everyone, as their exact text.
  fetch(body.dataset.operations, { headers: { accept: 'application/json' }, credentials: 'omit' })
    .then((response) => (response.ok ? response.json() : { mode: body.dataset.trustedDocuments, operations: [] }))
    .then(({ mode, operations }) => {
      for (const operation of operations) {
        const option = document.createElement('option');
        option.value = operation.id;
        option.textContent = `${operation.name} (${operation.type})`;
        operationsSelect.append(option);
      }
      operationsSelect.addEventListener('change', () => {
        const chosen = operations.find((operation) => operation.id === operationsSelect.value);
        if (chosen === undefined) return;
        query = chosen.body;
        render();
      });
      if (mode === 'enforce') {
        notice.textContent =
          'Documents de confiance imposés : seules les opérations de la liste s’exécutent, telles quelles (leur texte exact). Tout autre document est refusé (DOCUMENT_NOT_TRUSTED), sauf avec un jeton portant la portée documents:any.';
        notice.hidden = false;
      }
    })
    .catch(() => undefined);
})();
