/**
 * fast-check arbitraries for report sources, following the grammar of the
 * format: headings, paragraphs with notes, citations against a generated
 * references.yaml, cross-references, lists, quotations, code, GFM tables,
 * figures with a small generated SVG or PNG, in mixed scripts (Japanese,
 * English, emoji) with hostile fragments mixed in (control characters,
 * stray `<`, `[^x]`, `:::`, `&lt;script&gt;`, raw HTML).
 *
 * A source is generated as a skeleton and written out per language, so a
 * two-language source has editions that agree (parity) unless a hostile
 * fragment breaks them.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import fc from 'fast-check';

export type Lang = 'ja' | 'en';
/** A piece of inline text: the same slot in every language. */
export type Piece =
  | { t: 'word'; ja: string; en: string }
  | { t: 'raw'; value: string }
  | { t: 'note'; n: number }
  | { t: 'cite'; keys: number[]; locator?: string }
  | { t: 'xref'; target: number }
  | { t: 'strong' | 'em'; inner: Piece[] }
  | { t: 'link'; url: string };

export type SBlock =
  | { t: 'h'; level: 2 | 3 | 4; text: Piece[]; id?: string }
  | { t: 'p'; text: Piece[] }
  | { t: 'list'; ordered: boolean; items: Piece[][]; nested?: Piece[][] }
  | { t: 'quote'; text: Piece[] }
  | { t: 'code'; value: string }
  | { t: 'hr' }
  | { t: 'table'; rows: Piece[][][] }
  | { t: 'figure'; id: number; image?: 'svg' | 'png'; rows?: Piece[][][]; caption: Piece[]; source?: string };

export interface GenSource {
  languages: Lang[];
  blocks: SBlock[];
  refCount: number;
  /** Notes: definitions for note n (1-based labels). */
  notes: Piece[][];
}

const jaWords = ['日米', '関税', '交渉', 'は', 'を', '「合意」', '（注）', '政権', '１年', '同盟', 'が', '、', '。', '経済安全保障', 'カナ', 'ｶﾅ', '〜', '…', '㍻', '髙', '𠮷'];
const enWords = ['tariff', 'the', 'alliance', 'Japan', 'U.S.', 'agreement', '15%', '(note)', 'Diet', '—', 'naïve', 'résumé', 'O’Brien', 'Straße'];
const hostile = [
  '<',
  '<b>',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '&lt;script&gt;',
  '&amp;',
  '&#0;',
  '&#xD800;',
  '&#x1F600;',
  '[^x]',
  '[^zz]',
  ':::',
  ':::figure',
  '::leaf',
  ':abc',
  '\\',
  '`',
  '``',
  '*',
  '**',
  '_',
  '~~',
  '[',
  ']',
  '](',
  '![',
  '{#',
  '|',
  '@',
  '[@',
  '同上',
  'Ibid.',
  '\u0007',
  '\u0000',
  '\u200b',
  '\u00a0',
  '\u3000',
  '\ufeff',
  '\u202e',
  '\u0301',
  '\ud83d\ude00',
  '😀',
  '👨‍👩‍👧',
  '🇯🇵',
  'か\u3099',
  '\r',
  '\t',
  'http://example.org/a',
  'https://',
  'javascript:alert(1)',
  '"',
  "'",
  '&',
  '>',
  ']]>',
  '<!--',
  '-->',
  '<?xml',
  '\u2028',
];

const cleanWord: fc.Arbitrary<Piece> = fc.tuple(fc.constantFrom(...jaWords), fc.constantFrom(...enWords)).map(([ja, en]) => ({ t: 'word' as const, ja, en }));
const word: fc.Arbitrary<Piece> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...jaWords), fc.constantFrom(...enWords)).map(([ja, en]) => ({ t: 'word' as const, ja, en })) },
  { weight: 1, arbitrary: fc.constantFrom(...hostile).map((value) => ({ t: 'raw' as const, value })) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }).map((value) => ({ t: 'raw' as const, value })) },
);

/** Inline pieces; a clean source uses only valid keys, targets and links and no hostile text. */
function inlineArb(refCount: number, noteCount: number, figCount: number, clean: boolean): fc.Arbitrary<Piece[]> {
  const leaf: fc.Arbitrary<Piece> = fc.oneof(
    { weight: 8, arbitrary: clean ? cleanWord : word },
    { weight: noteCount > 0 ? 2 : 0, arbitrary: fc.integer({ min: 1, max: Math.max(1, noteCount) }).map((n) => ({ t: 'note' as const, n })) },
    {
      weight: refCount > 0 ? 2 : 0,
      arbitrary: fc
        .record({
          keys: fc.array(fc.integer({ min: 0, max: Math.max(0, clean ? refCount - 1 : refCount) }), { minLength: 1, maxLength: 2 }),
          locator: fc.option(fc.constantFrom('p. 3', '5頁', 'pp. 2–4'), { nil: undefined }),
        })
        .map(({ keys, locator }) => ({ t: 'cite' as const, keys, ...(locator ? { locator } : {}) })),
    },
    { weight: figCount > 0 ? 1 : 0, arbitrary: fc.integer({ min: 1, max: Math.max(1, clean ? figCount : figCount + 1) }).map((target) => ({ t: 'xref' as const, target })) },
    {
      weight: 1,
      arbitrary: (clean
        ? fc.constantFrom('https://example.org/a?b=1&c=<2>', 'https://www.mofa.go.jp/')
        : fc.constantFrom('https://example.org/a?b=1&c=<2>', 'https://www.mofa.go.jp/', 'http://example.org/', 'ftp://x.example/')
      ).map((url) => ({ t: 'link' as const, url })),
    },
  );
  const styled = fc.tuple(fc.constantFrom<'strong' | 'em'>('strong', 'em'), fc.array(leaf, { minLength: 1, maxLength: 3 })).map(([t, inner]) => ({ t, inner }));
  return fc.array(fc.oneof({ weight: 6, arbitrary: leaf }, { weight: 1, arbitrary: styled }), { minLength: 1, maxLength: 12 });
}

export function sourceArb(): fc.Arbitrary<GenSource> {
  return fc
    .record({
      twoLanguages: fc.boolean(),
      clean: fc.boolean(),
      refCount: fc.integer({ min: 0, max: 4 }),
      noteCount: fc.integer({ min: 0, max: 5 }),
      figCount: fc.integer({ min: 0, max: 3 }),
    })
    .chain(({ twoLanguages, clean, refCount, noteCount, figCount }) => {
      const text = inlineArb(refCount, noteCount, figCount, clean);
      const cells = fc
        .array(
          fc.array(
            text.map((p) => p.slice(0, 3)),
            { minLength: 2, maxLength: 3 },
          ),
          { minLength: 2, maxLength: 4 },
        )
        .map((rows) => {
          const width = rows[0]!.length;
          return rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? [{ t: 'word' as const, ja: '空', en: 'empty' }]));
        });
      const block: fc.Arbitrary<SBlock> = fc.oneof(
        {
          weight: 2,
          arbitrary: fc
            .record({ level: fc.constantFrom<2 | 3 | 4>(2, 3, 4), text, id: clean ? fc.constant(undefined) : fc.option(fc.constantFrom('sec-a', 'sec-b', 'sec-c'), { nil: undefined }) })
            .map((h) => ({ t: 'h' as const, ...h, ...(h.id ? { id: h.id } : { id: undefined }) })),
        },
        { weight: 8, arbitrary: text.map((p) => ({ t: 'p' as const, text: p })) },
        {
          weight: 2,
          arbitrary: fc
            .record({ ordered: fc.boolean(), items: fc.array(text, { minLength: 1, maxLength: 3 }), nested: fc.option(fc.array(text, { minLength: 1, maxLength: 2 }), { nil: undefined }) })
            .map((l) => ({ t: 'list' as const, ...l })),
        },
        { weight: 1, arbitrary: text.map((p) => ({ t: 'quote' as const, text: p })) },
        { weight: 1, arbitrary: fc.constantFrom('const a = 1 < 2 && "x";', '<script>x</script>', 'あ\tい', '```').map((value) => ({ t: 'code' as const, value })) },
        { weight: 1, arbitrary: fc.constant({ t: 'hr' as const }) },
        { weight: 1, arbitrary: cells.map((rows) => ({ t: 'table' as const, rows })) },
      );
      const figure = (id: number): fc.Arbitrary<SBlock> =>
        fc
          .record({
            kind: fc.constantFrom('svg', 'png', 'table'),
            caption: text.map((p) => p.slice(0, 4)),
            rows: cells,
            source: fc.option(fc.constantFrom('筆者作成', 'Source: <b>x</b>', '"quoted"'), { nil: undefined }),
          })
          .map(({ kind, caption, rows, source }) => ({ t: 'figure' as const, id, caption, ...(kind === 'table' ? { rows } : { image: kind as 'svg' | 'png' }), ...(source ? { source } : {}) }));
      return fc.record({
        languages: fc.constant<Lang[]>(twoLanguages ? ['ja', 'en'] : ['ja']),
        blocks: fc
          .tuple(fc.array(block, { minLength: 1, maxLength: 8 }), fc.tuple(...Array.from({ length: figCount }, (_, i) => figure(i + 1))))
          .chain(([blocks, figs]) => fc.shuffledSubarray([...blocks, ...figs], { minLength: blocks.length + figs.length }).map((all) => all as SBlock[])),
        refCount: fc.constant(refCount),
        notes: fc.array(
          text.map((p) => p.filter((x) => x.t !== 'note')),
          { minLength: noteCount, maxLength: noteCount },
        ),
      });
    });
}

// ---------------------------------------------------------------------------
// Writing a generated source out

function inline(pieces: readonly Piece[], lang: Lang): string {
  return pieces
    .map((p) => {
      switch (p.t) {
        case 'word':
          return lang === 'ja' ? p.ja : ` ${p.en}`;
        case 'raw':
          return p.value;
        case 'note':
          return `[^n${p.n}]`;
        case 'cite':
          return `[${p.keys.map((k) => `@ref${k}`).join('; ')}${p.locator ? `, ${p.locator}` : ''}]`;
        case 'xref':
          return `:ref{#fig-${p.target}}`;
        case 'strong':
          return `**${inline(p.inner, lang)}**`;
        case 'em':
          return `*${inline(p.inner, lang)}*`;
        case 'link':
          return `[${lang === 'ja' ? 'リンク' : 'link'}](${p.url})`;
      }
    })
    .join('');
}

const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ');

function block(b: SBlock, lang: Lang): string {
  switch (b.t) {
    case 'h':
      return `${'#'.repeat(b.level)} ${oneLine(inline(b.text, lang)) || '見出し'}${b.id ? ` {#${b.id}}` : ''}`;
    case 'p':
      return inline(b.text, lang);
    case 'list': {
      const marker = (i: number) => (b.ordered ? `${i + 1}.` : '-');
      const lines = b.items.map((it, i) => `${marker(i)} ${oneLine(inline(it, lang))}`);
      if (b.nested) lines.push(...b.nested.map((it) => `   - ${oneLine(inline(it, lang))}`));
      return lines.join('\n');
    }
    case 'quote':
      return `> ${oneLine(inline(b.text, lang))}`;
    case 'code':
      return `\`\`\`\n${b.value}\n\`\`\``;
    case 'hr':
      return '---';
    case 'table':
      return table(b.rows, lang);
    case 'figure': {
      const caption = oneLine(inline(b.caption, lang)) || '図';
      const attrs = `#fig-${b.id}${b.source ? ` source=${JSON.stringify(b.source)}` : ''}`;
      const body = b.image ? `![${lang === 'ja' ? '図の説明' : 'description'}](figures/f${b.id}.${b.image})` : table(b.rows!, lang);
      return `:::figure{${attrs}}\n${caption}\n\n${body}\n:::`;
    }
  }
}

function table(rows: Piece[][][], lang: Lang): string {
  const cell = (c: Piece[]) => oneLine(inline(c, lang)).replace(/\|/g, '\\|') || '-';
  const [head, ...body] = rows;
  return [`| ${head!.map(cell).join(' | ')} |`, `|${head!.map(() => ' --- ').join('|')}|`, ...body.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

function referencedNotes(pieces: readonly Piece[], out: Set<number>): void {
  for (const p of pieces) {
    if (p.t === 'note') out.add(p.n);
    if (p.t === 'strong' || p.t === 'em') referencedNotes(p.inner, out);
  }
}

export function bodyText(s: GenSource, lang: Lang): string {
  const parts = s.blocks.map((b) => block(b, lang));
  // Every note is referenced at least once (a last paragraph marks the rest).
  const seen = new Set<number>();
  for (const b of s.blocks) {
    if (b.t === 'h' || b.t === 'p' || b.t === 'quote') referencedNotes(b.text, seen);
    if (b.t === 'list') for (const it of [...b.items, ...(b.nested ?? [])]) referencedNotes(it, seen);
    if (b.t === 'table') for (const row of b.rows) for (const c of row) referencedNotes(c, seen);
    if (b.t === 'figure') {
      referencedNotes(b.caption, seen);
      for (const row of b.rows ?? []) for (const c of row) referencedNotes(c, seen);
    }
  }
  const missing = s.notes.map((_, i) => i + 1).filter((n) => !seen.has(n));
  if (missing.length > 0) parts.push(`${lang === 'ja' ? '補足' : 'See'}${missing.map((n) => `[^n${n}]`).join('')}`);
  s.notes.forEach((n, i) => parts.push(`[^n${i + 1}]: ${oneLine(inline(n, lang)) || '注'}`));
  return `${parts.join('\n\n')}\n`;
}

const refTypes = [
  (i: number) =>
    `  - id: ref${i}\n    type: article-newspaper\n    title: { ja: 記事${i}, en: Article ${i} }\n    container-title: { ja: 日本経済新聞, en: Nikkei }\n    issued: 2025-01-${String(10 + i).padStart(2, '0')}\n`,
  (i: number) => `  - id: ref${i}\n    type: webpage\n    title: { ja: 外務省の頁${i}, en: MOFA page ${i} }\n    URL: https://www.mofa.go.jp/p${i}.html\n    accessed: 2026-01-0${1 + (i % 9)}\n`,
  (i: number) => `  - id: ref${i}\n    type: book\n    title: 本${i} <b>&amp;</b>\n    author: [{ family: 山田, given: 太郎 }]\n    publisher: 出版社\n    issued: 2024\n`,
  (i: number) => `  - id: ref${i}\n    type: report\n    title: { ja: 報告書${i}, en: Report ${i} }\n    publisher: { ja: 内閣府, en: Cabinet Office }\n    issued: 2025-06\n`,
];

const svg = (n: number) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${120 + n}" height="80" viewBox="0 0 ${120 + n} 80"><rect x="4" y="4" width="${100 + n}" height="60" fill="#2a6"/><text x="10" y="40" font-size="12">図 ${n} &amp; &lt;x&gt;</text></svg>\n`;

/** A small valid PNG (RGB, solid colour). */
export function tinyPng(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [0x33, 0x66, 0xcc]).flat())]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** Write a generated source into a new temporary folder; returns its path. */
export function writeGenerated(s: GenSource, root?: string): string {
  const dir = mkdtempSync(join(root ?? tmpdir(), 'brief-prop-'));
  const title = s.languages.length > 1 ? '{ ja: 試験報告, en: Test report }' : '試験報告';
  const author = s.languages.length > 1 ? '{ ja: 著者, en: AUTHOR }' : '著者';
  writeFileSync(join(dir, 'brief.yaml'), `id: prop-case\nlanguages: [${s.languages.join(', ')}]\ntitle: ${title}\nauthors:\n  - name: ${author}\npublished: 2026-03-16\nas-of: 2026-02-25\n`);
  for (const lang of s.languages) writeFileSync(join(dir, `${lang}.md`), bodyText(s, lang));
  if (s.refCount > 0) writeFileSync(join(dir, 'references.yaml'), `references:\n${Array.from({ length: s.refCount }, (_, i) => refTypes[i % refTypes.length]!(i)).join('')}`);
  for (const b of s.blocks) {
    if (b.t !== 'figure' || !b.image) continue;
    mkdirSync(join(dir, 'figures'), { recursive: true });
    writeFileSync(join(dir, `figures/f${b.id}.${b.image}`), b.image === 'svg' ? svg(b.id) : tinyPng(8 + b.id, 6));
  }
  return dir;
}
