/** CSV for spreadsheets as a French office opens them: `;` between cells, UTF-8 with a byte-order mark. */

/** Excel reads a file without it as Windows-1252 and mangles accents (« Délai » → « DÃ©lai »). */
export const utf8Bom = '\uFEFF';

/**
 * One cell. Numbers are written as numbers (decimal comma, as a French spreadsheet reads them). Text that a
 * spreadsheet would run as a formula — starting with = + - @, a tab or a carriage return — is prefixed with an
 * apostrophe (OWASP's advice against CSV injection); quotes, separators and line breaks are quoted.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value).replace('.', ',') : '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A whole file: the header row then the rows, CRLF line ends (RFC 4180), BOM first. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return `${utf8Bom}${[header, ...rows].map((row) => row.map(csvCell).join(';')).join('\r\n')}\r\n`;
}
