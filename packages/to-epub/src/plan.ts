/**
 * The layout of one edition in the package: which chapter goes in which
 * content document, where every link target lives, the id of every note
 * mark, and the image files to carry.
 */
import { chapters, forEachInlines, type Block, type Chapter, type DocumentModel, type FigureBlock, type Image, type NoteRefInline } from '@brief/document-model';
import { markIdFor, marksIn, type Links } from './content.js';

export interface PlannedChapter {
  chapter: Chapter;
  /** Content document name, ASCII: `chapter-01.xhtml`. */
  file: string;
  /** Manifest id. */
  id: string;
}

export interface PlannedImage {
  figure: FigureBlock;
  image: Image;
  /** Path inside the publication directory, e.g. `images/figure-1.svg`. */
  href: string;
  id: string;
}

export interface Plan {
  chapters: PlannedChapter[];
  images: PlannedImage[];
  links: Links;
}

const pad = (n: number): string => String(n).padStart(2, '0');

const extensions: Record<Image['mediaType'], string> = {
  'image/svg+xml': 'svg',
  'image/png': 'png',
  'image/jpeg': 'jpg',
};

/** Figures anywhere in blocks (top level, quotes, list items), in order. */
function figuresIn(blocks: readonly Block[]): FigureBlock[] {
  const out: FigureBlock[] = [];
  for (const b of blocks) {
    if (b.kind === 'figure') out.push(b);
    else if (b.kind === 'blockquote') out.push(...figuresIn(b.children));
    else if (b.kind === 'list') for (const item of b.items) out.push(...figuresIn(item));
  }
  return out;
}

export function planEdition(doc: DocumentModel): Plan {
  const planned = chapters(doc).map((chapter, i) => ({
    chapter,
    file: `chapter-${pad(i + 1)}.xhtml`,
    id: `chapter-${pad(i + 1)}`,
  }));

  const fileOf = new Map<string, string>();
  const noteFile = new Map<number, string>();
  const images: PlannedImage[] = [];
  const imageHref = new Map<string, string>();
  for (const { chapter, file } of planned) {
    if (chapter.heading) fileOf.set(chapter.heading.id, file);
    for (const b of chapter.blocks) if (b.kind === 'heading') fileOf.set(b.id, file);
    for (const figure of figuresIn(chapter.blocks)) {
      fileOf.set(figure.id, file);
      if (figure.body.kind === 'image') {
        const image = figure.body.image;
        const href = `images/figure-${figure.number}.${extensions[image.mediaType]}`;
        images.push({ figure, image, href, id: `figure-${figure.number}` });
        imageHref.set(figure.id, href);
      }
    }
    for (const note of chapter.notes) noteFile.set(note.number, file);
  }

  // Mark ids in reading order: each chapter's text, then its notes.
  const markId = new Map<NoteRefInline, string>();
  const firstMark = new Map<number, { file: string; id: string }>();
  const seen = new Map<number, number>();
  for (const { chapter, file } of planned) {
    const blocks: Block[] = [...(chapter.heading ? [chapter.heading] : []), ...chapter.blocks, ...chapter.notes.flatMap((n) => n.children)];
    forEachInlines(blocks, (inlines) => {
      for (const mark of marksIn(inlines)) {
        const occurrence = (seen.get(mark.number) ?? 0) + 1;
        seen.set(mark.number, occurrence);
        const id = markIdFor(mark.number, occurrence);
        markId.set(mark, id);
        if (occurrence === 1) firstMark.set(mark.number, { file, id });
      }
    });
  }

  return { chapters: planned, images, links: { fileOf, noteFile, markId, firstMark, imageHref } };
}
