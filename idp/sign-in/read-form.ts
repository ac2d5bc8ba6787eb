import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, readBody } from '../../lib/http/index.js';
import { sendOAuthError } from '../oauth-error.js';

export type FormRead = { readonly kind: 'form'; readonly params: URLSearchParams } | { readonly kind: 'problem'; readonly status: number; readonly description: string };

/** An `application/x-www-form-urlencoded` body, each parameter at most once (RFC 6749 §3.1). */
export async function readForm(req: IncomingMessage, maxBytes = 16_384): Promise<FormRead> {
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    return { kind: 'problem', status: 400, description: 'expected an application/x-www-form-urlencoded body' };
  }
  let body: string;
  try {
    body = await readBody(req, maxBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return { kind: 'problem', status: 413, description: `body limited to ${maxBytes} bytes` };
    throw error;
  }
  const params = new URLSearchParams(body);
  const repeated = [...new Set(params.keys())].find((name) => params.getAll(name).length > 1);
  if (repeated !== undefined) return { kind: 'problem', status: 400, description: `repeated parameter: ${repeated}` };
  return { kind: 'form', params };
}

/** The form of an OAuth endpoint's request, or undefined once its `invalid_request` is answered (413 closes the connection). */
export async function readOAuthForm(req: IncomingMessage, res: ServerResponse): Promise<URLSearchParams | undefined> {
  const form = await readForm(req);
  if (form.kind === 'form') return form.params;
  if (form.status === 413) res.setHeader('connection', 'close');
  sendOAuthError(res, form.status, 'invalid_request', form.description);
  return undefined;
}
