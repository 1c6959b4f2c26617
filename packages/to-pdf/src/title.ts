/**
 * The title block on the first page (series line, title, subtitle, authors
 * with their affiliation, without a series line the publisher and date, notices, the list of chapters in a ruled box) and
 * the running head and folio of the other pages.
 */
import { headings, printedTitle, type DocumentModel, type Inline } from '@brief/document-model';
import { dateline, fill, fillInlines, formatDate } from '@brief/templates';
import { hangAfter, headingInlines } from './blocks.js';
import { atomize } from './inlines.js';
import { contextFor, toGrid, type Flow, type FlowBox } from './boxes.js';
import type { ComposedLine } from './breaker.js';
import { balancedLines, composeAtoms, composeInlines, drawLine, drawLineAt, plain, type TextLayout } from './compose.js';
import type { CanvasLine, ContentNode } from './pdfmake-adapter.js';
import type { PdfStyle, TextStyle } from './style.js';
import { artifactNodes, tagNodes } from './tags.js';

/** The series line: series, issue and date, per the running head pattern. */
export function seriesLine(doc: DocumentModel, style: PdfStyle): string {
  const strings = style.lang.strings;
  const meta = doc.meta;
  const series = style.template.titleBlock.showSeries ? meta.series : undefined;
  const date = formatDate(strings, meta.published);
  if (!series) return meta.title;
  const issue = series.issue !== undefined ? fill(strings.issue, { n: series.issue }) : '';
  return tidy(fill(strings.runningHead, { series: series.title, issue, title: meta.title, date }));
}

/** Inline content without its note marks (a heading's, in the contents). */
function withoutNoteMarks(inlines: readonly Inline[]): Inline[] {
  return inlines.flatMap((node): Inline[] => {
    if (node.kind === 'noteRef') return [];
    if ('children' in node && Array.isArray(node.children)) return [{ ...node, children: withoutNoteMarks(node.children as Inline[]) } as Inline];
    return [node];
  });
}

/** Drop separators left around empty placeholders. */
function tidy(text: string): string {
  return text
    .replace(/\(\s*\)|（\s*）/g, '')
    .replace(/([\s\u3000]*[,，、]){2,}/g, '$1')
    .replace(/\u3000{2,}/g, '\u3000')
    .replace(/^[\s\u3000,，、]+|[\s\u3000,，、]+$/g, '');
}

/**
 * A single line of `text`: the text itself if it fits, else its longest
 * beginning that fits with an ellipsis after it.
 */
export function oneLine(text: string, compose: (value: string) => ComposedLine[], ellipsis: string): ComposedLine | undefined {
  const whole = compose(text);
  if (whole.length <= 1) return whole[0];
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  // The longest prefix that, with the ellipsis, composes to one line.
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (compose(chars.slice(0, mid).join('').trimEnd() + ellipsis).length <= 1) lo = mid;
    else hi = mid;
  }
  return compose(chars.slice(0, lo).join('').trimEnd() + ellipsis)[0];
}

/** The mark a running head that does not fit ends with. */
const ELLIPSIS = '…';

/**
 * A title of two parts joined by a colon (Flood Insurance: Risk Pooling and
 * Affordability) broken after its colon, when it needs two lines and each
 * part fits one: a break balanced by width would split a part
 * (…Insurance: Risk | Pooling…). Undefined otherwise (the title fits one
 * line, has no colon, or a part needs more than a line).
 */
export function atColon(inlines: readonly Inline[], text: TextStyle, compose: (value: readonly Inline[], text: TextStyle) => ComposedLine[]): ComposedLine[] | undefined {
  const at = inlines.findIndex((n) => n.kind === 'text' && /: \S/.test(n.value));
  const node = inlines[at];
  if (node?.kind !== 'text' || compose(inlines, text).length !== 2) return undefined;
  const cut = node.value.indexOf(': ') + 1;
  const head = [...inlines.slice(0, at), { ...node, value: node.value.slice(0, cut) }];
  const tail = [{ ...node, value: node.value.slice(cut).trimStart() }, ...inlines.slice(at + 1)];
  const [first, second] = [compose(head, text), compose(tail, text)];
  return first.length === 1 && second.length === 1 ? [...first, ...second] : undefined;
}

interface Stacked {
  lines: ComposedLine[];
  text: TextStyle;
  before: number;
  id?: string;
  /** Its structure element. */
  key: string;
}

export function titleBox(flow: Flow, doc: DocumentModel): FlowBox {
  const style = flow.style;
  const width = style.measure;
  const strings = style.lang.strings;
  const block = style.template.titleBlock;
  const meta = doc.meta;
  const layout = (align: TextLayout['align'], justify = false, measure = width): TextLayout => ({ width: measure, firstIndent: 0, restIndent: 0, justify, align, avoidShortLast: true });
  const compose = (inlines: readonly Inline[], text: TextStyle, align: TextLayout['align'], justify = false) => composeInlines(inlines, contextFor(flow, text, width), layout(align, justify));
  const parts: Stacked[] = [];
  const gapUnit = style.body.size;
  const gaps = style.template.proportions.titleBlock;
  // Structure: a Sect with the series line, the title (H1), subtitle, authors, notices and the contents (TOC).
  const tree = flow.tree;
  tree.open('Sect');

  const showSeries = block.showSeries && meta.series;
  if (showSeries) parts.push({ lines: compose(plain(seriesLine(doc, style)), style.runningHead, 'left'), text: style.runningHead, before: 0, key: tree.leaf('P') });
  // The accent rule under the series line, however many lines it takes.
  const ruleAt = showSeries ? (parts[0]?.lines.length ?? 1) * style.runningHead.pitch + gapUnit * gaps.seriesRuleGap : undefined;
  const balanced = (value: readonly Inline[], text: TextStyle) => balancedLines((w) => composeInlines(value, contextFor(flow, text, w), layout('center', false, w)), width);
  const titleInlines = printedTitle(meta.title, meta.titleInlines);
  parts.push({
    lines: atColon(titleInlines, style.title, (value, text) => composeInlines(value, contextFor(flow, text, width), layout('center', false, width))) ?? balanced(titleInlines, style.title),
    text: style.title,
    before: showSeries ? gapUnit * gaps.titleBefore : 0,
    key: tree.leaf('H1'),
  });
  if (meta.subtitle)
    parts.push({
      lines: balanced(fillInlines(strings.subtitleLine, { subtitle: meta.subtitleInlines ?? meta.subtitle }), style.subtitle),
      text: style.subtitle,
      before: gapUnit * gaps.subtitleBefore,
      key: tree.leaf('P'),
    });
  meta.authors.forEach((author, k) => {
    parts.push({ lines: compose(plain(author.name), style.author, 'right'), text: style.author, before: k === 0 ? gapUnit * gaps.authorsBefore : gapUnit * gaps.authorBetween, key: tree.leaf('P') });
    if (author.affiliation) {
      const aff = { ...style.author, size: style.caption.size, pitch: style.caption.pitch };
      parts.push({ lines: compose(plain(fill(strings.affiliation, { affiliation: author.affiliation })), aff, 'right'), text: aff, before: 0, key: tree.leaf('P') });
    }
  });
  // Without a series line (which carries the date), the issuer and the date follow the authors.
  const small = { ...style.author, size: style.caption.size, pitch: style.caption.pitch };
  dateline(meta, style.template, strings).forEach((text, k) => {
    parts.push({ lines: compose(plain(text), small, 'right'), text: small, before: k === 0 ? gapUnit * gaps.authorBetween : 0, key: tree.leaf('P') });
  });
  if (block.showNotices) {
    meta.notices.forEach((notice, k) => {
      const text = fill(strings.notice, { text: notice });
      parts.push({ lines: compose(plain(text), style.notice, 'left', true), text: style.notice, before: k === 0 ? gapUnit * gaps.noticesBefore : 0, key: tree.leaf('P') });
    });
  }

  // The list of chapters, in a ruled box.
  let contents: { top: number; height: number } | undefined;
  const entries = block.showContents ? headings(doc).filter((h) => h.level <= block.contentsDepth) : [];
  let height = 0;
  const placed: { part: Stacked; top: number }[] = [];
  for (const part of parts) {
    height += part.before;
    placed.push({ part, top: height });
    height += part.lines.length * part.text.pitch;
  }
  if (entries.length > 0) {
    const pad = gapUnit * gaps.contentsPadding;
    const top = height + gapUnit * gaps.contentsBefore;
    let y = top + pad;
    const title = compose(plain(strings.contents), { ...style.caption, color: style.template.colors.heading }, 'left');
    placed.push({ part: { lines: title.map((l) => ({ ...l, x: l.x + pad })), text: style.caption, before: 0, key: tree.leaf('P') }, top: y });
    tree.open('TOC');
    y += title.length * style.caption.pitch + gapUnit * gaps.contentsHeadingAfter;
    for (const h of entries) {
      // The heading's number and text as the body sets them (italics kept, note marks left out), in
      // lines that break where its text does, hanging under the text after the number; every run links to it.
      const indent = (h.level - 1) * style.contents.size;
      const { inlines, prefix } = headingInlines(h);
      const measure = width - 2 * pad;
      const ctx = contextFor(flow, style.contents, measure);
      const atoms = atomize(withoutNoteMarks(inlines), ctx);
      const hang = hangAfter(prefix, atoms, ctx, measure - indent);
      const lines = composeAtoms(atoms, ctx, { width: measure, firstIndent: indent, restIndent: indent + hang, justify: false, align: 'left', avoidShortLast: true }).map((l) => ({
        ...l,
        runs: l.runs.map((r) => ({ ...r, style: { ...r.style, dest: h.id } })),
      }));
      // An entry is a TOCI holding a Reference, whose Link is the entry's text (ISO 32000-1 14.8.4.3.2: a TOCI holds Lbl, Reference, NonStruct, P or TOC).
      tree.open('TOCI');
      const key = tree.leaf('Reference');
      tree.close();
      placed.push({ part: { lines: lines.map((l) => ({ ...l, x: l.x + pad })), text: style.contents, before: 0, key }, top: y });
      y += lines.length * style.contents.pitch;
    }
    tree.close();
    y += pad;
    contents = { top, height: y - top };
    height = y;
  }
  tree.close();
  const total = toGrid(height + gapUnit * gaps.after, style.body.pitch);
  const colors = style.template.colors;
  return {
    height: total,
    notes: [],
    keepWithNext: false,
    payload: {
      // Before the body (the print page list counts it as block -1).
      at: { block: -1, offset: 0 },
      draw: (x, top) => {
        const nodes: ContentNode[] = [];
        const canvas: CanvasLine[] = [];
        const line = (x1: number, y1: number, x2: number, y2: number, color: string, w = style.ruleWidth): CanvasLine => ({ type: 'line', x1, y1, x2, y2, lineWidth: w, lineColor: color });
        if (ruleAt !== undefined) canvas.push(line(x, top + ruleAt, x + width, top + ruleAt, colors.accent, style.ruleWidth * gaps.seriesRuleWeight));
        if (contents) {
          const y0 = top + contents.top;
          const y1 = y0 + contents.height;
          canvas.push(line(x, y0, x + width, y0, colors.rule), line(x, y1, x + width, y1, colors.rule), line(x, y0, x, y1, colors.rule), line(x + width, y0, x + width, y1, colors.rule));
        }
        if (canvas.length > 0) nodes.push(...artifactNodes([{ canvas, absolutePosition: { x: 0, y: 0 } }], 'Layout'));
        for (const { part, top: t } of placed) {
          part.lines.forEach((l, k) => nodes.push(...tagNodes(drawLine(l, style, part.text, x, top + t + k * part.text.pitch), { key: part.key })));
        }
        return nodes;
      },
    },
  };
}

/** Running head of a page (not the first, where the title block carries the series line). */
export function runningHead(flow: Flow, doc: DocumentModel, recto: boolean, left: number, width: number): ContentNode[] {
  const style = flow.style;
  const text = style.runningHead;
  const ctx = contextFor(flow, text, width);
  const compose = (value: string) =>
    composeInlines(plain(value), ctx, {
      width,
      firstIndent: 0,
      restIndent: 0,
      justify: false,
      align: recto ? 'right' : 'left',
      avoidShortLast: false,
    });
  // A running head that does not fit ends in an ellipsis.
  const line = oneLine(seriesLine(doc, style), compose, ELLIPSIS);
  if (!line) return [];
  return drawLineAt(line, style, left, style.page.headBaseline);
}

/** The folio (page number), centred under the text column. */
export function folio(flow: Flow, n: number, left: number, width: number): ContentNode[] {
  const style = flow.style;
  const text = style.folio;
  const [line] = composeInlines(plain(String(n)), contextFor(flow, text, width), {
    width,
    firstIndent: 0,
    restIndent: 0,
    justify: false,
    align: 'center',
    avoidShortLast: false,
  });
  if (!line) return [];
  return drawLineAt(line, style, left, style.page.folioBaseline);
}
