import { AdapterError } from './adapter-error.js';
import type { LegacySystem } from './legacy-system.js';

/** Characters XML 1.0 cannot carry at all, not even as `&#…;` (control characters, lone surrogates, U+FFFE/FFFF). */
const notXmlChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/**
 * Checks every string that node-soap is about to write into an envelope. node-soap escapes values itself
 * (`& < > " '`, tab, CR, LF: its default `escapeXML: true`) with one exception: a string that starts with
 * `<![CDATA[` and ends with `]]>` is written raw, so `<![CDATA[]]><rnec:NIU>…</rnec:NIU><![CDATA[]]>` would
 * inject elements. That form and characters XML cannot represent are refused here, before any call:
 * BAD_USER_INPUT. Everything else (`<`, `&`, quotes, `]]>` inside text, é, ’) is escaped by node-soap and
 * arrives intact.
 */
export function checkSoapValues(system: LegacySystem, operation: string, args: unknown): void {
  const problem = findProblem(args, '');
  if (!problem) return;
  throw new AdapterError({
    code: 'BAD_USER_INPUT',
    system,
    operation,
    retryable: false,
    message: `${problem.path || '(value)'}: ${problem.reason}`,
    userMessage: 'Une des valeurs transmises contient des caractères non autorisés (caractères de contrôle ou section CDATA).',
  });
}

function findProblem(value: unknown, path: string): { path: string; reason: string } | undefined {
  if (typeof value === 'string') {
    if (value.startsWith('<![CDATA[') && value.endsWith(']]>')) return { path, reason: 'a CDATA section, which node-soap would write unescaped' };
    const bad = notXmlChar.exec(value);
    if (bad) return { path, reason: `character U+${(bad[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')} cannot be carried in XML` };
    return undefined;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const problem = findProblem(item, `${path}[${index}]`);
      if (problem) return problem;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const problem = findProblem(item, path ? `${path}.${key}` : key);
      if (problem) return problem;
    }
  }
  return undefined;
}
