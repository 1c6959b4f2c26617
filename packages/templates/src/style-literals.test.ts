/**
 * Style values live in the template: a writer reads numbers from it and
 * types none of its own. This test reads the writers' source and fails
 * when a number appears that is neither a unit conversion nor one of the
 * listed non-style numbers (code points, format limits, algorithm
 * constants), so a new hard-coded size, spacing or proportion is caught in
 * review. To fix a failure, move the value to the template
 * (`proportions` in types.ts, with its value in report.ts) — or, if it is
 * not a style value, list it under its file below with the reason.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const writers = ['to-pdf', 'to-docx', 'to-epub'];

/** Numbers any writer may use: small counts and factors, unit conversions, tolerances. */
const anywhere = new Set([
  0,
  1,
  2,
  72, // points per inch
  25.4, // millimetres per inch
  2.54, // centimetres per inch
  20, // twips per point
  1440, // twips per inch
  96, // CSS px per inch
  0.75, // points per CSS px
  914400, // EMU per inch
  12700, // EMU per point
  1000, // PDF text space units per em
  1e-6, // floating-point tolerance
  1e-9,
]);

/**
 * Numbers that are not style values, per file (`value: count`). Decimal
 * literals only: hexadecimal ones are code points and bytes.
 */
const notStyle: Record<string, Record<string, number>> = {
  // Composition after JLReq: stretch and shrink of Japanese gaps (em; stretch in Latin text), a third of a space shrinks, 4 letters;
  // a token wider than a quarter of the line breaks at Chicago points.
  'to-pdf/src/inlines.ts': { 3: 1, 4: 2, 0.1: 1, 0.04: 1, 0.01: 1 },
  // Level 3 headings; a hanging heading number up to a third of the column.
  'to-pdf/src/blocks.ts': { 3: 2 },
  // TeX's badness: 100·r³, the 8-bit cap, demerits (a hyphen; a break inside a token: the badness at the stretch limit,
  // between characters ten times that), half-width punctuation.
  'to-pdf/src/breaker.ts': { 3: 1, 8: 1, 50: 1, 100: 2, 0.5: 1 },
  // The balanced title's measure is found to a hundredth of a point (a precision, not a size).
  'to-pdf/src/compose.ts': { 0.01: 1 },
  // pdfmake's superscript scale: the adapter sizes runs as pdfmake's layout would (the template's value must equal it);
  // a glyph id written as four hex digits, as PDFKit writes it; how many sized SVG pictures a thread keeps;
  // how many MB of deflated page contents a thread keeps.
  'to-pdf/src/pdfmake-adapter.ts': { 0.58: 1, 16: 2, 4: 1, 256: 1 },
  // Where the fields of a stored atom, line and entry stand (record layouts, not styles).
  'to-pdf/src/atom-store.ts': { 3: 2, 4: 2, 5: 1, 6: 1, 7: 1, 8: 1 },
  // The most shaped runs a font's build cache entry keeps (a bound on a file's size, not a style).
  'to-pdf/src/shaped-runs.ts': { 40000: 1 },
  // OpenType's table directory: a 12-byte header, 16-byte table records, 32-bit words, the checksum field 8 bytes into `head`.
  // Subsets from 64 KiB on are kept compressed.
  'to-pdf/src/font-subsets.ts': { 4: 5, 8: 5, 12: 8, 16: 3, 64: 1, 1024: 1 },
  // Size of a picture whose file gives none (CSS px).
  'to-pdf/src/figures.ts': { 300: 1, 400: 1 },
  // Liang's patterns: shortest word, letters kept before and after a break.
  'to-pdf/src/hyphenate.ts': { 3: 2, 5: 1 },
  // Word's nine list levels, the last of them.
  'to-docx/src/blocks.ts': { 8: 1, 9: 1 },
  // A paragraph showing a URL, or a run Word cannot break, longer than 40 characters is set flush left.
  'to-docx/src/inlines.ts': { 40: 1 },
  // A column four digits wide at least, and a few per cent wider than its longest word.
  'to-docx/src/tables.ts': { 4: 1, 1.04: 1 },
  // Embedded fonts: hex code points, the GUID's groups (8-4-4-4-12 of 32 hex digits), the 32 obfuscated bytes.
  'to-docx/src/embedded-fonts.ts': { 8: 2, 12: 2, 16: 4, 32: 3 },
  // Word style metadata (uiPriority), Word's border size limits (eighths of a point), single line spacing (240ths).
  'to-docx/src/style.ts': { 8: 1, 9: 1, 10: 1, 11: 1, 22: 1, 29: 1, 34: 1, 35: 1, 39: 2, 99: 6, 240: 1 },
  // Room kept so that Word's own measuring never breaks a balanced title line again.
  'to-docx/src/title.ts': { 0.97: 1 },
  // The page estimate: digit width and the descent under a picture (em), four lines before a widow check, heading levels, contents number room.
  'to-docx/src/pages.ts': { 3: 2, 4: 1, 0.55: 1, 0.3: 1 },
  // Bookmark names: Word's 40-character limit.
  'to-docx/src/index.ts': { 40: 1 },
  'to-docx/src/units.ts': { 40: 1 },
  // Zip: DOS dates from 1980, month and day fields; a picture's stand-in (its SHA-256, 32 bytes).
  'to-docx/src/package.ts': { 3: 1, 6: 1, 12: 1, 1980: 1, 32: 1 },
  // PNG fallback resolution (3 × 96 dpi); pictures kept in memory.
  'to-docx/src/figures.ts': { 3: 1, 64: 1 },
  // Heading levels.
  'to-epub/src/blocks.ts': { 3: 1 },
  // Colour contrast after WCAG 2 (sRGB transfer, luminance weights, 0.05 flare), hex digits, a byte;
  // and, not yet moved to `template.cover`, the cover's own proportions: contrast 1.5 for the accent,
  // the series baseline (0.35), gaps under subtitle, title and authors (0.4, 0.6, 0.8, 0.4), the foot rule (1.6, a third).
  'to-epub/src/cover.ts': { 3: 2, 16: 2, 255: 1, 0.03928: 1, 12.92: 1, 0.055: 1, 1.055: 1, 2.4: 1, 0.2126: 1, 0.7152: 1, 0.0722: 1, 0.05: 2, 1.5: 1, 0.35: 1, 0.4: 2, 0.6: 1, 0.8: 1, 1.6: 1 },
  // OpenType table tags and offsets; the 1.5 MB font budget.
  'to-epub/src/fonts.ts': { 3: 1, 13: 1, 14: 1, 1500000: 1 },
  // UUID version 5 (RFC 4122): bytes, hex digits, version and variant bits.
  'to-epub/src/identifier.ts': { 6: 2, 8: 4, 12: 2, 16: 3 },
  // ISO date fields.
  'to-epub/src/package.ts': { 3: 1 },
  // Numbers in CSS rounded to four decimals; a fraction as CSS vh (hundredths of the screen).
  'to-epub/src/style.ts': { 10000: 2, 100: 1 },
  // Zip: DOS dates from 1980, date fields.
  'to-epub/src/zip.ts': { 3: 1, 6: 1, 1980: 2 },
};

interface Found {
  file: string;
  line: number;
  value: number;
}

function literals(file: string): Found[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: Found[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isNumericLiteral(node) && !/^0[xob]/i.test(node.getText(source))) {
      out.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, value: Number(node.text) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** Numbers in a writer's source that are not allowed, as `file:line: value`. */
function unlisted(files: readonly string[], allowed: Record<string, Record<string, number>> = notStyle): string[] {
  const problems: string[] = [];
  for (const file of files) {
    const key = relative(join(root, 'packages'), file);
    const counts = new Map<number, Found[]>();
    for (const f of literals(file)) {
      if (anywhere.has(f.value)) continue;
      counts.set(f.value, [...(counts.get(f.value) ?? []), f]);
    }
    for (const [value, found] of counts) {
      const listed = allowed[key]?.[String(value)] ?? 0;
      if (found.length > listed) problems.push(...found.slice(listed).map((f) => `packages/${key}:${f.line}: ${value}`));
    }
  }
  return problems;
}

function writerSources(): string[] {
  return writers.flatMap((pkg) => {
    const dir = join(root, 'packages', pkg, 'src');
    return readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => join(dir, f));
  });
}

describe('style values come from the template', () => {
  it('writers type no number of their own beyond units and the listed non-style ones', () => {
    expect(unlisted(writerSources())).toEqual([]);
  });

  it('catches a new number in a writer', () => {
    const file = join(root, 'packages/to-pdf/src/blocks.ts');
    expect(unlisted([file])).toEqual([]);
    // The same file with one of its numbers no longer listed: caught, with its place.
    const fewer = { ...notStyle, 'to-pdf/src/blocks.ts': { 3: 1 } };
    expect(unlisted([file], fewer)).toEqual([expect.stringMatching(/^packages\/to-pdf\/src\/blocks\.ts:\d+: 3$/)]);
  });
});
