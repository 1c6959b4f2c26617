import { describe, expect, it } from 'vitest';
import { balancedLines, breakUnits, chicagoPieces, phraseBoundary } from './lines.js';

describe('balanced lines', () => {
  const width = (s: string) => [...s].length;

  it('never starts a line with closing punctuation nor ends one with an opening bracket', () => {
    const units = breakUnits('日本の「外交」、と政策。');
    expect(units.map((u) => u.text)).toEqual(['日', '本', 'の', '「外', '交」、', 'と', '政', '策。']);
    expect(breakUnits('「外交」、と').map((u) => u.text)).toEqual(['「外', '交」、', 'と']);
  });

  it('keeps Latin words whole and balances the lines', () => {
    const lines = balancedLines('The First Year of the Second Trump Administration', width, 30);
    expect(lines).toEqual(['The First Year of the', 'Second Trump Administration']);
    const ja = balancedLines('第2次トランプ政権発足後1年間の動向と日本外交', width, 16);
    expect(ja).toHaveLength(2);
    expect(Math.abs(width(ja[0]!) - width(ja[1]!))).toBeLessThanOrEqual(2);
  });

  it('breaks a Japanese title between phrases, not inside a word, at the most even measure that does', () => {
    // Balanced, it would break 標準|化; the next measures that break between phrases end the line after ・.
    expect(balancedLines('地方公共団体情報システムの標準化・共通化をめぐる現状と課題', width, 28)).toEqual(['地方公共団体情報システムの標準化・', '共通化をめぐる現状と課題']);
    // The sample's title keeps its even break where the script changes (発足後|1年間).
    expect(balancedLines('第2次トランプ政権発足後1年間の動向と日本外交', width, 16)).toEqual(['第2次トランプ政権発足後', '1年間の動向と日本外交']);
    expect([phraseBoundary('システムの', '標準'), phraseBoundary('標準化・', '共通化'), phraseBoundary('課題', '「副題」'), phraseBoundary('Second', 'Trump')]).toEqual([0, 0, 0, 0]);
    expect([phraseBoundary('発足後', '1年間'), phraseBoundary('第2次', 'トランプ')]).toEqual([1, 1]);
    expect([phraseBoundary('標準', '化'), phraseBoundary('情報', 'システム'), phraseBoundary('システム', 'の'), phraseBoundary('発足後1', '年間')]).toEqual([2, 1, 2, 2]);
  });
});

describe('URL pieces', () => {
  it('cuts a token at Chicago points, never before the punctuation that ends it', () => {
    // Before a single slash, after a double one (CMOS 7.42).
    expect(chicagoPieces('https://example.org/a_b/c.html.')).toEqual(['https://', 'example', '.org', '/a', '_b', '/c', '.html.']);
    expect(chicagoPieces('https://example.org/x?y=1&z=2),')).toEqual(['https://', 'example', '.org', '/x', '?y', '=1', '&z', '=2),']);
    expect(chicagoPieces('https://example.org/a//b/')).toEqual(['https://', 'example', '.org', '/a//', 'b/']);
    expect(chicagoPieces('2-(4-chlorophenyl)-ethanol,', false)).toEqual(['2-', '(4-', 'chlorophenyl)-', 'ethanol,']);
    // A token of ten thousand characters is cut in one pass (its pieces were once found in time growing with its square).
    const long = `https://example.org/${'a/'.repeat(5000)}end.`;
    expect(chicagoPieces(long)).toHaveLength(5004);
    expect(chicagoPieces(long).at(-1)).toBe('/end.');
  });
});
