/**
 * XOP (MTOM) requests back into plain SOAP envelopes. node-soap's server reads every request body as one XML
 * text (server.ts `_requestListener`): a `multipart/related; type="application/xop+xml"` body would reach its XML
 * parser as is and fail. Its client can send MTOM (`forceMTOM` and `attachments`), its server cannot read it, so
 * the simulator decodes it first: each `xop:Include href="cid:…"` is replaced by the base64 of the part it names,
 * which is exactly the envelope a client sending base64 would have written (XOP, W3C 2005, §3.1).
 */

const XOP_NAMESPACE = 'http://www.w3.org/2004/08/xop/include';

/** A malformed MTOM request: the message says what is wrong, for the Fault the caller gets. */
export class XopError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XopError';
  }
}

interface MimePart {
  readonly headers: ReadonlyMap<string, string>;
  readonly body: Buffer;
}

/** True for a `multipart/related` content type (what an MTOM request carries). */
export function isMultipartRelated(contentType: string | undefined): boolean {
  return /^\s*multipart\/related\s*(;|$)/i.test(contentType ?? '');
}

/**
 * `multipart/related` body → the root part's XML with every `xop:Include` replaced by the base64 of the part its
 * `cid:` names. Content ids are compared without their `<>`, and an href is percent-decoded first (a `cid:` URL
 * carries the id percent-encoded, RFC 2392). A missing part, a missing boundary or an unterminated body is an
 * XopError.
 */
export function decodeXop(contentType: string, body: Buffer): string {
  const parameters = contentTypeParameters(contentType);
  const boundary = parameters.get('boundary');
  if (!boundary) throw new XopError('multipart/related sans paramètre boundary');
  const parts = splitMultipart(body, boundary);
  if (parts.length === 0) throw new XopError('multipart/related sans aucune partie');
  const byId = new Map<string, MimePart>();
  for (const part of parts) {
    const id = part.headers.get('content-id');
    if (id !== undefined) byId.set(bareContentId(id), part);
  }
  const start = parameters.get('start');
  const root = start === undefined ? parts[0] : byId.get(bareContentId(start));
  if (!root) throw new XopError(`partie racine ${start ?? ''} introuvable`);
  const xml = root.body.toString('utf8');
  return xml.replace(/<([A-Za-z_][\w.-]*:)?Include\b([^>]*?)(?:\/>|>\s*<\/\1Include\s*>)/g, (element: string, prefix: string | undefined, attributes: string) => {
    if (!declaresXop(xml, attributes, prefix)) return element;
    const href = /\bhref\s*=\s*(["'])(.*?)\1/.exec(attributes)?.[2];
    if (href === undefined || !/^cid:/i.test(href)) throw new XopError(`xop:Include sans href cid: (${element.slice(0, 120)})`);
    const raw = href.slice(4);
    const part = byId.get(bareContentId(percentDecoded(raw))) ?? byId.get(bareContentId(raw));
    if (!part) throw new XopError(`aucune partie ne porte le Content-ID <${raw}> (xop:Include href="${href}")`);
    return decodedBody(part).toString('base64');
  });
}

/** Whether an `Include` element is XOP's: its prefix (or the default namespace) bound to the XOP namespace. */
function declaresXop(xml: string, attributes: string, prefix: string | undefined): boolean {
  const name = prefix ? `xmlns:${prefix.slice(0, -1)}` : 'xmlns';
  const binding = new RegExp(`\\b${name.replace(/[.]/g, '\\.')}\\s*=\\s*(["'])${XOP_NAMESPACE.replace(/[./]/g, '\\$&')}\\1`);
  // The binding may sit on the element itself or on an ancestor; a document binding the prefix elsewhere to
  // another namespace is not something RNEC's clients send.
  return binding.test(attributes) || binding.test(xml);
}

function percentDecoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `<a@b>`, ` <a@b> `, `a@b` → `a@b`. */
function bareContentId(id: string): string {
  return id
    .trim()
    .replace(/^<(.*)>$/, '$1')
    .trim();
}

function decodedBody(part: MimePart): Buffer {
  const encoding = (part.headers.get('content-transfer-encoding') ?? 'binary').trim().toLowerCase();
  if (encoding === 'base64') return Buffer.from(part.body.toString('latin1'), 'base64');
  if (encoding === 'binary' || encoding === '8bit' || encoding === '7bit') return part.body;
  throw new XopError(`Content-Transfer-Encoding non pris en charge : ${encoding}`);
}

/** `multipart/related; type="application/xop+xml"; start="<x>"; boundary=y` → its parameters, lower-case names. */
function contentTypeParameters(contentType: string): ReadonlyMap<string, string> {
  const parameters = new Map<string, string>();
  for (const match of contentType.matchAll(/;\s*([!#$%&'*+.^`|~\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))/g)) {
    const name = (match[1] ?? '').toLowerCase();
    const value = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? '');
    parameters.set(name, value);
  }
  return parameters;
}

/** The body parts between `--boundary` delimiters (RFC 2046 §5.1.1); the preamble and epilogue are ignored. */
function splitMultipart(body: Buffer, boundary: string): MimePart[] {
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const next = Buffer.from(`\r\n--${boundary}`, 'latin1');
  let position = body.subarray(0, delimiter.length).equals(delimiter) ? 0 : body.indexOf(next);
  if (position < 0) throw new XopError('délimiteur multipart introuvable');
  if (position > 0) position += 2;
  const parts: MimePart[] = [];
  for (;;) {
    const afterDelimiter = position + delimiter.length;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString('latin1') === '--') return parts;
    const lineEnd = body.indexOf('\r\n', afterDelimiter);
    if (lineEnd < 0) throw new XopError('corps multipart tronqué');
    const partStart = lineEnd + 2;
    const partEnd = body.indexOf(next, partStart);
    if (partEnd < 0) throw new XopError('corps multipart non terminé (délimiteur final absent)');
    parts.push(parsePart(body.subarray(partStart, partEnd)));
    position = partEnd + 2;
  }
}

function parsePart(raw: Buffer): MimePart {
  const headerEnd = raw.subarray(0, 2).toString('latin1') === '\r\n' ? 0 : raw.indexOf('\r\n\r\n');
  if (headerEnd < 0) throw new XopError('partie multipart sans fin d’en-têtes');
  const headers = new Map<string, string>();
  // Folded header lines (a CRLF then a space) continue the previous one.
  // UTF-8, not latin1: some clients put non-ASCII content ids in headers, and the href names them in UTF-8.
  const headerText = raw
    .subarray(0, headerEnd)
    .toString('utf8')
    .replace(/\r\n[ \t]+/g, ' ');
  for (const line of headerText.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: raw.subarray(headerEnd === 0 ? 2 : headerEnd + 4) };
}
