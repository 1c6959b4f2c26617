/** What every writer takes from the language: list markers by depth, and the faces of an SVG picture's generic families. */
import { describe, expect, it } from 'vitest';
import { cellKeptPieces, cellKeptWhole, languageStyle, listMarker, reportTemplate, svgFallbackFaces, svgGenericFaces, svgWithFallbacks, widthsWithFloors } from './index.js';

describe('listMarker', () => {
  it('en: •, –, ◦ and 1., a., i., the third level’s marks going on deeper', () => {
    const en = languageStyle(reportTemplate, 'en');
    expect([0, 1, 2, 3].map((d) => listMarker(en, false, 1, d))).toEqual(['•', '–', '◦', '◦']);
    expect([0, 1, 2, 3].map((d) => listMarker(en, true, 4, d))).toEqual(['4.', 'd.', 'iv.', 'iv.']);
  });

  it('ja: bullets as the printed report marks them, numbers ①, then ア, then a. inside them', () => {
    const ja = languageStyle(reportTemplate, 'ja');
    expect([0, 1, 2].map((d) => listMarker(ja, false, 1, d))).toEqual(['・', '・', '・']);
    expect([0, 1, 2, 3].map((d) => listMarker(ja, true, 2, d))).toEqual(['②', 'イ', 'b.', 'b.']);
    // Circled to 50, then in parentheses; en numbers with a full stop.
    expect([1, 20, 21, 35, 36, 50, 51].map((n) => listMarker(ja, true, n, 0))).toEqual(['①', '⑳', '㉑', '㉟', '㊱', '㊿', '(51)']);
    expect(listMarker(languageStyle(reportTemplate, 'en'), true, 2, 0)).toBe('2.');
  });
});

describe('svgGenericFaces', () => {
  it('sets a picture with Japanese text in the Japanese faces, and one without in the Latin faces', () => {
    const fonts = languageStyle(reportTemplate, 'en').fonts;
    expect(svgGenericFaces(fonts, '東京 80%')).toEqual({ sans: fonts.heading.cjk, serif: fonts.body.cjk });
    expect(svgGenericFaces(fonts, 'Urban 80%')).toEqual({ sans: fonts.heading.latin, serif: fonts.body.latin });
  });
});

describe('svgWithFallbacks', () => {
  it('sets what a picture’s faces lack in the faces its role falls back to, sans-serif text in the sans-serif chain first', () => {
    const fonts = languageStyle(reportTemplate, 'en').fonts;
    expect(svgFallbackFaces(fonts, [fonts.heading.latin])[0]).toBe(fonts.heading.cjk);
    expect(svgFallbackFaces(fonts, [fonts.body.latin])[0]).toBe(fonts.body.cjk);
    expect(svgFallbackFaces(fonts, [fonts.heading.latin])).not.toContain(fonts.heading.latin);
    const has = (family: string, cp: number) => (family === 'Math' ? cp === 0x2265 : cp < 0x80);
    const picture = '<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><text>a ≥ b ✱</text></svg>';
    const { svg, used } = svgWithFallbacks(picture, ['Latin'], ['Other', 'Math'], has);
    expect(svg).toContain('<text>a <tspan font-family="Math">≥</tspan> b ✱</text>');
    expect(used).toEqual(['Math']);
    expect(svgWithFallbacks(picture, ['Latin'], [], has)).toEqual({ svg: picture, used: [] });
  });
});

describe('short Japanese cells kept whole', () => {
  it('keeps Japanese text of up to tableCellWholeChars characters whole, not Latin words or longer text', () => {
    const limit = reportTemplate.proportions.tableCellWholeChars;
    expect(cellKeptWhole('事前防災', limit)).toBe(true);
    expect(cellKeptWhole('復旧・復興', limit)).toBe(true);
    expect(cellKeptWhole('5 years', limit)).toBe(false);
    expect(cellKeptWhole('全国の災害リスクを評価する', limit)).toBe(false);
    expect(cellKeptWhole('  ', limit)).toBe(false);
  });

  it('keeps a short cell, a short bracketed part and a head’s short phrases whole, nothing of Latin text', () => {
    const limit = reportTemplate.proportions.tableCellWholeChars;
    expect(cellKeptPieces('JR北海道', limit)).toEqual(['JR北海道']);
    expect(cellKeptPieces('根室本線（富良野～新得）', limit)).toEqual(['（富良野～新得）']);
    expect(cellKeptPieces('吾妻線（長野原草津口～大前）', limit)).toEqual([]);
    expect(cellKeptPieces('再構築協議会（要請中）', limit)).toEqual(['（要請中）']);
    expect(cellKeptPieces('輸送密度（人/日）', limit, true)).toEqual(['輸送密度', '（人/日）']);
    expect(cellKeptPieces('初期費用（億円）', limit, true)).toEqual(['初期費用', '（億円）']);
    expect(cellKeptPieces('初期費用（億円）', limit)).toEqual(['初期費用（億円）', '（億円）']);
    expect(cellKeptPieces('協議の枠組み', limit, true)).toEqual(['協議の枠組み']);
    expect(cellKeptPieces('Lines (thousand)', limit, true)).toEqual([]);
    expect(cellKeptPieces('1,062', limit)).toEqual([]);
  });

  it('raises columns to their floors from the others’ spare room, keeping the total, or leaves them', () => {
    expect(widthsWithFloors([30, 500, 270], [50, 0, 0], [10, 20, 20])).toEqual([50, 500 - (480 / 730) * 20, 270 - (250 / 730) * 20]);
    // No room beyond the others' own floors and minimums: left as they were.
    expect(widthsWithFloors([30, 40], [50, 40], [10, 40])).toEqual([30, 40]);
    expect(widthsWithFloors([60, 40], [50, 0], [10, 10])).toEqual([60, 40]);
    // Room for some floors, not all: those that need least are raised.
    expect(widthsWithFloors([40, 45, 100], [50, 50, 0], [10, 10, 88])).toEqual([40, 50, 95]);
    // One left below its floor gets half of it where room is left (its short cell on two even lines).
    expect(widthsWithFloors([10, 45, 100], [50, 50, 0], [5, 5, 60], [true, false, false])).toEqual([25, 50, 80]);
    // Only a column whose floor keeps a short Japanese cell whole.
    expect(widthsWithFloors([10, 45, 100], [50, 50, 0], [5, 5, 60])).toEqual([10, 50, 95]);
  });
});
