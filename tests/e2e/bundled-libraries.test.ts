/**
 * `npm run compile` bundles the modules that only re-export many-file
 * libraries (scripts/bundle-libraries.mjs): each loads as one file, imports
 * nothing but Node's own modules, and still exports working libraries.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const bundled = ['packages/source-reader/dist/libraries.js', 'packages/svg/dist/libraries.js', 'packages/yaml-source/dist/libraries.js'];

/** The specifiers a module's text imports from (static imports and re-exports). */
function importsOf(code: string): string[] {
  return [...code.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s*["']([^"']+)["']/gm), ...code.matchAll(/^\s*import\s*["']([^"']+)["']/gm)].map((m) => m[1]!);
}

describe('bundled libraries', () => {
  it.each(bundled)('%s is one file that imports only Node modules', (file) => {
    const code = readFileSync(join(root, file), 'utf8');
    expect(code.startsWith('// Bundled with its libraries by scripts/bundle-libraries.mjs.')).toBe(true);
    const imports = importsOf(code);
    expect(imports.filter((s) => !s.startsWith('node:'))).toEqual([]);
  });

  it('the bundled Markdown libraries parse Markdown with their extensions', async () => {
    const m = await import(join(root, bundled[0]!));
    const processor = m.unified().use(m.remarkParse).use(m.remarkGfm).use(m.remarkDirective).use(m.remarkCjkFriendly);
    const tree = processor.parse('| a |\n| - |\n| b |\n\n:::note\n**太字**です。\n:::\n');
    expect(tree.children.map((c: { type: string }) => c.type)).toEqual(['table', 'containerDirective']);
  });

  it('the bundled image-size reads a PNG header, and the XML parser an SVG', async () => {
    const { imageSize, parseXml, XmlElement } = await import(join(root, bundled[1]!));
    expect(imageSize(pngHeader(3, 2))).toMatchObject({ width: 3, height: 2, type: 'png' });
    const doc = parseXml('<svg xmlns="http://www.w3.org/2000/svg"><text>字</text></svg>');
    expect(doc.root).toBeInstanceOf(XmlElement);
    expect(doc.root.name).toBe('svg');
  });

  it('the bundled yaml parses with positions', async () => {
    const { LineCounter, parseDocument } = await import(join(root, bundled[2]!));
    const lines = new LineCounter();
    const doc = parseDocument('title: 報告\nyear: 2025\n', { lineCounter: lines });
    expect(doc.toJS()).toEqual({ title: '報告', year: 2025 });
    expect(lines.linePos(doc.contents.items[1].key.range[0])).toEqual({ line: 2, col: 1 });
  });
});

/** The first bytes of a PNG file of the given size (signature and IHDR chunk). */
function pngHeader(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  bytes.set([8, 6, 0, 0, 0], 24);
  return bytes;
}
