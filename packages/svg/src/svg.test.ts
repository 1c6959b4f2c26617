import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  mapFontFamilies,
  maxSvgDepth,
  svgTextInFamilies,
  parseSvg,
  svgFontFamilies,
  svgLength,
  svgProblem,
  svgSize,
  svgSizeProblem,
  svgSmallestText,
  svgText,
  svgTextUnnamed,
  viewBox,
  withoutDoctype,
  withStyleSheet,
} from './svg.js';

const svg = (inner = '', attrs = '') => `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"${attrs}>${inner}</svg>`;
const corpus = join(import.meta.dirname, '../../../tests/corpus');
const figures = join(import.meta.dirname, '../../../sources/trump-second-term-year-one/figures');

describe('parseSvg', () => {
  it('reads well-formed files whose root is <svg>, with or without a declaration, doctype or byte order mark', () => {
    expect(parseSvg(svg())?.root.name).toBe('svg');
    expect(parseSvg('\ufeff<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<svg/>')?.doctype?.name).toBe('svg');
  });

  it('refuses elements nested deeper than resvg reads, without running out of stack', () => {
    const nested = (depth: number) => `<svg xmlns="http://www.w3.org/2000/svg">${'<g>'.repeat(depth - 1)}${'</g>'.repeat(depth - 1)}</svg>`;
    expect(parseSvg(nested(maxSvgDepth))).toBeDefined();
    expect(parseSvg(nested(maxSvgDepth + 1))).toBeUndefined();
    expect(parseSvg(nested(50_000))).toBeUndefined();
    expect(svgProblem(nested(50_000))).toMatchObject({ kind: 'element' });
  });

  it('parses a file once while it is among the last ones read, and keeps up to a few megabytes of them', () => {
    const a = svg();
    const b = '<svg xmlns="http://www.w3.org/2000/svg"><text>b</text></svg>';
    const first = parseSvg(a);
    expect(parseSvg(b)).not.toBe(first);
    expect(parseSvg(a)).toBe(first);
    // A large file pushes the older ones out (itself kept).
    const large = `<svg xmlns="http://www.w3.org/2000/svg"><desc>${'x'.repeat(4_000_000)}</desc></svg>`;
    const big = parseSvg(large);
    expect(parseSvg(large)).toBe(big);
    expect(parseSvg(a)).not.toBe(first);
    expect(svgText(parseSvg(a)!)).toBe(svgText(first!));
  });

  it('refuses what is not an SVG document', () => {
    expect(parseSvg('<svg><rect></svg>')).toBeUndefined();
    expect(parseSvg('<html/>')).toBeUndefined();
    expect(parseSvg('not xml')).toBeUndefined();
    expect(parseSvg('')).toBeUndefined();
  });
});

describe('size', () => {
  it('reads lengths in every unit as CSS pixels', () => {
    expect(svgLength('10')).toBe(10);
    expect(svgLength(' 10.5px ')).toBe(10.5);
    expect(svgLength('72pt')).toBe(96);
    expect(svgLength('6pc')).toBe(96);
    expect(svgLength('1in')).toBe(96);
    expect(svgLength('2.54cm')).toBeCloseTo(96, 10);
    expect(svgLength('25.4mm')).toBeCloseTo(96, 10);
    expect(svgLength('101.6Q')).toBeCloseTo(96, 10);
    expect(svgLength('2em')).toBe(32);
    expect(svgLength('2em', 10)).toBe(20);
    expect(svgLength('2ex')).toBe(16);
    expect(svgLength('1e2')).toBe(100);
    expect(svgLength('1E1px')).toBe(10);
    expect(svgLength('100%')).toBeUndefined();
    expect(svgLength('auto')).toBeUndefined();
    expect(svgLength('')).toBeUndefined();
    expect(svgLength(undefined)).toBeUndefined();
  });

  it('reads a viewBox written with spaces or commas', () => {
    expect(viewBox('0 0 640 440')).toEqual({ x: 0, y: 0, width: 640, height: 440 });
    expect(viewBox(' -10,-20, 30 ,40 ')).toEqual({ x: -10, y: -20, width: 30, height: 40 });
    expect(viewBox('0 0 0 10')).toBeUndefined();
    expect(viewBox('0 0 10')).toBeUndefined();
  });

  it('gives the size from width and height, else from the viewBox, keeping its proportions', () => {
    expect(svgSize(svg('', ' width="640" height="440" viewBox="0 0 64 44"'))).toEqual({ width: 640, height: 440 });
    expect(svgSize(svg('', ' width="10cm" height="5cm"')).width).toBeCloseTo(377.95, 2);
    expect(svgSize(svg('', ' viewBox="0 0 300 150"'))).toEqual({ width: 300, height: 150 });
    expect(svgSize(svg('', ' width="100%" height="100%" viewBox="0 0 300 150"'))).toEqual({ width: 300, height: 150 });
    expect(svgSize(svg('', ' width="600" viewBox="0 0 300 150"'))).toEqual({ width: 600, height: 300 });
    expect(svgSize(svg('', ' height="75pt" viewBox="0 0 300 150"'))).toEqual({ width: 200, height: 100 });
    expect(svgSize(svg('', ' width="5em" font-size="20"'))).toEqual({ width: 100 });
    expect(svgSize(svg())).toEqual({});
    expect(svgSize('<p/>')).toEqual({});
  });

  it('tells a size that cannot be read, a viewBox with no area, and a side past 100,000 pixels', () => {
    expect(svgSizeProblem(svg('', ' width="640" height="440"'))).toBeUndefined();
    expect(svgSizeProblem(svg('', ' viewBox="0 0 100000 20"'))).toBeUndefined();
    expect(svgSizeProblem(svg('', ' width="1e30" height="1e30"'))).toEqual({ kind: 'too-large', message: 'is 1e30×1e30 pixels, more than 100,000 on a side' });
    expect(svgSizeProblem(svg('', ' width="2000mm" height="10mm"'))?.kind).toBeUndefined();
    expect(svgSizeProblem(svg('', ' width="30m" height="1"'))?.kind).toBe('unreadable');
    expect(svgSizeProblem(svg('', ' width="NaN" height="Infinity"'))?.kind).toBe('unreadable');
    expect(svgSizeProblem(svg('', ' width="100%"'))?.kind).toBe('unreadable');
    expect(svgSizeProblem(svg('', ' viewBox="0 0 -100 -50"'))?.kind).toBe('unreadable');
    expect(svgSizeProblem(svg('', ' width="4" height="3" viewBox="0 0 -100 -50"'))?.kind).toBe('viewBox');
    expect(svgSizeProblem(svg('', ' width="0" height="3"'))?.kind).toBe('empty');
    expect(svgSizeProblem(svg('', ' width="2000in" height="3"'))?.kind).toBe('too-large');
  });

  it('reads the size of the sample figures', () => {
    for (const name of readdirSync(figures).filter((f) => f.endsWith('.svg'))) {
      const size = svgSize(readFileSync(join(figures, name), 'utf8'));
      expect(size.width, name).toBeGreaterThan(0);
      expect(size.height, name).toBeGreaterThan(0);
    }
  });
});

describe('fonts and text', () => {
  const drawing = svg(
    '<style>.a { font-family: "Noto Serif JP", serif; } text { fill: red }</style>' +
      '<g font-family="Noto Sans JP, sans-serif"><text x="1" y="2">日本 &amp; <tspan style="font-weight:bold; font-family: \'Noto Sans\'">&#x41;B</tspan></text></g>' +
      '<text><![CDATA[<C>]]></text>',
  );

  it('lists the families named in attributes, style attributes and style sheets, in document order', () => {
    expect(svgFontFamilies(drawing)).toEqual(['Noto Serif JP', 'serif', 'Noto Sans JP', 'sans-serif', 'Noto Sans']);
  });

  it('gives the text, references decoded, without markup or attribute values', () => {
    const text = svgText(drawing);
    expect(text).toContain('日本 & AB');
    expect(text).toContain('<C>');
    expect(text).not.toContain('font-family="');
    expect(text).not.toContain('x="1"');
  });

  it('replaces font-family lists, and gives the file back untouched when nothing changes', () => {
    const fixed = mapFontFamilies(drawing, (list) => (list.includes('Noto Sans JP') ? list : `Noto Sans JP, ${list}`));
    expect(svgFontFamilies(fixed)).toEqual(['Noto Sans JP', 'Noto Serif JP', 'serif', 'sans-serif', 'Noto Sans']);
    expect(svgText(fixed)).toBe(svgText(drawing));
    expect(mapFontFamilies(drawing, (list) => list)).toBe(drawing);
  });

  it('sets the characters named a family in tspans of their own, in drawn text only, and gives the file back untouched when none is', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><title>a ≥ b</title><text x="1" y="1">a ≥≥ b <tspan>≤</tspan></text></svg>';
    const family = (ch: string) => (ch === '≥' || ch === '≤' ? 'Noto Sans Math' : undefined);
    const fixed = svgTextInFamilies(svg, family);
    expect(fixed).toContain('<text x="1" y="1">a <tspan font-family="Noto Sans Math">≥≥</tspan> b <tspan><tspan font-family="Noto Sans Math">≤</tspan></tspan></text>');
    expect(fixed).toContain('<title>a ≥ b</title>');
    expect(svgText(fixed)).toBe(svgText(svg));
    expect(svgTextInFamilies(svg, () => undefined)).toBe(svg);
    const prefixed = '<s:svg xmlns:s="http://www.w3.org/2000/svg" width="9" height="9"><s:text>≥</s:text></s:svg>';
    expect(svgTextInFamilies(prefixed, family)).toContain('<s:text><s:tspan font-family="Noto Sans Math">≥</s:tspan></s:text>');
  });
});

describe('doctype', () => {
  it('drops a document type declaration naming svg and the space after it, leaving the rest as written', () => {
    const head = '<?xml version="1.0"?>\n';
    const body = '<svg xmlns="http://www.w3.org/2000/svg"  width="1"/>\n';
    expect(withoutDoctype(`${head}<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n\n${body}`)).toBe(head + body);
    expect(withoutDoctype(head + body)).toBe(head + body);
    expect(withoutDoctype(`日本${head}`)).toBe(`日本${head}`);
  });
});

describe('style sheet and unnamed text', () => {
  const ns = 'xmlns="http://www.w3.org/2000/svg"';
  it('puts a style sheet first in the root element, the rest as written', () => {
    const css = '@font-face{font-family:"X"}';
    expect(withStyleSheet(`<?xml version="1.0"?>\n<svg ${ns} a='x>y'>\n<text>A</text></svg>`, css)).toBe(`<?xml version="1.0"?>\n<svg ${ns} a='x>y'><style>${css}</style>\n<text>A</text></svg>`);
    expect(withStyleSheet(`<svg ${ns} width="1"/>`, css)).toBe(`<svg ${ns} width="1"><style>${css}</style></svg>`);
    expect(withStyleSheet(`<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:text>A</s:text></s:svg>`, css)).toBe(
      `<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:style>${css}</s:style><s:text>A</s:text></s:svg>`,
    );
    // CSS that would end the element is refused: the file comes back as it was.
    expect(withStyleSheet(`<svg ${ns}/>`, 'a</style>')).toBe(`<svg ${ns}/>`);
    const labelled = `<svg ${ns}><text x="1" y="2">東京 &amp; A<tspan>B</tspan></text></svg>`;
    expect(parseSvg(withStyleSheet(labelled, css))).toBeDefined();
    expect(svgText(withStyleSheet(labelled, css))).toBe('東京 & AB');
  });

  it('tells whether some text names no font', () => {
    expect(svgTextUnnamed(`<svg ${ns}><text>A</text></svg>`)).toBe(true);
    expect(svgTextUnnamed(`<svg ${ns}><text font-family="serif">A</text><text> </text></svg>`)).toBe(false);
    expect(svgTextUnnamed(`<svg ${ns}><g style="font-family: serif"><text>A<tspan>B</tspan></text></g></svg>`)).toBe(false);
    expect(svgTextUnnamed(`<svg ${ns} font-family="serif"><g><text>A</text></g></svg>`)).toBe(false);
    expect(svgTextUnnamed(`<svg ${ns}><style>text { font-family: serif }</style><text>A</text></svg>`)).toBe(false);
    expect(svgTextUnnamed(`<svg ${ns}><rect width="1" height="1"/></svg>`)).toBe(false);
  });
});

describe('allowlist', () => {
  const kind = (text: string, dataImages = false) => svgProblem(text, { dataImages })?.kind;

  it('accepts drawings: shapes, text, paint servers, filters, style sheets, internal references, metadata', () => {
    const ok = svg(
      '<title>t</title><desc>d</desc><metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description about="x"/></rdf:RDF></metadata>' +
        '<defs><linearGradient id="g" gradientUnits="userSpaceOnUse"><stop offset="0" stop-color="#fff"/></linearGradient>' +
        '<filter id="f"><feGaussianBlur in="SourceGraphic" stdDeviation="2"/></filter><marker id="m" orient="auto"><path d="M0 0L1 1"/></marker></defs>' +
        '<style>rect { fill: url(#g) }</style>' +
        '<g transform="translate(1 1)" aria-label="x" data-name="y"><rect fill="url(#g)" filter="url(#f)" marker-end="url(#m)" width="1" height="1"/>' +
        '<use href="#g"/><use xlink:href="#g"/><text xml:space="preserve" font-family="Noto Sans JP">a<tspan dy="1">b</tspan></text></g>',
      ' width="10" height="10" viewBox="0 0 10 10" version="1.1"',
    );
    expect(svgProblem(ok)).toBeUndefined();
  });

  it('accepts the sample figures', () => {
    for (const name of readdirSync(figures).filter((f) => f.endsWith('.svg'))) expect(svgProblem(readFileSync(join(figures, name), 'utf8')), name).toBeUndefined();
  });

  it('refuses scripts, in any namespace or case', () => {
    expect(kind(svg('<script>alert(1)</script>'))).toBe('script');
    expect(kind(svg('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>'))).toBe('script');
    expect(kind(svg('<SCRIPT>alert(1)</SCRIPT>'))).toBe('script');
    expect(kind(svg('<metadata><script>alert(1)</script></metadata>'))).toBe('script');
  });

  it('refuses event handlers', () => {
    expect(kind(svg('', ' onload="alert(1)"'))).toBe('eventHandler');
    expect(kind(svg('<rect onclick="x()"/>'))).toBe('eventHandler');
    expect(kind(svg('<rect ONMOUSEOVER="x()"/>'))).toBe('eventHandler');
  });

  it('refuses embedded HTML', () => {
    expect(kind(svg('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>'))).toBe('foreignObject');
  });

  it('refuses entity declarations and other declarations of a document type', () => {
    expect(kind(`<!DOCTYPE svg [<!ENTITY a "b">]>${svg('<text>&a;</text>')}`)).toBe('entity');
    expect(kind(`<!DOCTYPE svg [<!ATTLIST svg onload CDATA "alert(1)">]>${svg()}`)).toBe('doctype');
    expect(kind(`<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">${svg()}`)).toBeUndefined();
  });

  it('refuses references outside the file', () => {
    expect(svgProblem(svg('<image href="file:///etc/passwd"/>'))).toMatchObject({ kind: 'external', element: 'image', attribute: 'href', target: 'file:///etc/passwd' });
    expect(kind(svg('<image xlink:href="https://example.org/x.png"/>'))).toBe('external');
    expect(kind('<svg><image xlink:href="x.png"/></svg>')).toBe('external');
    expect(kind(svg('<use href="other.svg#a"/>'))).toBe('external');
    expect(kind(svg('<rect style="fill:url(https://example.org/p)"/>'))).toBe('external');
    expect(kind(svg('<rect fill="url( \'x.svg#p\')"/>'))).toBe('external');
    expect(kind(svg('<style>rect { fill: url(x.svg#p) }</style>'))).toBe('external');
    expect(kind(svg('<style>@import "x.css";</style>'))).toBe('import');
    expect(kind(svg('<a href="javascript:alert(1)"><rect/></a>'))).toBe('javascript');
    expect(kind(svg('<a href=" java&#x09;script:alert(1)"><rect/></a>'))).toBe('javascript');
  });

  it('accepts data images only when asked to', () => {
    const image = svg('<image href="data:image/png;base64,AAAA"/>');
    expect(kind(image)).toBe('external');
    expect(kind(image, true)).toBeUndefined();
    expect(kind(svg('<image href="data:text/html;base64,AAAA"/>'), true)).toBe('external');
  });

  it('refuses elements and attributes that are not on the allowlist', () => {
    expect(svgProblem(svg('<animate attributeName="href" to="javascript:alert(1)"/>'))).toMatchObject({ kind: 'element', element: 'animate' });
    expect(svgProblem(svg('<set attributeName="fill" to="red"/>'))).toMatchObject({ kind: 'element', element: 'set' });
    expect(svgProblem(svg('<iframe/>'))).toMatchObject({ kind: 'element', element: 'iframe' });
    expect(svgProblem(svg('<x:rect xmlns:x="urn:other"/>'))).toMatchObject({ kind: 'element', element: 'x:rect' });
    expect(svgProblem(svg('<rect formaction="x"/>'))).toMatchObject({ kind: 'attribute', element: 'rect', attribute: 'formaction' });
    expect(svgProblem(svg('<g xml:base="https://example.org/"/>'))).toMatchObject({ kind: 'attribute', attribute: 'xml:base' });
    expect(svgProblem(svg('<a target="_blank" href="#x"/>'))).toMatchObject({ kind: 'attribute', attribute: 'target' });
    expect(svgProblem('<html/>')).toMatchObject({ kind: 'element' });
  });

  it('reports the most telling problem of several', () => {
    expect(kind(svg('<rect onclick="x()"/><iframe/><script/>'))).toBe('script');
    expect(kind(svg('<image href="x.png"/><rect onclick="x()"/>'))).toBe('eventHandler');
  });

  it('finds the problem of each corpus case', () => {
    const cases: [string, string][] = [
      ['image-svg-entity', 'entity'],
      ['image-svg-external', 'external'],
      ['image-svg-onload', 'eventHandler'],
      ['image-svg-script', 'script'],
    ];
    for (const [name, expected] of cases) expect(kind(readFileSync(join(corpus, name, 'figures/a.svg'), 'utf8'), true), name).toBe(expected);
  });
});

describe('svgSmallestText', () => {
  const wrap = (inner: string, root = 'width="400" height="100"') => `<svg xmlns="http://www.w3.org/2000/svg" ${root}>${inner}</svg>`;

  it('finds the smallest text by attribute, style sheet and style attribute, inherited, in the picture’s pixels', () => {
    expect(svgSmallestText(wrap('<g font-size="14"><text>Big</text><text font-size="50%">Half</text></g>'))).toEqual({ px: 7, text: 'Half' });
    expect(svgSmallestText(wrap('<style>.axis text { font-size: 9px } .title { font-size: 20px }</style><g class="axis"><text class="tick">0</text></g><text class="title">Title</text>'))).toEqual({
      px: 9,
      text: '0',
    });
    // A style attribute wins over the sheet, which wins over the attribute.
    expect(svgSmallestText(wrap('<style>text { font-size: 12px }</style><text font-size="4" style="font-size: 10pt">A</text>'))?.px).toBeCloseTo(13.33, 2);
    expect(svgSmallestText(wrap('<text>Default</text>'))).toEqual({ px: 16, text: 'Default' });
    expect(svgSmallestText(wrap('<rect width="4" height="4"/>'))).toBeUndefined();
  });

  it('scales by the viewBox and by transforms around the text', () => {
    // Drawn at 800 user units wide into 400px: every size halves.
    expect(svgSmallestText(wrap('<text font-size="20">A</text>', 'width="400" viewBox="0 0 800 200"'))?.px).toBe(10);
    expect(svgSmallestText(wrap('<g transform="translate(5 5) scale(0.5)"><text font-size="20">A</text></g>'))?.px).toBe(10);
    expect(svgSmallestText(wrap('<text transform="matrix(2 0 0 2 0 0)" font-size="5">A</text>'))?.px).toBe(10);
  });
});
