import { parseArgs } from 'node:util';
import { ministriesWithASystem } from '../schema/legacy-systems.js';

/** The command line of `npm run token`, as printed on a usage error. */
export const tokenUsage = `Usage : npm run -s token -- --role <rôle> [options]

  --role citizen     --niu <NIU>                       jeton d’un citoyen du monde simulé
  --role agent       --ministry <MINISTÈRE>            ${ministriesWithASystem.slice(0, -1).join(', ')} ou ${ministriesWithASystem.at(-1) ?? ''}
  --role supervisor                                    superviseur
  --role integrator  --scopes dossiers:read,citizens:read
  --role integrator  --client-id <id> --client-secret <secret> [--scopes …]
                                                       vrai flux client_credentials (POST /token)
Options : --subject <id>  --client-id <id>  --idp-url <url> (défaut IDP_URL ou http://127.0.0.1:4300)

Seul le jeton est écrit sur la sortie standard : TOKEN=$(npm run -s token -- --role supervisor)`;

/** Bad arguments: the CLI prints the reason and the usage, exit code 2. */
export class TokenUsageError extends Error {
  override readonly name = 'TokenUsageError';
}

/** The IdP could not be reached or refused: one line for the user, exit code 1. */
export class TokenRequestError extends Error {
  override readonly name = 'TokenRequestError';
}

export type TokenCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'dev-token'; readonly idpUrl: string; readonly body: Readonly<Record<string, string | readonly string[]>> }
  | { readonly kind: 'client-credentials'; readonly idpUrl: string; readonly clientId: string; readonly clientSecret: string; readonly scopes?: readonly string[] };

const roles = ['citizen', 'agent', 'supervisor', 'integrator'];

/** Reads the arguments; the IdP checks the values themselves (NIU exists, ministry, scopes). */
export function parseTokenArgs(argv: readonly string[], env: NodeJS.ProcessEnv): TokenCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        role: { type: 'string' },
        niu: { type: 'string' },
        ministry: { type: 'string' },
        scopes: { type: 'string' },
        subject: { type: 'string' },
        'client-id': { type: 'string' },
        'client-secret': { type: 'string' },
        'idp-url': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new TokenUsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { kind: 'help' };
  const idpUrl = (values['idp-url'] ?? env.IDP_URL ?? 'http://127.0.0.1:4300').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]/.test(idpUrl)) throw new TokenUsageError(`URL du fournisseur d’identité invalide : ${idpUrl}`);
  const { role, niu, ministry, subject } = values;
  const scopes = values.scopes?.split(/[\s,]+/).filter((s) => s !== '');
  if (role === undefined || !roles.includes(role)) throw new TokenUsageError(`--role attendu : ${roles.join(', ')}`);
  if (role === 'citizen' && niu === undefined) throw new TokenUsageError('--niu requis avec --role citizen');
  if (role === 'agent' && ministry === undefined) throw new TokenUsageError('--ministry requis avec --role agent');
  if (values['client-secret'] !== undefined) {
    const clientId = values['client-id'];
    if (role !== 'integrator' || clientId === undefined) throw new TokenUsageError('--client-secret va avec --role integrator et --client-id');
    return { kind: 'client-credentials', idpUrl, clientId, clientSecret: values['client-secret'], ...(scopes ? { scopes } : {}) };
  }
  if (role === 'integrator' && (scopes === undefined || scopes.length === 0)) throw new TokenUsageError('--scopes requis avec --role integrator (ex. dossiers:read,citizens:read)');
  const body: Record<string, string | readonly string[]> = { role };
  if (niu !== undefined) body.niu = niu;
  if (ministry !== undefined) body.ministry = ministry;
  if (scopes !== undefined) body.scopes = scopes;
  if (subject !== undefined) body.subject = subject;
  if (values['client-id'] !== undefined) body.clientId = values['client-id'];
  return { kind: 'dev-token', idpUrl, body };
}

/** Asks the running IdP for a token; every failure is a TokenRequestError with a one-line French message. */
export async function requestToken(command: Exclude<TokenCommand, { kind: 'help' }>, timeoutMs = 5_000): Promise<string> {
  const devToken = command.kind === 'dev-token';
  const url = `${command.idpUrl}${devToken ? '/dev/token' : '/token'}`;
  const init: RequestInit = devToken
    ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(command.body) }
    : {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${encodeURIComponent(command.clientId)}:${encodeURIComponent(command.clientSecret)}`).toString('base64')}`,
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', ...(command.scopes ? { scope: command.scopes.join(' ') } : {}) }).toString(),
      };
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    throw new TokenRequestError(`Le fournisseur d’identité ne répond pas à ${command.idpUrl} : lancez la pile (npm start) ou indiquez IDP_URL.`);
  }
  const text = await response.text().catch(() => '');
  let json: { access_token?: unknown; error?: unknown; error_description?: unknown } = {};
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    // Not JSON: handled below by status.
  }
  if (response.ok && typeof json.access_token === 'string') return json.access_token;
  if (devToken && response.status === 404) throw new TokenRequestError('Jetons de développement indisponibles : le fournisseur d’identité tourne en production (NODE_ENV=production).');
  if (typeof json.error === 'string') {
    const detail = typeof json.error_description === 'string' ? ` : ${json.error_description}` : '';
    throw new TokenRequestError(`Refusé par le fournisseur d’identité (${json.error})${detail}`);
  }
  throw new TokenRequestError(`Réponse inattendue du fournisseur d’identité à ${url} (HTTP ${response.status}).`);
}
