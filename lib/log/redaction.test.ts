import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { logRedaction, maskNiu } from './redaction.js';

describe('maskNiu', () => {
  it('keeps two characters at each end', () => {
    expect(maskNiu('123456789012')).toBe('12••••••••12');
  });

  it('hides short values whole', () => {
    expect(maskNiu('1234567')).toBe('•••••••');
    expect(maskNiu('')).toBe('•');
  });
});

describe('logRedaction', () => {
  it('keeps NIUs, tokens, names and variables out of pino logs', () => {
    const lines: string[] = [];
    const log = pino({ redact: logRedaction }, new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) }));
    log.info(
      {
        niu: '123456789012',
        citizen: { niu: '210987654321', firstNames: 'Afi', lastName: 'Mensah' },
        nius: ['123456789012'],
        req: { headers: { authorization: 'Bearer eyJhbGciOi.secret', 'x-api-key': 'dev-ceet-key', accept: 'application/json' } },
        token: 'eyJhbGciOi.internal',
        variables: { niu: '123456789012', input: { fullName: 'Afi Mensah' } },
        subgraph: 'civil-registry',
      },
      'served',
    );
    const text = lines.join('');
    for (const secret of ['123456789012', '210987654321', 'Afi', 'Mensah', 'eyJhbGciOi', 'dev-ceet-key']) expect(text).not.toContain(secret);
    const logged = JSON.parse(text);
    expect(logged).toMatchObject({
      niu: '12••••••••12',
      citizen: { niu: '21••••••••21', lastName: '[redacted]' },
      nius: ['12••••••••12'],
      req: { headers: { authorization: '[redacted]', accept: 'application/json' } },
      variables: '[redacted]',
      subgraph: 'civil-registry',
    });
  });
});

describe('createLogger', () => {
  it('masks a NIU even inside free text', async () => {
    const { createLogger } = await import('./create-logger.js');
    const written: string[] = [];
    const original = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    try {
      createLogger('mask-test', 'info').warn({ err: new Error('Aucune personne pour le NIU 123456789012') }, 'legacy call failed for 987654321098');
    } finally {
      process.stdout.write = original;
    }
    const line = written.join('');
    expect(line).not.toMatch(/123456789012|987654321098/);
    expect(line).toContain('12••••••••12');
  });
});
