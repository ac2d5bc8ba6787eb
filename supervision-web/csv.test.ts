import { describe, expect, it } from 'vitest';
import { csvCell, toCsv, utf8Bom } from './csv.js';

describe('CSV export', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+33 1', "'+33 1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    ['Délai légal', 'Délai légal'],
    ['a;b', '"a;b"'],
    ['dit "oui"', '"dit ""oui"""'],
    ['deux\nlignes', '"deux\nlignes"'],
  ])('writes the text %j as %j, never as a formula', (text, cell) => {
    expect(csvCell(text)).toBe(cell);
  });

  it('writes numbers as numbers, negative ones included, with a decimal comma; a missing figure as an empty cell', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(0.1234)).toBe('0,1234');
    expect(csvCell(12)).toBe('12');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('starts with a UTF-8 byte-order mark and ends every line with CRLF', () => {
    const csv = toCsv(['Commune', 'Dossiers'], [['Agoè-Nyivé 1', 12]]);
    expect(csv.startsWith(utf8Bom)).toBe(true);
    expect(csv).toBe(`${utf8Bom}Commune;Dossiers\r\nAgoè-Nyivé 1;12\r\n`);
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });
});
