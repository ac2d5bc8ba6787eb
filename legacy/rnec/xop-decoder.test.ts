import { describe, expect, it } from 'vitest';
import { decodeXop, isMultipartRelated, XopError } from './xop-decoder.js';

const XOP = 'http://www.w3.org/2004/08/xop/include';

interface Part {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer | string;
}

/** A multipart/related body as an MTOM client writes it (node-soap's buildRequest: CRLF, `--boundary`). */
function multipart(boundary: string, parts: readonly Part[], preamble = ''): Buffer {
  const chunks: Buffer[] = [Buffer.from(`${preamble}--${boundary}\r\n`)];
  parts.forEach((part, index) => {
    for (const [name, value] of Object.entries(part.headers)) chunks.push(Buffer.from(`${name}: ${value}\r\n`));
    chunks.push(Buffer.from('\r\n'), Buffer.from(part.body), Buffer.from(`\r\n--${boundary}${index === parts.length - 1 ? '--' : ''}\r\n`));
  });
  return Buffer.concat(chunks);
}

const envelope = (inner: string) => `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${inner}</soap:Body></soap:Envelope>`;
const root = (xml: string, id = '<root@rnec>') => ({ headers: { 'Content-Type': 'application/xop+xml; charset=UTF-8; type="text/xml"', 'Content-ID': id }, body: xml });
const binary = (id: string, body: Buffer, encoding = 'binary') => ({ headers: { 'Content-Type': 'application/octet-stream', 'Content-Transfer-Encoding': encoding, 'Content-ID': id }, body });
const contentType = (boundary: string, start = '<root@rnec>') => `multipart/related; type="application/xop+xml"; start="${start}"; start-info="text/xml"; boundary=${boundary}`;

/** Bytes that would break a naive parser: NUL, 0xFF, CRLFs, and something that starts like a delimiter. */
const awkward = Buffer.concat([Buffer.from([0, 255, 13, 10, 45, 45]), Buffer.from('\r\n--not-the-boundary\r\n'), Buffer.from([0x25, 0x50, 0x44, 0x46])]);
const jpegish = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);

describe('decodeXop', () => {
  it('replaces each xop:Include by the base64 of its part, several parts, in document order', () => {
    const xml = envelope(
      `<a><CONTENU><xop:Include xmlns:xop="${XOP}" href="cid:one@rnec"/></CONTENU></a>` + `<b><CONTENU><xop:Include xmlns:xop="${XOP}" href="cid:two@rnec"></xop:Include></CONTENU></b>`,
    );
    const body = multipart('b0undary', [root(xml), binary('<two@rnec>', jpegish), binary('<one@rnec>', awkward)]);
    const decoded = decodeXop(contentType('b0undary'), body);
    expect(decoded).toBe(envelope(`<a><CONTENU>${awkward.toString('base64')}</CONTENU></a><b><CONTENU>${jpegish.toString('base64')}</CONTENU></b>`));
    expect(decoded).not.toContain('Include');
  });

  it('matches content ids with or without <>, and percent-encoded hrefs (RFC 2392)', () => {
    const xml = envelope(`<x:Include xmlns:x="${XOP}" href="cid:pi%C3%A8ce%201%40rnec"/>|<x:Include xmlns:x="${XOP}" href='cid:bare@rnec'/>`);
    const body = multipart('zz', [root(xml, 'root@rnec'), binary(' <pièce 1@rnec> ', awkward), binary('bare@rnec', jpegish)]);
    expect(decodeXop(contentType('zz', 'root@rnec'), body)).toBe(envelope(`${awkward.toString('base64')}|${jpegish.toString('base64')}`));
  });

  it('takes the root part named by start, wherever it is, else the first; ignores preamble and unreferenced parts', () => {
    const xml = envelope(`<C><xop:Include xmlns:xop="${XOP}" href="cid:f"/></C>`);
    const body = multipart('q', [binary('<unused>', jpegish), binary('<f>', awkward), root(xml)], 'preamble to ignore\r\n');
    expect(decodeXop(contentType('q'), body)).toBe(envelope(`<C>${awkward.toString('base64')}</C>`));
    const first = multipart('q', [root(xml), binary('<f>', awkward)]);
    expect(decodeXop('multipart/related; boundary="q"; type="application/xop+xml"', first)).toBe(envelope(`<C>${awkward.toString('base64')}</C>`));
  });

  it('decodes a part sent with Content-Transfer-Encoding base64', () => {
    const xml = envelope(`<xop:Include xmlns:xop="${XOP}" href="cid:f"/>`);
    const body = multipart('q', [root(xml), binary('<f>', Buffer.from(awkward.toString('base64')), 'base64')]);
    expect(decodeXop(contentType('q'), body)).toBe(envelope(awkward.toString('base64')));
  });

  it('leaves an Include of another namespace alone', () => {
    const xml = envelope('<inc:Include xmlns:inc="urn:autre" href="cid:f"/>');
    expect(decodeXop(contentType('q'), multipart('q', [root(xml)]))).toBe(xml);
  });

  it('refuses a missing cid with a message naming it, and malformed bodies clearly', () => {
    const xml = envelope(`<xop:Include xmlns:xop="${XOP}" href="cid:absent@rnec"/>`);
    const call = () => decodeXop(contentType('q'), multipart('q', [root(xml), binary('<other@rnec>', jpegish)]));
    expect(call).toThrow(XopError);
    expect(call).toThrow('aucune partie ne porte le Content-ID <absent@rnec>');
    expect(() => decodeXop('multipart/related; type="application/xop+xml"', Buffer.from('x'))).toThrow('sans paramètre boundary');
    const cut = multipart('q', [root(xml)]).subarray(0, 60);
    expect(() => decodeXop(contentType('q'), cut)).toThrow(XopError);
    expect(() => decodeXop(contentType('q'), Buffer.from('no delimiter here'))).toThrow('délimiteur multipart introuvable');
    expect(() => decodeXop(contentType('q', '<nowhere>'), multipart('q', [root(xml)]))).toThrow('partie racine <nowhere> introuvable');
    const noHref = envelope(`<xop:Include xmlns:xop="${XOP}"/>`);
    expect(() => decodeXop(contentType('q'), multipart('q', [root(noHref)]))).toThrow('sans href cid:');
  });

  it('recognises multipart/related content types only', () => {
    expect(isMultipartRelated(contentType('q'))).toBe(true);
    expect(isMultipartRelated('Multipart/Related;boundary=x')).toBe(true);
    expect(isMultipartRelated('text/xml; charset=utf-8')).toBe(false);
    expect(isMultipartRelated('multipart/form-data; boundary=x')).toBe(false);
    expect(isMultipartRelated(undefined)).toBe(false);
  });
});
