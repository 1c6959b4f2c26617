import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '@brief/document-model';
import { maxNestingDepth, screenBody, tooDeep } from './limits.js';
import { parseMarkdown } from './markdown.js';
import { readSource } from './read-source.js';
import { svgUnsafe } from './to-model.js';

const brief = 'id: t\nlanguages: [ja]\ntitle: 試験\nauthors:\n  - name: 著者\npublished: 2026-03-16\n';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function read(body: string | Buffer, extra: Record<string, string | Buffer> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'brief-limits-'));
  made.push(dir);
  writeFileSync(join(dir, 'brief.yaml'), brief);
  writeFileSync(join(dir, 'ja.md'), body);
  for (const [name, data] of Object.entries(extra)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), data);
  }
  return readSource(dir, { cwd: dir });
}

const rules = (ds: readonly Diagnostic[]) => ds.map((d) => `${d.ruleId}@${d.line}:${d.column}`);

describe('screenBody', () => {
  it('passes ordinary bodies, including thematic breaks and code full of marks', () => {
    const out: Diagnostic[] = [];
    const body = `## 見出し\n\n本文**強調**と[^a]。\n\n- 一\n  - 二\n\n> 引用\n\n***\n\n\`\`\`\n${'*'.repeat(5000)}\n\`\`\`\n\n[^a]: 注。\n`;
    expect(screenBody('ja.md', body, out)).toBe(true);
    expect(out).toEqual([]);
  });

  it('refuses deep quotation, list and ::: nesting at the first line too deep', () => {
    const out: Diagnostic[] = [];
    expect(screenBody('ja.md', `本文\n\n${'> '.repeat(maxNestingDepth + 1)}x\n`, out)).toBe(false);
    expect(rules(out)).toEqual(['nesting-too-deep@3:1']);
    const list: Diagnostic[] = [];
    const lines = Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}- x`);
    expect(screenBody('ja.md', lines.join('\n'), list)).toBe(false);
    expect(rules(list)).toEqual(['nesting-too-deep@33:1']);
    const dirs: Diagnostic[] = [];
    expect(screenBody('ja.md', ':::figure{#a}\n'.repeat(40), dirs)).toBe(false);
    expect(rules(dirs)).toEqual(['nesting-too-deep@33:1']);
  });

  it('counts emphasis marks and brackets per paragraph, not per file', () => {
    const many = Array.from({ length: 50 }, () => '*a* [b](https://example.org) '.repeat(20)).join('\n\n');
    const ok: Diagnostic[] = [];
    expect(screenBody('ja.md', many, ok)).toBe(true);
    const bad: Diagnostic[] = [];
    expect(screenBody('ja.md', `x\n\n${'*a'.repeat(600)}\n${'_b'.repeat(600)}\n`, bad)).toBe(false);
    expect(rules(bad)).toEqual(['paragraph-too-complex@4:1']);
  });
});

describe('tooDeep', () => {
  it('measures a tree of any depth without recursion', () => {
    let node: { type: string; children: unknown[] } = { type: 'text', children: [] };
    for (let i = 0; i < 200_000; i++) node = { type: 'blockquote', children: [node] };
    const found = tooDeep({ type: 'root', children: [node as never] });
    expect(found?.depth).toBe(101);
    expect(tooDeep(parseMarkdown('> a\n>> b\n'))).toBeUndefined();
  });
});

describe('readSource never throws and stays linear on hostile bodies', () => {
  const cases: [string, string, string[]][] = [
    ['deep emphasis', `${'*'.repeat(20_000)}a${'*'.repeat(20_000)}`, ['paragraph-too-complex', 'word-too-long']],
    ['deep quotation', `${'>'.repeat(10_000)} x`, ['nesting-too-deep', 'word-too-long']],
    ['deep inline lists', `${'- '.repeat(5_000)}x`, ['nesting-too-deep']],
    ['unclosed directives', ':::a\n'.repeat(4_000), ['nesting-too-deep']],
    ['long blank run', `a${' '.repeat(300_000)}b`, []],
    ['long @ run', `[${'@'.repeat(300_000)}`, ['word-too-long']],
    ['long heading blank run', `## a${' '.repeat(300_000)}b`, []],
  ];
  it.each(cases)('%s', (_name, body, expected) => {
    // CPU time, not wall time: a quadratic pattern takes hours, a busy machine only slows the clock.
    const started = process.cpuUsage();
    const result = read(body);
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1e6).toBeLessThan(5);
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.ruleId)).toEqual(expected);
  });

  it('an empty or blank body is an error; a BOM and CRLF are accepted with positions kept', () => {
    expect(rules(read('').diagnostics)).toEqual(['body-empty@1:1']);
    expect(rules(read(' \n\t\n').diagnostics)).toEqual(['body-empty@1:1']);
    expect(rules(read(Buffer.from('\ufeff本文[^x]。\r\n', 'utf8')).diagnostics)).toEqual(['note-undefined@1:3']);
  });

  it('a BOM is accepted at the start of brief.yaml, a body and references.yaml (a bare list or under references:) or references.json', () => {
    const bom = (text: string) => Buffer.from(`\ufeff${text}`, 'utf8');
    const list = '- id: a\n  type: book\n  title: T\n  author: [{ family: Doe, given: Jo }]\n  publisher: P\n  issued: 2020\n';
    const json = '[{ "id": "a", "type": "book", "title": "T", "author": [{ "family": "Doe", "given": "Jo" }], "publisher": "P", "issued": 2020 }]\n';
    for (const references of <Record<string, Buffer>[]>[{ 'references.yaml': bom(list) }, { 'references.yaml': bom(`references:\n${list.replace(/^/gm, '  ')}`) }, { 'references.json': bom(json) }]) {
      const r = read(bom('本文[@a]。\n'), { 'brief.yaml': bom(brief), ...references });
      expect(rules(r.diagnostics)).toEqual([]);
      expect(r.editions[0]?.meta.title).toBeDefined();
    }
  });

  it('a run of more than 5,000 characters without a space is told where it starts; Japanese text and code are not such runs', () => {
    expect(rules(read(`本文。\n\nText ${'a'.repeat(5001)} end.\n`).diagnostics)).toEqual(['word-too-long@3:6']);
    expect(rules(read(`本文。\n\nText ${'a'.repeat(5000)} end.\n`).diagnostics)).toEqual([]);
    expect(rules(read(`${'本文'.repeat(3000)}。\n`).diagnostics)).toEqual([]);
    expect(rules(read(`本文。\n\n\`\`\`\n${'a'.repeat(6000)}\n\`\`\`\n`).diagnostics)).toEqual([]);
  });

  it('a table of more columns than Word holds is told at the table', () => {
    const table = (n: number) => `本文。\n\n| ${Array.from({ length: n }, (_, i) => `c${i}`).join(' | ')} |\n|${'---|'.repeat(n)}\n| ${Array(n).fill('1').join(' | ')} |\n`;
    expect(rules(read(table(64)).diagnostics)).toEqual(['table-columns@3:1']);
    expect(rules(read(table(63)).diagnostics)).toEqual([]);
  });

  it('lines ended by a lone CR read as lines, in the body and in brief.yaml, with positions kept', () => {
    const figure = ':::figure{#fig-a alt="A"}\r題\r\r| a | b |\r| - | - |\r| 1 | 2 |\r:::\r\r:ref{#fig-a}を参照[^x]。\r';
    const result = read(figure, { 'brief.yaml': brief.replace(/\n/g, '\r') });
    expect(rules(result.diagnostics)).toEqual(['note-undefined@9:16']);
    expect(result.editions[0]!.body.map((b) => b.kind)).toEqual(['figure', 'paragraph']);
  });

  it('decomposed text is composed, with a warning at the base character', () => {
    const result = read('本文か\u3099ある。\n');
    expect(rules(result.diagnostics)).toEqual(['text-not-nfc@1:3']);
    expect(JSON.stringify(result.editions[0]!.body)).toContain('本文がある。');
  });

  it('U+FFFE and U+FFFF are control characters (XML cannot hold them)', () => {
    expect(read('a\ufffeb\uffff\n').diagnostics.filter((d) => d.ruleId === 'control-character').length).toBe(2);
  });

  it('link URLs with characters a URI may not hold are percent-encoded', () => {
    const result = read('[a](https://example.org/a?b=<2>)\n');
    expect(JSON.stringify(result.editions[0]!.body)).toContain('https://example.org/a?b=%3C2%3E');
  });

  it('a raster image declaring a huge canvas is refused', () => {
    const png = Buffer.alloc(64);
    Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').copy(png);
    png.writeUInt32BE(100_000, 16);
    png.writeUInt32BE(100_000, 20);
    const result = read(':::figure{#fig-a}\n題\n\n![説明](figures/a.png)\n:::\n', { 'figures/a.png': png });
    expect(rules(result.diagnostics)).toContain('image-too-large@4:1');
  });

  it('a PNG or JPEG cut short, and an SVG with no area or too thin to print, are told at the image', () => {
    const figure = (file: string) => `:::figure{#fig-a}\n題\n\n![説明](figures/${file})\n:::\n`;
    // A whole PNG: signature, IHDR, IDAT, IEND (its data is not inflated).
    const chunk = (type: string, data: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, data.length]), Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(10, 0);
    ihdr.writeUInt32BE(10, 4);
    ihdr[8] = 8;
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr), chunk('IDAT', Buffer.alloc(20)), chunk('IEND', Buffer.alloc(0))]);
    expect(rules(read(figure('a.png'), { 'figures/a.png': png }).diagnostics)).not.toContain('image-type@4:1');
    expect(rules(read(figure('a.png'), { 'figures/a.png': png.subarray(0, 60) }).diagnostics)).toContain('image-type@4:1');
    const svg = (attrs: string) => `<svg xmlns="http://www.w3.org/2000/svg" ${attrs}><rect width="5" height="5"/></svg>`;
    expect(rules(read(figure('a.svg'), { 'figures/a.svg': svg('width="0" height="0"') }).diagnostics)).toContain('image-size@4:1');
    expect(rules(read(figure('a.svg'), { 'figures/a.svg': svg('width="100000" height="5"') }).diagnostics)).toContain('image-size@4:1');
    expect(rules(read(figure('a.svg'), { 'figures/a.svg': svg('viewBox="0 0 300 200"') }).diagnostics)).not.toContain('image-size@4:1');
    // A size that cannot be read, a viewBox with no area, or a side past 100,000 pixels: each writer would print it its own way.
    const told = (attrs: string) =>
      read(figure('a.svg'), { 'figures/a.svg': svg(attrs) })
        .diagnostics.filter((d) => d.ruleId === 'image-size')
        .map((d) => `${d.line}:${d.column} ${d.message}`);
    expect(told('width="1e30" height="1e30"')).toEqual(['4:1 SVG image "figures/a.svg" is 1e30×1e30 pixels, more than 100,000 on a side']);
    expect(told('width="10000000" height="10000000"')).toEqual(['4:1 SVG image "figures/a.svg" is 10,000,000×10,000,000 pixels, more than 100,000 on a side']);
    expect(told('width="NaN" height="Infinity"')).toEqual(['4:1 SVG image "figures/a.svg" has no size that can be read (width "NaN", height "Infinity", no viewBox)']);
    expect(told('width="100%"')).toEqual(['4:1 SVG image "figures/a.svg" has no size that can be read (width "100%", no height, no viewBox)']);
    expect(told('')).toEqual(['4:1 SVG image "figures/a.svg" has no size that can be read (no width, no height, no viewBox)']);
    expect(told('viewBox="0 0 -100 -50"')).toEqual(['4:1 SVG image "figures/a.svg" has no size that can be read (no width, no height, a viewBox with no area ("0 0 -100 -50"))']);
    expect(told('width="40" height="30" viewBox="0 0 -100 -50"')).toEqual(['4:1 SVG image "figures/a.svg" has a viewBox with no area ("0 0 -100 -50"), so nothing of it is drawn']);
    expect(told('width="100000" height="50000"')).toEqual([]);
    // A JPEG: start, a frame header with its size (SOF0, 10×10), a scan with its data; cut short after its first segment, or before its scan.
    const segment = (marker: number, data: Buffer) => Buffer.concat([Buffer.from([0xff, marker, 0, data.length + 2]), data]);
    const sof = Buffer.from([8, 0, 10, 0, 10, 1, 1, 0x11, 0]);
    const jpeg = Buffer.concat([
      Buffer.from([0xff, 0xd8]),
      segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
      segment(0xc0, sof),
      segment(0xda, Buffer.alloc(8)),
      Buffer.alloc(16),
      Buffer.from([0xff, 0xd9]),
    ]);
    expect(rules(read(figure('a.jpg'), { 'figures/a.jpg': jpeg }).diagnostics)).not.toContain('image-type@4:1');
    expect(rules(read(figure('a.jpg'), { 'figures/a.jpg': jpeg.subarray(0, 20) }).diagnostics)).toContain('image-type@4:1');
    expect(rules(read(figure('a.jpg'), { 'figures/a.jpg': jpeg.subarray(0, 33) }).diagnostics)).toContain('image-type@4:1');
  });
});

describe('svgUnsafe', () => {
  const svg = (inner: string, attrs = '') => `<svg xmlns="http://www.w3.org/2000/svg"${attrs} width="10" height="10">${inner}</svg>`;
  it('accepts plain drawings with internal references and data images', () => {
    expect(svgUnsafe(svg('<defs><linearGradient id="g"/></defs><rect fill="url(#g)"/><use href="#g"/><image href="data:image/png;base64,AAAA"/>'))).toBeUndefined();
    expect(svgUnsafe(svg('<style>.a\\:b{fill:u\\72l(#g)} /* url(http://example.org) */</style><rect class="a:b"/>'))).toBeUndefined();
  });
  it.each([
    ['script', svg('<script>alert(1)</script>')],
    ['handler', svg('', ' onload="alert(1)"')],
    ['foreignObject', svg('<foreignObject><div/></foreignObject>')],
    ['external image', svg('<image href="https://example.org/x.png"/>')],
    ['file image', svg('<image xlink:href="file:///etc/passwd"/>')],
    ['css url', svg('<rect style="fill:url(https://example.org/p)"/>')],
    ['import', svg('<style>@import "x.css";</style>')],
    ['entity', `<!DOCTYPE svg [<!ENTITY a "b">]>${svg('&a;')}`],
    ['javascript link', svg('<a href="javascript:alert(1)"><rect/></a>')],
    ['import written with an escape', svg('<style>@\\69mport "http://example.org/x.css";</style>')],
    ['css url written with an escape', svg('<style>rect{fill:u\\72l(http://example.org/x)}</style>')],
    ['css url behind a comment', svg('<style>rect{fill:url(/**/http://example.org/x)}</style>')],
    ['image-set', svg('<rect style="fill:image-set(&quot;http://example.org/a.png&quot; 1x)"/>')],
  ])('refuses %s', (_name, text) => {
    expect(svgUnsafe(text)).toBeDefined();
  });
});
