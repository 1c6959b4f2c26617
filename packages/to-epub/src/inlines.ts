/**
 * Inlines as XHTML trees (xast): text with its Japanese runs, emphasis,
 * links, note marks, citations, cross-references. The context says where
 * things live and which language is in effect; every function is pure.
 */
import { assertNever, isCjk, latinRuns, noteRefsIn, type Block, type Inline, type NoteRefInline } from '@brief/document-model';
import { chicagoPieces, isVariationSelector } from '@brief/fonts';
import type { LanguageStyle } from '@brief/templates';
import { x } from 'xastscript';
import { markIdFor, noteId, type Links } from './plan.js';
import { langAttrs, text, type Fragment } from './markup.js';
import type { PageMark } from './pages.js';

export interface Ctx {
  style: LanguageStyle;
  links: Links;
  /** The content document being written. */
  file: string;
  /** Language in effect at this point (edition language or a foreign run's). */
  lang: string;
  /** Inside a link: nested links are not allowed, so marks and cross-references are placed after it. */
  inLink: boolean;
  /** Page-break markers of the print edition, by the block each page begins in (none without print pages). */
  pages?: ReadonlyMap<Block, PageMark[]>;
  /** Table cells of this many characters or fewer are not broken between Japanese characters (`proportions.tableCellWholeChars`). */
  wholeCellChars?: number;
  /** Columns between tab stops in code (`proportions.codeTabColumns`): a wrapped code line hangs at its own indentation. */
  codeTabColumns?: number;
}

/** Href from the current document to an id in `file`. */
export function hrefTo(ctx: Ctx, file: string | undefined, id: string): string {
  return !file || file === ctx.file ? `#${id}` : `${file}#${id}`;
}

function baseLang(lang: string): string {
  return (lang.split('-')[0] ?? lang).toLowerCase();
}

/** Languages whose text is itself set in CJK characters (their runs need no language span). */
function writesCjk(lang: string): boolean {
  return ['ja', 'zh', 'ko'].includes(baseLang(lang));
}

/**
 * Split text into runs of Japanese (CJK) characters and the rest. Spaces
 * between two CJK characters stay inside the CJK run.
 */
export function cjkRuns(value: string): { text: string; cjk: boolean }[] {
  const chars = [...value];
  const kinds = chars.map((ch) => {
    const cp = ch.codePointAt(0) ?? 0;
    return isCjk(cp) ? 'c' : /\s/.test(ch) ? 's' : 'l';
  });
  // A variation selector stays with the character it selects a form of (葛󠄀: U+845B U+E0100).
  chars.forEach((ch, i) => {
    if (i > 0 && isVariationSelector(ch.codePointAt(0) ?? 0)) kinds[i] = kinds[i - 1]!;
  });
  // A space run takes the kind of its neighbours when both are CJK.
  for (let i = 0; i < kinds.length; i++) {
    if (kinds[i] !== 's') continue;
    let j = i;
    while (j < kinds.length && kinds[j] === 's') j++;
    const fill = i > 0 && kinds[i - 1] === 'c' && kinds[j] === 'c' ? 'c' : 'l';
    for (let k = i; k < j; k++) kinds[k] = fill;
    i = j - 1;
  }
  const runs: { text: string; cjk: boolean }[] = [];
  chars.forEach((ch, i) => {
    const cjk = kinds[i] === 'c';
    const last = runs[runs.length - 1];
    if (last && last.cjk === cjk) last.text += ch;
    else runs.push({ text: ch, cjk });
  });
  return runs;
}

export { latinRuns };

/** The text of a link that shows a URL as itself (one text without spaces, beginning with a scheme or `www.`), or undefined. */
function shownUrl(children: readonly Inline[]): string | undefined {
  const [only] = children;
  if (children.length !== 1 || only?.kind !== 'text') return undefined;
  return /^(?:https?:\/\/|www\.)\S+$/i.test(only.value) ? only.value : undefined;
}

/** A URL shown as itself, with a line break opportunity (`<wbr>`) at each point where Chicago breaks one (`chicagoPieces`). */
function urlNodes(url: string): Fragment {
  return chicagoPieces(url).flatMap((piece, k) => (k === 0 ? [text(piece)] : [x('wbr'), text(piece)]));
}

/**
 * Text, with runs of Japanese characters marked `lang="ja"` where the language in effect is not a CJK one,
 * and runs of Latin-script words marked `lang="en"` in a Japanese edition (see `latinRuns`).
 */
export function textNodes(value: string, ctx: Ctx): Fragment {
  if (baseLang(ctx.lang) === 'ja') {
    if (/^\s*(?:https?:\/\/|www\.|mailto:)\S*\s*$/i.test(value)) return [text(value)];
    return latinRuns(value).flatMap((r) => (r.latin ? [x('span', langAttrs('en'), r.text)] : japaneseText(r.text)));
  }
  if (writesCjk(ctx.lang)) return japaneseText(value);
  return cjkRuns(value).map((r) => (r.cjk ? x('span', langAttrs('ja'), japaneseText(r.text)) : text(r.text)));
}

/**
 * Japanese text, with each run of two or more dashes (――, ——) kept on one
 * line (JIS X 4051's inseparable characters; a reading system's line
 * breaker would part them) and drawn as the one unbroken rule the face
 * composes of them.
 */
function japaneseText(value: string): Fragment {
  const out: Fragment = [];
  let last = 0;
  for (const m of value.matchAll(/[\u2014\u2015]{2,}/g)) {
    if (m.index > last) out.push(text(value.slice(last, m.index)));
    out.push(x('span', { class: 'dashes' }, m[0]));
    last = m.index + m[0].length;
  }
  if (last < value.length || out.length === 0) out.push(text(value.slice(last)));
  return out;
}

function noteRef(node: NoteRefInline, ctx: Ctx): Fragment {
  const id = ctx.links.markId.get(node) ?? markIdFor(node.number, 1);
  const href = hrefTo(ctx, ctx.links.noteFile.get(node.number), noteId(node.number));
  // U+2060 WORD JOINER keeps the mark on the line of the word it follows.
  return [text('\u2060'), x('a', { 'epub:type': 'noteref', role: 'doc-noteref', class: 'noteref', id, href }, x('sup', String(node.number)))];
}

export function inlineNodes(inlines: readonly Inline[], ctx: Ctx): Fragment {
  return inlines.flatMap((node) => inlineNode(node, ctx));
}

function inlineNode(node: Inline, ctx: Ctx): Fragment {
  switch (node.kind) {
    case 'text':
      return textNodes(node.value, ctx);
    case 'emphasis':
      return [x('em', inlineNodes(node.children, ctx))];
    case 'strong':
      return [x('strong', inlineNodes(node.children, ctx))];
    case 'delete':
      return [x('del', inlineNodes(node.children, ctx))];
    case 'code':
      return [x('code', node.value)];
    case 'link': {
      if (ctx.inLink) return inlineNodes(node.children, ctx);
      const external = /^https?:/i.test(node.url);
      const shown = external ? shownUrl(node.children) : undefined;
      const inner = shown !== undefined ? urlNodes(shown) : inlineNodes(node.children, { ...ctx, inLink: true });
      const marks = noteRefsIn(node.children).flatMap((m) => noteRef(m, ctx));
      // A URL shown with break opportunities is named as written: browsers read each <wbr> as a space (https:// www .example …).
      const label = shown !== undefined && inner.length > 1 ? shown : undefined;
      return [
        x('a', { class: external ? (shown !== undefined ? 'external url' : 'external') : 'mailto', href: node.url, rel: external ? 'external' : undefined, 'aria-label': label }, inner),
        ...marks,
      ];
    }
    case 'noteRef':
      // Inside a link the mark is written after the link (see 'link').
      return ctx.inLink ? [] : noteRef(node, ctx);
    case 'citation':
      return [x('span', { class: 'citation' }, inlineNodes(node.rendered, ctx))];
    case 'crossRef': {
      const file = ctx.links.fileOf.get(node.targetId);
      if (ctx.inLink || file === undefined) return textNodes(node.text, ctx);
      return [x('a', { class: 'xref', href: hrefTo(ctx, file, node.targetId), 'aria-label': node.name }, textNodes(node.text, ctx))];
    }
    case 'foreign':
      return [x('span', langAttrs(node.lang), inlineNodes(node.children, { ...ctx, lang: node.lang }))];
    case 'lineBreak':
      return [x('br')];
    default:
      return assertNever(node, 'inline');
  }
}
