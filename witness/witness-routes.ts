import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { BodyTooLargeError, readBody, sendJson, type Routes } from '../lib/http/index.js';
import { checkpointSubmissionShape, logIdPattern } from './client/index.js';
import type { Witness } from './create-witness.js';

/** A checkpoint is three short fields: anything larger is not one. */
const maxBodyBytes = 4_096;
const maxPage = 1_000;
const noStore = { 'cache-control': 'no-store' };

/**
 * The witness's HTTP API. Writing needs the writer's bearer token; reading does not (checkpoints say nothing
 * personal: a log id, a sequence number, a hash), so anyone auditing the trail can fetch them and the keys.
 */
export function witnessRoutes(witness: Witness, token: string): Routes {
  const expected = Buffer.from(token, 'utf8');
  const authorized = (req: IncomingMessage) => {
    const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    const given = Buffer.from(match?.[1] ?? '', 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  const logOf = (url: URL): string | undefined => {
    const log = url.searchParams.get('log');
    return log !== null && logIdPattern.test(log) ? log : undefined;
  };
  const badLog = { error: 'bad request', reason: 'expected ?log=<log id> (lowercase letters, digits, ".", "_" or "-", at most 64)' };
  return {
    'POST /checkpoints': async (req, res) => {
      if (!authorized(req)) return sendJson(res, 401, { error: 'unauthorized', reason: 'a writer token is required (Authorization: Bearer …)' }, { 'www-authenticate': 'Bearer' });
      let body: unknown;
      try {
        body = JSON.parse(await readBody(req, maxBodyBytes));
      } catch (error) {
        if (error instanceof BodyTooLargeError) return sendJson(res, 413, { error: 'payload too large', reason: `at most ${maxBodyBytes} bytes` });
        return sendJson(res, 400, { error: 'bad request', reason: 'body is not JSON' });
      }
      const parsed = checkpointSubmissionShape.strict().safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return sendJson(res, 400, { error: 'bad request', reason: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'expected { log, seq, hash }'}` });
      }
      const answer = await witness.submit(parsed.data);
      if (answer.kind === 'refused') {
        const { witnessed } = answer;
        return sendJson(res, 409, { error: answer.error, reason: answer.reason, witnessed: { seq: witnessed.seq, hash: witnessed.hash, checkpoint: witnessed.jws } }, noStore);
      }
      const { checkpoint } = answer;
      const superseded = answer.superseded ? { superseded: true } : {};
      sendJson(
        res,
        answer.created ? 201 : 200,
        { checkpoint: checkpoint.jws, log: checkpoint.log, seq: checkpoint.seq, hash: checkpoint.hash, witnessedAt: checkpoint.witnessedAt, ...superseded },
        noStore,
      );
    },
    'GET /checkpoints/latest': async (_req, res, url) => {
      const log = logOf(url);
      if (log === undefined) return sendJson(res, 400, badLog);
      const latest = await witness.latest(log);
      if (!latest) return sendJson(res, 404, { error: 'not found', reason: 'no checkpoint witnessed for this log' }, noStore);
      sendJson(res, 200, { checkpoint: latest.jws }, noStore);
    },
    'GET /checkpoints': async (_req, res, url) => {
      const log = logOf(url);
      if (log === undefined) return sendJson(res, 400, badLog);
      const after = Number(url.searchParams.get('after') ?? '-1');
      const limit = Number(url.searchParams.get('limit') ?? String(maxPage));
      if (!Number.isSafeInteger(after) || after < -1 || !Number.isSafeInteger(limit) || limit < 1 || limit > maxPage) {
        return sendJson(res, 400, { error: 'bad request', reason: `expected after ≥ -1 and 1 ≤ limit ≤ ${maxPage}` });
      }
      const page = await witness.list(log, after, limit);
      const last = page[page.length - 1];
      sendJson(res, 200, { checkpoints: page.map((c) => c.jws), next: page.length === limit && last ? last.seq : null }, noStore);
    },
    'GET /alarms': async (_req, res, url) => {
      const log = logOf(url);
      if (log === undefined) return sendJson(res, 400, badLog);
      const alarms = await witness.alarms(log, maxPage);
      sendJson(res, 200, { alarms: alarms.map(({ at, kind, seq, witnessedSeq, reason }) => ({ at, kind, seq, witnessedSeq, reason })) }, noStore);
    },
    'GET /.well-known/jwks.json': async (_req, res) => sendJson(res, 200, await witness.jwks(), { 'cache-control': 'public, max-age=60' }),
    'GET /health': (_req, res) => sendJson(res, 200, { status: 'ok' }, noStore),
  };
}
