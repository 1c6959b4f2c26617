/**
 * The structure tree of the tagged PDF (PDF/UA), built in logical order
 * while the boxes are built from the model: the writer opens an element per
 * block (Sect, H1–H3, P, L/LI/Lbl/LBody, BlockQuote, Div/Caption/Figure,
 * Table/THead/TBody/TR/TH/TD, TOC/TOCI, Code, Note) and tags what each box
 * draws with that element's key; running heads, folios and rules are
 * artifacts. The pdfmake adapter marks the drawn content and writes the
 * tree (`docs/accessibility.md`).
 */
import { noteRefsIn, type Inline } from '@brief/document-model';
import type { ContentNode, StructNode, Tag } from './pdfmake-adapter.js';

export type StructAttributes = Pick<StructNode, 'alt' | 'lang' | 'id' | 'scope' | 'rowSpan' | 'bbox' | 'summary'>;

export class StructTree {
  readonly root: StructNode = { type: 'Document', children: [] };
  private readonly stack: StructNode[] = [this.root];
  private count = 0;
  /** Note elements by note id (placed after the block of their first mark). */
  private readonly notes = new Map<string, StructNode>();

  private get top(): StructNode {
    return this.stack[this.stack.length - 1]!;
  }

  private make(type: string, attributes: StructAttributes): StructNode {
    const node: StructNode = { type, key: `s${++this.count}`, ...attributes, children: [] };
    this.top.children.push(node);
    return node;
  }

  /** Add an element whose children follow until `close`; its key. */
  open(type: string, attributes: StructAttributes = {}): string {
    const node = this.make(type, attributes);
    this.stack.push(node);
    return node.key!;
  }

  close(): void {
    if (this.stack.length > 1) this.stack.pop();
  }

  /** Add an element without children; its key. */
  leaf(type: string, attributes: StructAttributes = {}): string {
    return this.make(type, attributes).key!;
  }

  /** Note elements, after the current element's last child, for notes first marked in `inlines`. */
  placeNotes(inlines: readonly Inline[], id: (noteId: string) => string): void {
    for (const ref of noteRefsIn(inlines)) {
      if (this.notes.has(ref.noteId)) continue;
      this.notes.set(ref.noteId, this.make('Note', { id: id(ref.noteId) }));
    }
  }

  /** Build the element of a note (placed already, or at the document's end) with `fn` adding its children. */
  withinNote<T>(noteId: string, id: string, fn: (key: string) => T): T {
    let node = this.notes.get(noteId);
    if (!node) {
      node = { type: 'Note', key: `s${++this.count}`, id, children: [] };
      this.root.children.push(node);
      this.notes.set(noteId, node);
    }
    const saved = this.stack.splice(0);
    this.stack.push(node);
    try {
      return fn(node.key!);
    } finally {
      this.stack.splice(0, this.stack.length, ...saved);
    }
  }
}

/** Tag every node (and each run of a text node) not tagged yet. */
export function tagNodes<T extends ContentNode>(nodes: T[], tag: Tag): T[] {
  for (const node of nodes) {
    if ('text' in node) {
      for (const inline of node.text) inline._tag ??= tag;
    } else if ('canvas' in node) {
      for (const shape of node.canvas) shape._tag ??= tag;
    } else node._tag ??= tag;
  }
  return nodes;
}

/** Mark nodes as an artifact, whatever they were tagged as (`uncopied`: its text is kept out of copied text too). */
export function artifactNodes<T extends ContentNode>(nodes: T[], type: 'Pagination' | 'Layout', uncopied = false): T[] {
  const tag: Tag = uncopied ? { artifact: type, uncopied } : { artifact: type };
  for (const node of nodes) {
    if ('text' in node) {
      // An artifact is no destination and holds no link or note mark: a
      // table header repeated on a later page keeps them only where it
      // first stands (its copy would repeat the anchor's id).
      delete node.id;
      for (const inline of node.text) {
        inline._tag = tag;
        delete inline.link;
        delete inline.linkToDestination;
        delete inline._mark;
      }
    } else if ('canvas' in node) {
      for (const shape of node.canvas) shape._tag = tag;
    } else node._tag = tag;
  }
  return nodes;
}

/** A draw function whose nodes carry `key`. */
export function keyed<A extends unknown[]>(key: string, draw: (...args: A) => ContentNode[]): (...args: A) => ContentNode[] {
  return (...args) => tagNodes(draw(...args), { key });
}
