/**
 * Coverage per face: each character against the file the PDF draws its run
 * with (weight, slant, script, fallback families), and runs whose variant a
 * family has no file for.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '@brief/document-model';
import { fontFiles, registerFontFamily } from '@brief/fonts';
import { mergeTemplate, reportTemplate, type Template } from '@brief/templates';
import { checkDir, removeSources, writeSource } from './test-source.js';
import { checkFontCoverage } from './font-coverage.js';

afterAll(removeSources);

// Japanese in the regular and bold faces, none in the italic (a Latin italic).
registerFontFamily('Faces Test Mixed', { normal: fontFiles('Noto Sans JP').normal, bold: fontFiles('Noto Sans JP').bold, italics: fontFiles('Noto Sans').italics });
// Regular and bold only.
registerFontFamily('Faces Test Upright', { normal: fontFiles('Noto Serif').normal, bold: fontFiles('Noto Serif').bold });
// Regular, bold and italic, no bold italic.
registerFontFamily('Faces Test NoBoldItalic', { normal: fontFiles('Noto Serif').normal, bold: fontFiles('Noto Serif').bold, italics: fontFiles('Noto Serif').italics });

const brief = (languages: string) =>
  ['id: test-report', `languages: [${languages}]`, 'title: { ja: 試験報告, en: Test report }', 'authors:', '  - name: { ja: 著者, en: Author }', 'published: 2026-03-16', 'as-of: 2026-02-25', ''].join(
    '\n',
  );

/** Coverage diagnostics of a source under a template changed by `fonts`. */
function coverage(files: Record<string, string>, fonts: unknown): Diagnostic[] {
  const { read } = checkDir(writeSource(files));
  const template = mergeTemplate<Template>(reportTemplate, { fonts });
  return checkFontCoverage({ editions: read.editions, library: read.library, template, files: new Map(read.bodies.map((b) => [b.lang, b.file])), brief: read.brief! });
}

const mixedBody = (fallback: string[]) => ({ ja: { body: { family: 'Faces Test Mixed', latin: 'Faces Test Mixed', cjk: 'Faces Test Mixed', generic: 'serif', fallback } } });
const jaSource = {
  'brief.yaml': brief('ja'),
  'ja.md': '## 見出し\n\n本文は通常の字体で印刷できる。\n\n強調は*斜体の日本語です*。\n\n二つ目の*強調もある*。\n',
};

describe('font-missing-glyph per face', () => {
  it('reports an italic face without Japanese once, for italic Japanese text only', () => {
    const found = coverage(jaSource, mixedBody([])).filter((d) => d.ruleId === 'font-missing-glyph');
    expect(found).toHaveLength(1);
    const [d] = found;
    expect(d).toMatchObject({ severity: 'error', file: 'ja.md', line: 5, column: 1 });
    expect(d!.message).toMatch(/^1[0-9] characters \(.*, …; first 10 listed\) cannot be printed with Faces Test Mixed italic \(NotoSans_400Regular_Italic\.ttf\) for Japanese \(CJK\) text$/);
    expect(d!.message).toContain('"斜" U+659C');
    expect(d!.hint).toContain('fonts.ja.body.fallback');
  });

  it('is satisfied by a fallback family that has the characters', () => {
    expect(coverage(jaSource, mixedBody(['Noto Sans JP'])).filter((d) => d.ruleId === 'font-missing-glyph')).toEqual([]);
  });

  it('takes any known family as a fallback (the PDF registers it), and still reports one that lacks the characters', () => {
    expect(coverage(jaSource, mixedBody(['Noto Serif JP'])).filter((d) => d.ruleId === 'font-missing-glyph')).toEqual([]);
    expect(coverage(jaSource, mixedBody(['Noto Serif'])).filter((d) => d.ruleId === 'font-missing-glyph')).toHaveLength(1);
  });

  it('checks bold text in the bold file and code in the code face', () => {
    const files = { 'brief.yaml': brief('en'), 'en.md': 'Plain text.\n\nA **bold ɐ** word.\n\nSome `code ā ɐ`.\n' };
    // ɐ (U+0250) is in Noto Serif and Noto Sans Mono but not in Noto Sans JP's faces.
    const fonts = { en: { body: { family: 'Noto Serif', latin: 'Noto Serif', cjk: 'Noto Serif JP', generic: 'serif', fallback: [] } } };
    expect(coverage(files, fonts).filter((d) => d.ruleId === 'font-missing-glyph')).toEqual([]);
    const boldless = { en: { body: { family: 'Noto Serif JP', latin: 'Noto Serif JP', cjk: 'Noto Serif JP', generic: 'serif', fallback: [] } } };
    const found = coverage(files, boldless).filter((d) => d.ruleId === 'font-missing-glyph');
    expect(found.map((d) => [d.line, d.message.replace(/ \(.*\) cannot/, ' cannot')])).toEqual([[3, '1 character cannot be printed with Noto Serif JP bold (NotoSerifJP_700Bold.ttf) for Latin text']]);
  });
});

describe('font-style-missing', () => {
  it('reports emphasis moved to the heading face when the Latin body face has no italic', () => {
    const files = { 'brief.yaml': brief('en'), 'en.md': 'Plain.\n\nSome *emphasis* here.\n\nMore *emphasis*.\n' };
    const fonts = { en: { body: { family: 'Faces Test Upright', latin: 'Faces Test Upright', cjk: 'Noto Serif JP', generic: 'serif', fallback: [] } } };
    const found = coverage(files, fonts).filter((d) => d.ruleId === 'font-style-missing');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', line: 3 });
    expect(found[0]!.message).toBe('Faces Test Upright has no italic face: emphasis is set in Noto Sans instead');
  });

  it('reports bold italic text in a family without a bold italic file, once', () => {
    const files = { 'brief.yaml': brief('en'), 'en.md': 'Plain *italic*.\n\nNow ***bold italic*** and ***again***.\n' };
    const fonts = { en: { body: { family: 'Faces Test NoBoldItalic', latin: 'Faces Test NoBoldItalic', cjk: 'Noto Serif JP', generic: 'serif', fallback: [] } } };
    const found = coverage(files, fonts).filter((d) => d.ruleId === 'font-style-missing');
    expect(found.map((d) => [d.line, d.message])).toEqual([[3, 'Faces Test NoBoldItalic has no bold italic face: its bold italic text is set in its bold face']]);
  });

  it('says nothing for the built-in styles', () => {
    const files = { 'brief.yaml': brief('ja, en'), 'ja.md': '本文*強調*と**太字**。\n', 'en.md': 'Body *emphasis* and ***both*** and `code`.\n' };
    expect(coverage(files, {}).filter((d) => d.ruleId === 'font-style-missing' || d.ruleId === 'font-missing-glyph')).toEqual([]);
  });
});
