import { enContext, jaContext } from './test-context.js';
import { describe, expect, it } from 'vitest';
import type { Inline } from '@brief/document-model';
import { chicagoPieces } from '@brief/fonts';
import { atomize, gapsOf } from './inlines.js';
import { composeInlines } from './compose.js';

const ja = jaContext;
const en = enContext;

const text = (value: string): Inline => ({ kind: 'text', value });
const layout = (width: number, justify = true) => ({ width, firstIndent: 0, restIndent: 0, justify, align: 'left' as const, avoidShortLast: true });
const lineText = (runs: { text: string }[]) => runs.map((r) => r.text).join('');

const NO_START = /^[、。」）』】・ーっゃゅょァィゥェォッャュョ々％]/;
const NO_END = /[「（『【]$/;

describe('Japanese line breaking', () => {
  const sample =
    'トランプ大統領は就任演説において「米国の黄金時代」、「米国第一」を掲げた上で、南部国境からの不法滞在者、記録的なインフレ、米国の政府組織改革などの内政の課題に取り組むとし、外交・安全保障については「米軍は米国の敵を倒すという唯一の任務に集中」すること、「米国民を豊かにするために外国に関税を課す」ことを強調した。';

  it('never starts a line with closing punctuation, small kana or ー, nor ends one with an opening bracket', () => {
    for (const chars of [10, 11, 12, 13, 17, 23, 29, 31, 44]) {
      const lines = composeInlines([text(sample)], ja, layout(chars * 10.5));
      for (const l of lines) {
        const t = lineText(l.runs);
        expect(t, `${chars}: ${t}`).not.toMatch(NO_START);
        expect(t, `${chars}: ${t}`).not.toMatch(NO_END);
      }
    }
  });

  it('justifies every line but the last to the full width', () => {
    const lines = composeInlines([text(sample)], ja, layout(20 * 10.5 + 3));
    for (const l of lines.slice(0, -1)) expect(l.width).toBeCloseTo(20 * 10.5 + 3, 6);
    expect(lines[lines.length - 1]!.justified).toBe(false);
  });

  it('keeps a note mark with the character before it', () => {
    const inlines: Inline[] = [text('あいうえおかきくけこさしすせそ'), { kind: 'noteRef', noteId: 'x', number: 12 }, text('たちつてと')];
    for (let chars = 10; chars <= 16; chars++) {
      const lines = composeInlines(inlines, ja, layout(chars * 10.5));
      for (const l of lines) expect(l.runs[0]!.style.sup ?? false, `${chars}`).toBe(false);
    }
  });

  it('sets a quarter em between Japanese and Latin text, and never splits numbers or words', () => {
    const lines = composeInlines([text('2025年1月20日にMAGA派の支持を受けて5,500億ドルの投資を約束した。')], ja, layout(8 * 10.5));
    const words = lines.flatMap((l) => l.runs.map((r) => r.text));
    expect(words).toContain('2025');
    expect(words).toContain('5,500');
    expect(words).toContain('MAGA');
    const first = lines[0]!.runs;
    expect(first[1]!.x - (first[0]!.x + first[0]!.width)).toBeGreaterThanOrEqual(10.5 * 0.25 * 0.75);
  });

  it('sets the quarter em next to Latin letters and digits only, not next to a bracket or a slash', () => {
    // The gap after each atom, by the atom's text.
    const gapsAfter = (value: string) => {
      const atoms = atomize([text(value)], ja);
      const gaps = gapsOf(atoms, ja);
      return new Map(atoms.slice(0, -1).map((a, i) => [a.text, gaps[i]!.natural]));
    };
    expect(gapsAfter('AI規制').get('AI')).toBe(10.5 * 0.25);
    expect(gapsAfter('6頁(2025.11.20)').get('頁')).toBe(0);
    expect(gapsAfter('(NSS)と').get('(NSS)')).toBe(0);
    expect(gapsAfter('人/日').get('人')).toBe(0);
    expect(gapsAfter('人/日').get('/')).toBe(0);
  });

  it('breaks before a bracket rather than inside it in a table cell, when its words fit a line', () => {
    const cell = (value: string, chars: number, keepBrackets: boolean) =>
      composeInlines([text(value)], ja, { ...layout(chars * 10.5, false), avoidShortLast: false, ...(keepBrackets ? { keepBrackets } : {}) }).map((l) => lineText(l.runs));
    expect(cell('輸送密度（人/日）', 6, true)).toEqual(['輸送密度', '（人/日）']);
    expect(cell('木次線（出雲横田～備後落合）', 11, true)).toEqual(['木次線', '（出雲横田～備後落合）']);
    // A bracket too long for a line of its own is broken inside, as without the option.
    expect(cell('線区（出雲横田～備後落合の区間）', 6, true)).toEqual(cell('線区（出雲横田～備後落合の区間）', 6, false));
  });

  it('never cuts a URL inside its scheme', () => {
    const url = 'https://www.eia.gov/electricity/data/eia860m/archive/xls/december_generator2024.xlsx';
    const atoms = atomize([{ kind: 'link', url, children: [text(url)] }], en);
    expect(atoms[0]!.text).toBe('https://');
    expect(atoms.slice(1, 4).map((a) => a.text)).toEqual(['w', 'w', 'w']);
  });

  it('sets consecutive brackets and stops half-width', () => {
    const atoms = atomize([text('「米国第一」、「黄金時代」。')], ja);
    const closing = atoms.filter((a) => a.text === '」');
    expect(closing.every((a) => a.halt)).toBe(true);
    expect(atoms.find((a) => a.text === '、')!.halt).toBe(true);
  });

  it('breaks a URL longer than the line only at Chicago points (after // :, before / . - _ ? & =)', () => {
    const url = 'https://www.mofa.go.jp/mofaj/na/na1/us/page1_000001_02531.html';
    const inlines: Inline[] = [text('外務省ウェブサイト〈'), { kind: 'link', url, children: [text(url)] }, text('〉')];
    const ctx = { ...ja, size: 8, maxWidth: 150 };
    const lines = composeInlines(inlines, ctx, layout(150));
    const parts = lines.map((l) => lineText(l.runs));
    expect(parts.join('')).toBe(`外務省ウェブサイト〈${url}〉`);
    parts.slice(0, -1).forEach((p, k) => {
      const next = parts[k + 1]!;
      expect(/\/\/$|:$|〈$|ト$/.test(p) || /^[/.,_\-?#%~&=]/.test(next), `${p} | ${next}`).toBe(true);
    });
  });

  it('keeps a URL that fits in the rest of a line whole', () => {
    const url = 'https://www.jsri.or.jp/publish/review/pdf/5906/02.pdf';
    const inlines: Inline[] = [text('日本証券経済研究所『証券レビュー』第59巻第6号（2019.6）〈'), { kind: 'link', url, children: [text(url)] }, text('〉')];
    const lines = composeInlines(inlines, { ...ja, size: 8 }, layout(520));
    expect(lines.some((l) => lineText(l.runs).includes(url))).toBe(true);
  });

  it('breaks a URL shorter than a line at a Chicago point rather than leave the line before it loose', () => {
    const url = 'https://www.jsri.or.jp/publish/review/pdf/5906/02.pdf';
    const inlines: Inline[] = [text('日本証券経済研究所『証券レビュー』第59巻第6号（2019.6）〈'), { kind: 'link', url, children: [text(url)] }, text('〉')];
    const lines = composeInlines(inlines, { ...ja, size: 8 }, layout(400));
    const parts = lines.map((l) => lineText(l.runs));
    expect(parts.join('')).toBe(`日本証券経済研究所『証券レビュー』第59巻第6号（2019.6）〈${url}〉`);
    expect(parts[0]).toContain('https:');
    // The first line is set with no more than its own stretch (no loose line of spaced-out characters).
    const first = lines[0]!;
    expect(first.width).toBeCloseTo(400, 6);
    const gaps = first.runs.slice(1).map((r, k) => r.x - (first.runs[k]!.x + first.runs[k]!.width));
    // Stretch ratio at most 1: a quarter em between scripts opens by at most half, Japanese by a tenth of an em.
    for (const g of gaps) expect(g).toBeLessThan(8 * 0.25 * 1.5 + 0.01);
    for (const r of first.runs) expect(r.cs).toBeLessThan(8 * 0.1 + 0.01);
  });
});

describe('Latin line breaking', () => {
  it('sets an English paragraph with a long URL and a long identifier in full lines: URL lines as full as its break points allow', () => {
    const url = 'https://www.ferc.gov/media/explainer-interconnection-final-rule-order-no-2023-and-order-no-2023-a-technical-appendix-section-2.pdf';
    const inlines: Inline[] = [
      text(
        "Developers file requests with transmission providers, who study each request's effect on the network; the supercalifragilisticexpialidociouslylongcompoundidentifier_for_cluster_study_phase_two_restudy appears in tariff filings, and reviewers cite ",
      ),
      { kind: 'link', url, children: [text(url)] },
      text(' as the reference.'),
    ];
    const short: string[] = [];
    // Measures of a report's text block (A4 and Letter, 10–11 pt type), with and without a first-line indent.
    for (let width = 392; width <= 476; width += 4) {
      for (const indent of [0, 10.5]) {
        const lines = composeInlines(inlines, en, { ...layout(width), firstIndent: indent });
        // Every character set, in order (the hyphens a break adds aside).
        const bare = (t: string) => t.replace(/[\s-]/g, '');
        expect(bare(lines.map((l) => lineText(l.runs)).join(''))).toBe(bare(inlines.map((i) => (i.kind === 'text' ? i.value : url)).join('')));
        lines.slice(0, -1).forEach((l, k) => {
          const measure = width - (k === 0 ? indent : 0);
          if (l.width < 0.85 * measure) short.push(`${width}/${indent} line ${k + 1} (${((100 * l.width) / measure).toFixed(0)} %): ${lineText(l.runs)}`);
        });
      }
    }
    expect(short).toEqual([]);
  });

  it('breaks a URL at a Chicago point, the line before it flush left, rather than between two letters of a word', () => {
    const url = 'https://www.local.gov.uk/parliament/briefings-and-responses/lga-response-dluhc-consultation-short-term-lets-registration-scheme-june-2023';
    const inlines: Inline[] = [text("The LGA's response is at "), { kind: 'link', url, children: [text(url)] }, text(' (accessed 20 January 2026).')];
    const pieces = new Set(chicagoPieces(url));
    const cut: string[] = [];
    for (let width = 300; width <= 480; width += 3) {
      const lines = composeInlines(inlines, { ...en, size: 8 }, layout(width));
      for (const l of lines.slice(0, -1)) {
        const tail = lineText(l.runs).split(' ').at(-1)!;
        // A line ending in the URL ends with one of its Chicago pieces.
        if (tail.startsWith('https:') || (tail.length >= 5 && url.includes(tail))) {
          const ends = [...pieces].some((p) => tail.endsWith(p));
          if (!ends) cut.push(`${width}: ${tail}`);
        }
      }
    }
    expect(cut).toEqual([]);
  });

  const sample =
    'In his inaugural address, President Trump proclaimed the golden age of America and America First, and stated that he would tackle domestic issues such as illegal immigrants across the southern border, record inflation, and the reform of U.S. government organizations.';

  it('justifies with word spaces and hyphenates long words', () => {
    const lines = composeInlines([text(sample)], en, layout(180));
    for (const l of lines.slice(0, -1)) expect(l.width).toBeCloseTo(180, 6);
    const joined = lines.map((l) => lineText(l.runs).trim()).join(' ');
    expect(joined.replace(/-\s/g, '').replace(/\s+/g, ' ')).toBe(sample.replace(/\s+/g, ' '));
  });
});
