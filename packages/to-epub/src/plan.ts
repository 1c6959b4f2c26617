/**
 * The layout of one edition in the package: which chapter goes in which
 * content document, where every link target lives, the id of every note
 * mark, and the image files to carry.
 */
import { blocksOfKind, chapters, forEachInlines, noteRefsIn, type Block, type Chapter, type DocumentModel, type FigureBlock, type Image, type NoteRefInline } from '@brief/document-model';

/** Where things live in the package; computed once per edition. */
export interface Links {
  /** Content document (file name) of each heading and figure id. */
  fileOf: ReadonlyMap<string, string>;
  /** Content document holding each note, by note number. */
  noteFile: ReadonlyMap<number, string>;
  /** Id of each note mark, by mark (document order decides the first). */
  markId: ReadonlyMap<NoteRefInline, string>;
  /** Id of the first mark of each note, by note number (target of the back-link). */
  firstMark: ReadonlyMap<number, { file: string; id: string }>;
  /** Href of each figure's image, by figure id. */
  imageHref: ReadonlyMap<string, string>;
}

/** Ids of a note and of the marks that refer to it. */
export const noteId = (n: number): string => `fn-${n}`;
export const markIdFor = (n: number, occurrence: number): string => (occurrence === 1 ? `fnref-${n}` : `fnref-${n}-${occurrence}`);

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
    for (const b of blocksOfKind(chapter.blocks, 'heading')) fileOf.set(b.id, file);
    for (const figure of blocksOfKind(chapter.blocks, 'figure')) {
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
      for (const mark of noteRefsIn(inlines)) {
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
