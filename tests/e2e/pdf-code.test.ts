/**
 * Code in the PDF: code blocks and inline code in the template's monospace
 * face (Noto Sans Mono), Japanese in code in the Japanese face, indentation
 * kept (leading spaces and tabs), long lines wrapped with the template's
 * continuation mark drawn as an artifact (copied text does not get it) at
 * the line's own indentation.
 * Read back with pdfjs-dist (fonts, positions, marked content).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { reportTemplate } from '@brief/templates';
import { buildPdf } from '../helpers/pdf-build.js';
import { checkPdfUa, type UaReport } from '../helpers/pdf-ua.js';

const yaml = `id: code-sample
languages: [ja, en]
title:
  ja: コードの試験
  en: Code
authors:
  - name: { ja: 試験 太郎, en: SHIKEN Taro }
published: 2026-03-16
as-of: 2026-02-25
`;

const long = `const digest = 'sha256:${'0123456789abcdef'.repeat(8)}'; // ${'long comment '.repeat(6)}end`;
const code = ['function main() {', '    const x = 1;', '\tconst y = 2;', '    // 日本語のコメント', `    ${long}`, '}'].join('\n');

const body = (lang: 'ja' | 'en') => `## ${lang === 'ja' ? 'コード' : 'Code'}

${lang === 'ja' ? '関数' : 'The function'} \`main()\` ${lang === 'ja' ? 'を示す。' : 'is shown.'}

\`\`\`
${code}
\`\`\`
`;

/** A word of the text (or a run without spaces) where it is drawn. */
interface Glyphs {
  str: string;
  x: number;
  y: number;
  width: number;
  font: string;
  artifact: boolean;
}

async function read(path: string): Promise<Glyphs[]> {
  const pdf = await getDocument({ data: new Uint8Array((await import('node:fs')).readFileSync(path)), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const out: Glyphs[] = [];
  for (let p = 1; p <= pdf.numPages; p++) {
    const page = await pdf.getPage(p);
    await page.getOperatorList();
    const content = await page.getTextContent({ includeMarkedContent: true, disableNormalization: true });
    const view = page.getViewport({ scale: 1 });
    const stack: string[] = [];
    for (const item of content.items) {
      if ('type' in item) {
        if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps')
          stack.push((item as { tag?: string }).tag ?? ''); // pdf.js gives the tag (not in its types)
        else if (item.type === 'endMarkedContent') stack.pop();
        continue;
      }
      if (!item.str) continue;
      const font = (page.commonObjs.get(item.fontName) as { name?: string } | undefined)?.name ?? '';
      // A line's words of one style are one text item: each word is placed by its characters' share of
      // the item's width (exact in the monospace face, where every character is as wide).
      const chars = [...item.str].length;
      let offset = 0;
      for (const piece of item.str.split(/(\s+)/)) {
        const n = [...piece].length;
        const at = { x: item.transform[4]! + (offset / chars) * item.width, width: (n / chars) * item.width };
        if (piece.trim()) out.push({ str: piece, ...at, y: view.height - item.transform[5]!, font, artifact: stack.includes('Artifact') });
        offset += n;
      }
    }
  }
  await pdf.destroy();
  return out;
}

const glyphs = new Map<string, Glyphs[]>();
const tagged = new Map<string, UaReport>();

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'pdf-code-'));
  const source = join(root, 'code-sample');
  mkdirSync(source);
  writeFileSync(join(source, 'brief.yaml'), yaml);
  writeFileSync(join(source, 'ja.md'), body('ja'));
  writeFileSync(join(source, 'en.md'), body('en'));
  writeFileSync(join(source, 'references.yaml'), 'references: []\n');
  for (const [lang, path] of buildPdf(source, join(root, 'out'), 'code-sample')) {
    glyphs.set(lang, await read(path));
    tagged.set(lang, await checkPdfUa(path, { lang, firstPage: 1 }));
  }
}, 120_000);

describe.each(['ja', 'en'])('code in the %s PDF', (lang) => {
  const mark = reportTemplate.strings[lang]!.codeContinuation;

  it('sets code blocks and inline code in the monospace face, Japanese in the Japanese face', () => {
    const items = glyphs.get(lang)!;
    for (const s of ['main()', 'const', 'digest', '{']) {
      const found = items.filter((g) => g.str === s);
      expect(found.length, s).toBeGreaterThan(0);
      for (const g of found) expect(g.font, s).toMatch(/NotoSansMono/);
    }
    const japanese = items.find((g) => g.str.includes('日本語のコメント'));
    expect(japanese?.font).toMatch(/NotoSansJP/);
  });

  it('keeps the indentation of spaces and tabs', () => {
    const items = glyphs.get(lang)!;
    const fn = items.find((g) => g.str === 'function' && g.font.includes('NotoSansMono'))!;
    const charWidth = fn.width / [...fn.str].length;
    const consts = items.filter((g) => g.str === 'const');
    expect(consts.length).toBe(3);
    for (const c of consts) expect(c.x - fn.x).toBeCloseTo(4 * charWidth, 1);
  });

  it('wraps a long line after the continuation mark, drawn as an artifact, and copies the line whole', () => {
    const items = glyphs.get(lang)!;
    const marks = items.filter((g) => g.str.includes(mark));
    expect(marks.length).toBeGreaterThan(0);
    for (const m of marks) expect(m.artifact).toBe(true);
    const fn = items.find((g) => g.str === 'function' && g.font.includes('NotoSansMono'))!;
    // The wrapped line is indented by four spaces: its continuations hang there, not at the margin.
    const charWidth = fn.width / [...fn.str].length;
    for (const m of marks) expect(m.x - fn.x).toBeCloseTo(4 * charWidth, 1);
    const right = fn.x + (reportTemplate.page.widthMm - reportTemplate.page.margin.inner - reportTemplate.page.margin.outer) * (72 / 25.4);
    for (const g of items) expect(g.x + g.width, g.str).toBeLessThanOrEqual(right + 0.5);
    const copied = items
      .filter((g) => !g.artifact && g.font.includes('NotoSansMono'))
      .map((g) => g.str)
      .join('')
      .replace(/\s+/g, '');
    expect(copied).toContain(long.replace(/\s+/g, ''));
  });

  it('is tagged (PDF/UA): the code in the structure whole, without the continuation mark', () => {
    const report = tagged.get(lang)!;
    expect(report.problems).toEqual([]);
    expect(report.text).not.toContain(mark);
    expect(report.text.replace(/\s+/g, '')).toContain(long.replace(/\s+/g, ''));
  });
});
