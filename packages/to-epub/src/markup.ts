/**
 * Markup as trees (xast): XHTML fragments, language attributes, patterns
 * filled with fragments, and the XHTML and XML document wrappers. Trees are
 * written by `@brief/svg`'s serialiser, the one place that escapes.
 *
 * Mind `xastscript`: in `x(name, second, …)` an object that is not an array
 * is read as the attributes, so a single element child goes in an array
 * (`x('p', [x('a', …)])`), never alone.
 */
import { toXml, xhtmlVoids } from '@brief/svg';
import type { Element, ElementContent, Instruction, Root } from 'xast';
import { x } from 'xastscript';

/** A line break between elements. */
export const nl = '\n';

/** A run of XHTML content (elements and text). */
export type Fragment = ElementContent[];

/** A text node. */
export const text = (value: string): ElementContent => ({ type: 'text', value });

/** A block element and the line break after it. */
export const line = (node: ElementContent): Fragment => [node, text('\n')];

/** `lang` and `xml:lang` attributes. */
export function langAttrs(lang: string): { lang: string; 'xml:lang': string } {
  return { lang, 'xml:lang': lang };
}

/**
 * Fill a `{name}` pattern whose literal parts are text and whose values are
 * XHTML fragments. Unknown placeholders stay as written.
 */
export function fillXhtml(pattern: string, values: Record<string, Fragment | undefined>): Fragment {
  const out: Fragment = [];
  let last = 0;
  for (const m of pattern.matchAll(/\{([a-zA-Z0-9]+)\}/g)) {
    const value = values[m[1]!];
    if (value === undefined) continue;
    out.push({ type: 'text', value: pattern.slice(last, m.index) }, ...value);
    last = m.index + m[0].length;
  }
  out.push({ type: 'text', value: pattern.slice(last) });
  return out;
}

/** The XHTML document shared by every content document, as a tree. */
export function xhtmlTree(opts: { lang: string; title: string; css: string[]; body: (ElementContent | string)[]; bodyType?: string; bodyClass?: string }): Root {
  const links = opts.css.flatMap((href) => [x('link', { rel: 'stylesheet', type: 'text/css', href }), nl]);
  return x(null, [
    { type: 'instruction', name: 'xml', value: 'version="1.0" encoding="UTF-8"' },
    nl,
    { type: 'doctype', name: 'html' },
    nl,
    x('html', { xmlns: 'http://www.w3.org/1999/xhtml', 'xmlns:epub': 'http://www.idpf.org/2007/ops', ...langAttrs(opts.lang) }, [
      nl,
      x('head', [nl, x('meta', { charset: 'UTF-8' }), nl, x('title', opts.title), nl, ...links]),
      nl,
      x('body', { 'epub:type': opts.bodyType || undefined, class: opts.bodyClass || undefined }, [nl, ...opts.body]),
      nl,
    ]),
    nl,
  ]);
}

/** An XHTML tree written out. */
export function xhtml(tree: Root): string {
  return toXml(tree, { voids: xhtmlVoids });
}

/** Fragments joined by line breaks. */
export function joined(fragments: readonly Fragment[], separator = '\n'): Fragment {
  return fragments.flatMap((f, i) => (i === 0 ? f : [{ type: 'text', value: separator } as const, ...f]));
}

/** Elements, one a line. */
export const lines = (elements: readonly Element[]): ElementContent[] => elements.flatMap((e, i) => (i === 0 ? [e] : [{ type: 'text', value: nl } as const, e]));

const xmlDeclaration: Instruction = { type: 'instruction', name: 'xml', value: 'version="1.0" encoding="UTF-8"' };

/** An XML document (package document, NCX, container): the declaration, the root element, a line break after each. */
export function xmlDocument(root: Element): string {
  return toXml(x(null, [xmlDeclaration, nl, root, nl]));
}
