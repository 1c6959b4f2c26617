/**
 * A checker of tagged PDF (PDF/UA-1) for the machine-checkable conditions
 * of the Matterhorn Protocol that need no outside tool (veraPDF is not
 * available): the PDF's objects are read by a small parser of the files
 * PDFKit writes (classic xref table, Flate content streams), the text of
 * each marked-content sequence by pdfjs-dist. docs/accessibility.md lists
 * what is checked and what is not.
 */
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { inlineText, noteRefsIn, ownInlines, walkBlocks, type Block, type DocumentModel, type Inline } from '@brief/document-model';

// ---------------------------------------------------------------------------
// Objects.

export class Ref {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
  toString(): string {
    return `${this.num}R${this.gen ? this.gen : ''}`;
  }
}

export class Name {
  constructor(readonly name: string) {}
}

export type PdfValue = null | boolean | number | string | Name | Ref | PdfValue[] | PdfDict;
export interface PdfDict {
  [key: string]: PdfValue;
}

interface Token {
  kind: 'open' | 'close' | 'aopen' | 'aclose' | 'name' | 'string' | 'number' | 'word';
  value: string | number;
}

const WS = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));

function decodeString(bytes: number[]): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.slice(2)).swap16().toString('utf16le');
  return String.fromCharCode(...bytes);
}

class Lexer {
  pos: number;
  constructor(
    readonly data: Buffer,
    start: number,
  ) {
    this.pos = start;
  }

  private skip(): void {
    const d = this.data;
    while (this.pos < d.length) {
      const c = d[this.pos]!;
      if (WS.has(c)) this.pos++;
      else if (c === 0x25) while (this.pos < d.length && d[this.pos] !== 0x0a && d[this.pos] !== 0x0d) this.pos++;
      else break;
    }
  }

  next(): Token | undefined {
    this.skip();
    const d = this.data;
    if (this.pos >= d.length) return undefined;
    const c = String.fromCharCode(d[this.pos]!);
    if (c === '<' && d[this.pos + 1] === 0x3c) {
      this.pos += 2;
      return { kind: 'open', value: '<<' };
    }
    if (c === '>' && d[this.pos + 1] === 0x3e) {
      this.pos += 2;
      return { kind: 'close', value: '>>' };
    }
    if (c === '[') {
      this.pos++;
      return { kind: 'aopen', value: '[' };
    }
    if (c === ']') {
      this.pos++;
      return { kind: 'aclose', value: ']' };
    }
    if (c === '/') {
      let end = this.pos + 1;
      while (end < d.length && !WS.has(d[end]!) && !DELIM.has(d[end]!)) end++;
      const raw = d.subarray(this.pos + 1, end).toString('latin1');
      this.pos = end;
      return { kind: 'name', value: raw.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))) };
    }
    if (c === '<') {
      const end = d.indexOf(0x3e, this.pos);
      const hex = d
        .subarray(this.pos + 1, end)
        .toString('latin1')
        .replace(/\s+/g, '');
      this.pos = end + 1;
      const bytes: number[] = [];
      for (let i = 0; i < hex.length; i += 2) bytes.push(Number.parseInt(hex.slice(i, i + 2).padEnd(2, '0'), 16));
      return { kind: 'string', value: decodeString(bytes) };
    }
    if (c === '(') {
      const bytes: number[] = [];
      let depth = 1;
      this.pos++;
      while (this.pos < d.length) {
        const b = d[this.pos++]!;
        if (b === 0x5c) {
          const e = d[this.pos++]!;
          const map: Record<number, number> = { 110: 10, 114: 13, 116: 9, 98: 8, 102: 12 };
          if (map[e] !== undefined) bytes.push(map[e]!);
          else if (e >= 0x30 && e <= 0x37) {
            let oct = String.fromCharCode(e);
            while (oct.length < 3 && d[this.pos]! >= 0x30 && d[this.pos]! <= 0x37) oct += String.fromCharCode(d[this.pos++]!);
            bytes.push(Number.parseInt(oct, 8) & 0xff);
          } else if (e === 0x0a || e === 0x0d) {
            if (e === 0x0d && d[this.pos] === 0x0a) this.pos++;
          } else bytes.push(e);
          continue;
        }
        if (b === 0x28) depth++;
        if (b === 0x29 && --depth === 0) break;
        bytes.push(b);
      }
      return { kind: 'string', value: decodeString(bytes) };
    }
    let end = this.pos;
    while (end < d.length && !WS.has(d[end]!) && !DELIM.has(d[end]!)) end++;
    if (end === this.pos) end++;
    const word = d.subarray(this.pos, end).toString('latin1');
    this.pos = end;
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) return { kind: 'number', value: Number(word) };
    return { kind: 'word', value: word };
  }
}

/** Parse one value (refs `n g R` folded), the lexer left after it. */
function parseValue(lex: Lexer, first?: Token): PdfValue {
  const t = first ?? lex.next();
  if (!t) throw new Error('unexpected end of PDF');
  switch (t.kind) {
    case 'open': {
      const dict: PdfDict = {};
      for (;;) {
        const k = lex.next();
        if (!k || k.kind === 'close') return dict;
        if (k.kind !== 'name') throw new Error(`dictionary key expected, got ${String(k.value)}`);
        dict[k.value as string] = parseValue(lex);
      }
    }
    case 'aopen': {
      const arr: PdfValue[] = [];
      for (;;) {
        const k = lex.next();
        if (!k || k.kind === 'aclose') return arr;
        arr.push(parseValue(lex, k));
      }
    }
    case 'name':
      return new Name(t.value as string);
    case 'string':
      return t.value as string;
    case 'number': {
      const save = lex.pos;
      const g = lex.next();
      if (g?.kind === 'number') {
        const r = lex.next();
        if (r?.kind === 'word' && r.value === 'R') return new Ref(t.value as number, g.value as number);
      }
      lex.pos = save;
      return t.value as number;
    }
    case 'word':
      if (t.value === 'true') return true;
      if (t.value === 'false') return false;
      return null;
    default:
      throw new Error(`unexpected ${String(t.value)}`);
  }
}

export class RawPdf {
  readonly offsets = new Map<number, number>();
  readonly trailer: PdfDict;
  private readonly cache = new Map<number, PdfValue>();

  constructor(readonly data: Buffer) {
    const tail = data.subarray(data.length - 64).toString('latin1');
    const start = Number(/startxref\s+(\d+)/.exec(tail)![1]);
    const lex = new Lexer(data, start);
    lex.next(); // xref
    for (;;) {
      const t = lex.next()!;
      if (t.kind === 'word' && t.value === 'trailer') break;
      const first = t.value as number;
      const count = lex.next()!.value as number;
      for (let i = 0; i < count; i++) {
        const off = lex.next()!.value as number;
        lex.next();
        const use = lex.next()!.value;
        if (use === 'n') this.offsets.set(first + i, off);
      }
    }
    this.trailer = parseValue(lex) as PdfDict;
  }

  get(value: PdfValue): PdfValue {
    if (!(value instanceof Ref)) return value;
    if (this.cache.has(value.num)) return this.cache.get(value.num)!;
    const off = this.offsets.get(value.num);
    if (off === undefined) return null;
    const lex = new Lexer(this.data, off);
    lex.next();
    lex.next();
    lex.next(); // n g obj
    const v = parseValue(lex);
    this.cache.set(value.num, v);
    return v;
  }

  dict(value: PdfValue): PdfDict {
    const v = this.get(value);
    return v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Name) && !(v instanceof Ref) ? (v as PdfDict) : {};
  }

  /** A stream's bytes, inflated when Flate-encoded. */
  stream(ref: Ref): Buffer {
    const off = this.offsets.get(ref.num)!;
    const dict = this.dict(ref);
    const at = this.data.indexOf('stream', off, 'latin1');
    let begin = at + 6;
    if (this.data[begin] === 0x0d) begin++;
    if (this.data[begin] === 0x0a) begin++;
    const length = this.get(dict.Length ?? 0) as number;
    const raw = this.data.subarray(begin, begin + length);
    const filter = dict.Filter;
    return filter instanceof Name && filter.name === 'FlateDecode' ? inflateSync(raw) : Buffer.from(raw);
  }

  get catalog(): PdfDict {
    return this.dict(this.trailer.Root ?? null);
  }

  /** Page objects in order. */
  pages(): Ref[] {
    const out: Ref[] = [];
    const walk = (ref: PdfValue) => {
      const node = this.dict(ref);
      if ((node.Type as Name | undefined)?.name === 'Pages') for (const kid of node.Kids as PdfValue[]) walk(kid);
      else out.push(ref as Ref);
    };
    walk(this.catalog.Pages ?? null);
    return out;
  }
}

export const nameOf = (v: PdfValue | undefined): string | undefined => (v instanceof Name ? v.name : undefined);

// ---------------------------------------------------------------------------
// Content streams: what is drawn outside marked content, and the MCIDs drawn.

interface ContentScan {
  /** Text, path and image painting outside any marked content. */
  untagged: number;
  /** MCIDs marked on the page. */
  mcids: number[];
  /** Marked content inside an artifact that has an MCID (a structure item inside an artifact). */
  mcidInArtifact: number;
  /** Path-painting operators with no path to paint (`f` alone). */
  pathless: number;
}

function scanContent(bytes: Buffer): ContentScan {
  const lex = new Lexer(bytes, 0);
  const stack: { artifact: boolean; mcid?: number }[] = [];
  const operands: PdfValue[] = [];
  const scan: ContentScan = { untagged: 0, mcids: [], mcidInArtifact: 0, pathless: 0 };
  let path = false;
  const paint = () => {
    if (stack.length === 0) scan.untagged++;
  };
  for (let t = lex.next(); t; t = lex.next()) {
    if (t.kind !== 'word') {
      operands.push(parseValue(lex, t));
      continue;
    }
    const op = t.value as string;
    if (op === 'BI') {
      paint();
      const end = bytes.indexOf('EI', lex.pos, 'latin1');
      lex.pos = end + 2;
    } else if (op === 'BDC' || op === 'BMC') {
      const tag = operands[0] instanceof Name ? operands[0].name : '';
      const props = op === 'BDC' && operands[1] && typeof operands[1] === 'object' ? (operands[1] as PdfDict) : {};
      const inArtifact = stack.some((m) => m.artifact);
      const mcid = typeof props.MCID === 'number' ? props.MCID : undefined;
      if (mcid !== undefined) {
        scan.mcids.push(mcid);
        if (inArtifact) scan.mcidInArtifact++;
      }
      stack.push({ artifact: tag === 'Artifact' || inArtifact, ...(mcid !== undefined ? { mcid } : {}) });
    } else if (op === 'EMC') stack.pop();
    else if (['m', 'l', 'c', 'v', 'y', 're', 'h'].includes(op)) path = true;
    else if (['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*'].includes(op)) {
      if (path) paint();
      else scan.pathless++;
      path = false;
    } else if (op === 'n') path = false;
    else if (['Tj', 'TJ', "'", '"', 'Do', 'sh'].includes(op)) paint();
    operands.length = 0;
  }
  return scan;
}

// ---------------------------------------------------------------------------
// The structure tree.

export interface StructElem {
  type: string;
  ref: Ref;
  dict: PdfDict;
  /** Children in order: elements, marked content (page index, MCID), annotations (OBJR). */
  kids: (StructElem | { page: number; mcid: number } | { annot: Ref })[];
}

export interface UaReport {
  /** Every failed condition, as a sentence. */
  problems: string[];
  root?: StructElem;
  /** Text in structure order (ActualText where given; artifacts left out). */
  text: string;
  /** Element types in structure order. */
  types: string[];
  pageLabels: string[] | null;
  /** Each link annotation's `/Contents`, in page order. */
  linkNames: string[];
}

function readTree(pdf: RawPdf, pageIndex: Map<number, number>): StructElem | undefined {
  const rootRef = pdf.catalog.StructTreeRoot;
  if (!rootRef) return undefined;
  const root = pdf.dict(rootRef);
  const build = (ref: Ref, inheritedPage?: number): StructElem => {
    const dict = pdf.dict(ref);
    const pg = dict.Pg instanceof Ref ? pageIndex.get(dict.Pg.num) : inheritedPage;
    const elem: StructElem = { type: nameOf(dict.S) ?? '?', ref, dict, kids: [] };
    const k = dict.K;
    const list = Array.isArray(k) ? k : k === undefined || k === null ? [] : [k];
    for (const kid of list) {
      if (typeof kid === 'number') elem.kids.push({ page: pg ?? -1, mcid: kid });
      else if (kid instanceof Ref) {
        const d = pdf.dict(kid);
        if (nameOf(d.Type) === 'OBJR') elem.kids.push({ annot: d.Obj as Ref });
        else elem.kids.push(build(kid, pg));
      } else if (kid && typeof kid === 'object' && !Array.isArray(kid) && !(kid instanceof Name)) {
        const d = kid as PdfDict;
        if (nameOf(d.Type) === 'MCR') elem.kids.push({ page: d.Pg instanceof Ref ? (pageIndex.get(d.Pg.num) ?? -1) : (pg ?? -1), mcid: d.MCID as number });
        else if (nameOf(d.Type) === 'OBJR') elem.kids.push({ annot: d.Obj as Ref });
      }
    }
    return elem;
  };
  const kids = Array.isArray(root.K) ? root.K : root.K ? [root.K] : [];
  const top: StructElem = { type: 'StructTreeRoot', ref: rootRef as Ref, dict: root, kids: kids.map((r) => build(r as Ref)) };
  return top;
}

function* elements(e: StructElem): Generator<StructElem> {
  yield e;
  for (const k of e.kids) if ('type' in k) yield* elements(k);
}

/** Check a tagged PDF; `lang`: the edition's language, `firstPage`: the first page label. */
export async function checkPdfUa(path: string, options: { lang: string; firstPage: number }): Promise<UaReport> {
  const data = readFileSync(path);
  const pdf = new RawPdf(data);
  const problems: string[] = [];
  const catalog = pdf.catalog;

  // Document-level conditions.
  if (pdf.dict(catalog.MarkInfo ?? null).Marked !== true) problems.push('MarkInfo /Marked is not true');
  const lang = pdf.get(catalog.Lang ?? null);
  if (typeof lang !== 'string' || lang.toLowerCase() !== options.lang.toLowerCase()) problems.push(`catalog /Lang is ${String(lang)}, not ${options.lang} (checkpoint 11)`);
  if (pdf.dict(catalog.ViewerPreferences ?? null).DisplayDocTitle !== true) problems.push('ViewerPreferences /DisplayDocTitle is not true (07-001)');
  const metadata = catalog.Metadata instanceof Ref ? pdf.stream(catalog.Metadata).toString('utf8') : '';
  if (!/<pdfuaid:part>1<\/pdfuaid:part>/.test(metadata)) problems.push('no PDF/UA identifier (pdfuaid:part 1) in the XMP metadata (06-002)');
  const title = /<dc:title>[\s\S]*?<rdf:li[^>]*>([^<]+)<\/rdf:li>/.exec(metadata)?.[1];
  if (!title?.trim()) problems.push('no dc:title in the XMP metadata (06-003)');
  if (!catalog.StructTreeRoot) problems.push('no structure tree');

  // Pages: tab order, StructParents, content outside marked content, MCIDs.
  const pageRefs = pdf.pages();
  const pageIndex = new Map(pageRefs.map((r, i) => [r.num, i]));
  const drawn = new Map<string, number>();
  const parentTree = new Map<number, PdfValue>();
  const root = pdf.dict(catalog.StructTreeRoot ?? null);
  const nums = (node: PdfDict) => {
    const arr = node.Nums as PdfValue[] | undefined;
    if (arr) for (let i = 0; i < arr.length; i += 2) parentTree.set(arr[i] as number, arr[i + 1]!);
    for (const kid of (node.Kids as PdfValue[] | undefined) ?? []) nums(pdf.dict(kid));
  };
  nums(pdf.dict(root.ParentTree ?? null));
  const annotations: { ref: Ref; page: number; dict: PdfDict }[] = [];
  pageRefs.forEach((ref, i) => {
    const page = pdf.dict(ref);
    if (nameOf(page.Tabs) !== 'S') problems.push(`page ${i + 1}: /Tabs is not /S (checkpoint 28, tab order)`);
    const contents = Array.isArray(page.Contents) ? page.Contents : [page.Contents ?? null];
    let untagged = 0;
    let inArtifact = 0;
    let pathless = 0;
    for (const c of contents) {
      if (!(c instanceof Ref)) continue;
      const scan = scanContent(pdf.stream(c));
      untagged += scan.untagged;
      inArtifact += scan.mcidInArtifact;
      pathless += scan.pathless;
      for (const mcid of scan.mcids) drawn.set(`${i}:${mcid}`, 0);
    }
    if (untagged > 0) problems.push(`page ${i + 1}: ${untagged} painting operators neither in the structure nor artifacts (01-005)`);
    if (inArtifact > 0) problems.push(`page ${i + 1}: ${inArtifact} tagged items inside artifacts (01-004)`);
    if (pathless > 0) problems.push(`page ${i + 1}: ${pathless} path-painting operators with no path to paint (ISO 32000-1 8.5.3)`);
    const mcids = [...drawn.keys()].filter((k) => k.startsWith(`${i}:`));
    if (mcids.length > 0) {
      if (typeof page.StructParents !== 'number') problems.push(`page ${i + 1}: marked content but no /StructParents`);
      else {
        const slots = pdf.get(parentTree.get(page.StructParents) ?? null);
        for (const k of mcids) {
          const mcid = Number(k.split(':')[1]);
          if (!Array.isArray(slots) || !(slots[mcid] instanceof Ref)) problems.push(`page ${i + 1}: MCID ${mcid} has no parent in the parent tree`);
        }
      }
    }
    for (const a of (pdf.get(page.Annots ?? null) as PdfValue[] | null) ?? []) annotations.push({ ref: a as Ref, page: i, dict: pdf.dict(a) });
  });

  // The tree.
  const tree = readTree(pdf, pageIndex);
  const types: string[] = [];
  const inTree = new Set<string>();
  const objrs = new Map<number, StructElem>();
  const ids = new Set<string>();
  let lastHeading = 0;
  if (tree) {
    for (const e of elements(tree)) {
      if (e !== tree) types.push(e.type);
      for (const k of e.kids) {
        if ('mcid' in k) {
          const key = `${k.page}:${k.mcid}`;
          if (inTree.has(key)) problems.push(`MCID ${k.mcid} on page ${k.page + 1} is in the tree twice`);
          inTree.add(key);
        }
        if ('annot' in k) objrs.set(k.annot.num, e);
      }
      const heading = /^H([1-6])$/.exec(e.type);
      if (heading) {
        const level = Number(heading[1]);
        if (lastHeading === 0 && level !== 1) problems.push(`the first heading is ${e.type}, not H1 (14-002)`);
        if (level > lastHeading + 1) problems.push(`heading levels skipped: ${e.type} after H${lastHeading} (14-003)`);
        lastHeading = level;
      }
      const alt = pdf.get(e.dict.Alt ?? null);
      if (e.type === 'Figure') {
        if (typeof alt !== 'string' || !alt.trim()) problems.push('a Figure without /Alt (13-004)');
        const attrs = [e.dict.A].flat().map((a) => pdf.dict(a ?? null));
        if (!attrs.some((a) => Array.isArray(a.BBox) && a.BBox.length === 4)) problems.push('a Figure without a BBox attribute');
      }
      if (e.type === 'TH') {
        const attrs = [e.dict.A].flat().map((a) => pdf.dict(a ?? null));
        const scope = attrs.map((a) => nameOf(a.Scope)).find(Boolean);
        if (!scope || !['Row', 'Column', 'Both'].includes(scope)) problems.push('a TH without /Scope (15-003)');
      }
      if (e.type === 'TOCI') {
        // ISO 32000-1 14.8.4.3.2: a TOCI holds Lbl, Reference, NonStruct, P or TOC (checkpoint 09).
        for (const k of e.kids) if ('type' in k && !['Lbl', 'Reference', 'NonStruct', 'P', 'TOC'].includes(k.type)) problems.push(`a TOCI holds a ${k.type} (09-004)`);
      }
      if (e.type === 'Note') {
        const id = pdf.get(e.dict.ID ?? null);
        if (typeof id !== 'string' || !id) problems.push('a Note without /ID (19-003)');
        else if (ids.has(id)) problems.push(`Note ID ${id} is not unique (19-004)`);
        else ids.add(id);
      }
    }
  }
  for (const key of drawn.keys()) if (!inTree.has(key)) problems.push(`MCID ${key} is drawn but not in the structure tree (01-005)`);
  for (const key of inTree) if (!drawn.has(key)) problems.push(`MCID ${key} is in the tree but not drawn`);
  if (ids.size > 0 && !root.IDTree) problems.push('Note IDs but no IDTree');

  // Annotations: Links in Link elements, with Contents and StructParent.
  const linkNames: string[] = [];
  for (const a of annotations) {
    const subtype = nameOf(a.dict.Subtype);
    if (subtype !== 'Link') continue;
    const owner = objrs.get(a.ref.num);
    if (!owner) problems.push(`page ${a.page + 1}: a link annotation not in the structure tree (28-011)`);
    else if (owner.type !== 'Link') problems.push(`page ${a.page + 1}: a link annotation in a ${owner.type}, not a Link (28-011)`);
    const contents = pdf.get(a.dict.Contents ?? null);
    if (typeof contents !== 'string' || !contents.trim()) problems.push(`page ${a.page + 1}: a link annotation without /Contents (checkpoint 28)`);
    else linkNames.push(contents);
    if (typeof a.dict.StructParent !== 'number') problems.push(`page ${a.page + 1}: a link annotation without /StructParent`);
  }

  // Text by marked-content sequence (pdfjs-dist), then in structure order.
  const loaded = await getDocument({ data: new Uint8Array(data), useSystemFonts: false, isEvalSupported: false }).promise;
  const byMcid = new Map<string, string>();
  for (let p = 1; p <= loaded.numPages; p++) {
    const page = await loaded.getPage(p);
    const content = await page.getTextContent({ includeMarkedContent: true });
    const stack: (string | null)[] = [];
    for (const item of content.items) {
      if ('type' in item) {
        if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') stack.push(item.type === 'beginMarkedContentProps' ? (item.id ?? null) : null);
        else if (item.type === 'endMarkedContent') stack.pop();
        continue;
      }
      const id = [...stack].reverse().find((s) => s !== null);
      const mcid = id ? /_mc(\d+)$/.exec(id)?.[1] : undefined;
      if (mcid === undefined) continue;
      const key = `${p - 1}:${mcid}`;
      byMcid.set(key, (byMcid.get(key) ?? '') + item.str);
    }
    page.cleanup();
  }
  const pageLabels = await loaded.getPageLabels();
  await loaded.destroy();
  const expectedLabels = pageRefs.map((_, i) => String(options.firstPage + i));
  if (JSON.stringify(pageLabels) !== JSON.stringify(expectedLabels)) problems.push(`page labels ${JSON.stringify(pageLabels)}, not ${expectedLabels[0]}…`);

  let text = '';
  const read = (e: StructElem) => {
    const actual = pdf.get(e.dict.ActualText ?? null);
    if (typeof actual === 'string') {
      text += actual;
      return;
    }
    for (const k of e.kids) {
      if ('type' in k) read(k);
      else if ('mcid' in k) text += byMcid.get(`${k.page}:${k.mcid}`) ?? '';
    }
  };
  if (tree) read(tree);
  return { problems, ...(tree ? { root: tree } : {}), text, types, pageLabels, linkNames };
}

// ---------------------------------------------------------------------------
// The model's text in reading order.

/** Text compared without whitespace (extractors add spaces between scripts and break lines). */
export function squash(text: string): string {
  return text.normalize('NFKC').replace(/[\s\u00ad\u200b\u2060\ufeff]+/g, '');
}

const withMarks = (inlines: readonly Inline[]) => inlineText(inlines, (m) => String(m.number));

/**
 * The text of the model's headings and paragraphs in reading order, each
 * note (its number and text) right after the block of its first mark.
 */
export function modelReadingOrder(doc: DocumentModel): string[] {
  const out: string[] = [];
  const placed = new Set<string>();
  const notes = new Map(doc.notes.map((n) => [n.id, n]));
  const noteText = (blocks: readonly Block[]): string => blocks.map((b) => (b.kind === 'paragraph' ? withMarks(b.children) : b.kind === 'heading' ? withMarks(b.children) : '')).join('');
  const after = (inlines: readonly Inline[]) => {
    for (const ref of noteRefsIn(inlines)) {
      if (placed.has(ref.noteId)) continue;
      placed.add(ref.noteId);
      const note = notes.get(ref.noteId);
      if (note) out.push(`${note.number}${noteText(note.children)}`);
    }
  };
  walkBlocks(doc.body, (block) => {
    if (block.kind === 'heading') out.push(`${block.label}${withMarks(block.children)}`);
    else if (block.kind === 'paragraph') out.push(withMarks(block.children));
    after(ownInlines(block).flat());
  });
  return out.filter((t) => squash(t).length > 0);
}

/** Where the expected pieces are not found in order in the structure's text (none: all found, in order). */
export function outOfOrder(structureText: string, expected: readonly string[]): string[] {
  const hay = squash(structureText);
  const missing: string[] = [];
  let at = 0;
  for (const piece of expected) {
    const needle = squash(piece);
    const found = hay.indexOf(needle, at);
    if (found < 0) missing.push(piece.slice(0, 60));
    else at = found + needle.length;
  }
  return missing;
}
