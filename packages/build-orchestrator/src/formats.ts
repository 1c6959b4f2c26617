import { readFileSync } from 'node:fs';
import { buildCache, cacheKey, writeDeferred } from '@brief/build-cache';
import type { DocumentModel, PrintPage } from '@brief/document-model';
import type { Template } from '@brief/templates';
import { letGoOfSubsetter, registerFontFamily, withWorkingFaces, workingIdeographs } from '@brief/fonts';

export const formats = ['pdf', 'docx', 'epub'] as const;
export type Format = (typeof formats)[number];

export function isFormat(value: string): value is Format {
  return (formats as readonly string[]).includes(value);
}

/** One artifact to render. */
export interface RenderJob {
  format: Format;
  doc: DocumentModel;
  template: Template;
  /**
   * The input hash of the edition's PDF (`artifactInputHash(doc, template,
   * 'pdf')`): the key its printed pages are kept under in the build cache,
   * so the EPUB job reads the page list the PDF job laid out.
   */
  printKey?: string;
  /**
   * The edition's PDF is rendered in the same build: an EPUB job that lays
   * the edition out itself (its PDF job has not kept the pages yet) leaves
   * the composed paragraphs to that job to keep. Two layouts saving the same
   * entry at once would each make the other's next layout read it again.
   */
  pdfAlongside?: boolean;
  /**
   * The ideographs the working faces keep (`workingSetOf` the build's
   * editions): one set for the check and every job, so each face is cut
   * once per build. The edition's own when absent. What is drawn does not
   * depend on it.
   */
  workingSet?: string;
}

/**
 * Every character rendering an edition can set: its model (with the
 * citations already rendered), its template (labels, strings) and the text
 * of its SVG pictures. The Japanese faces are cut to the ideographs among
 * them while it renders (`withWorkingFaces`).
 */
export function editionText(doc: DocumentModel, template: Template): string {
  return [modelText(doc), JSON.stringify(template)].join('\n');
}

/** The model written out, and the text of its SVG pictures: the part of `editionText` that is the edition's own. */
function modelText(doc: DocumentModel): string {
  const pictures: string[] = [];
  const model = JSON.stringify(doc, (_key, value: unknown) => {
    const image = value as { path?: unknown; mediaType?: unknown } | null;
    if (image && typeof image === 'object' && typeof image.path === 'string' && image.mediaType === 'image/svg+xml') {
      try {
        pictures.push(readFileSync(image.path, 'utf8'));
      } catch {
        // A picture that cannot be read fails where it is drawn.
      }
    }
    return value;
  });
  return [model, ...pictures].join('\n');
}

/**
 * The ideographs of each model's own text (`modelText`), made once per
 * model: nothing changes a model after it is read, and the reader gives an
 * edition read again from the same inputs as the same model (`brief watch`).
 */
const modelIdeographs = new WeakMap<DocumentModel, string>();

function ideographsOf(doc: DocumentModel): string {
  let ideographs = modelIdeographs.get(doc);
  if (ideographs === undefined) {
    ideographs = workingIdeographs(modelText(doc));
    modelIdeographs.set(doc, ideographs);
  }
  return ideographs;
}

/**
 * The ideographs of every character the editions can set (`editionText` of
 * each; a set's ideographs are those of its parts): the working faces a
 * build checks and renders with.
 */
export function workingSetOf(editions: readonly DocumentModel[], template: Template): string {
  return workingIdeographs([...editions.map(ideographsOf), JSON.stringify(template)].join('\n'));
}

/** Render one edition in one format; `onPrintPages` is called when a PDF job has kept its printed pages, before it draws. */
export function renderFormat(job: RenderJob, hooks: { onPrintPages?: () => void } = {}): Promise<Uint8Array> {
  const { format, doc, template } = job;
  // Cache writes an earlier job in this thread put off until its answer was given.
  writeDeferred();
  // Families from font files beside the template (also inside worker threads).
  for (const [family, files] of Object.entries(template.fontFiles ?? {})) registerFontFamily(family, files);
  // The font subsetter is let go when the job ends: its allocator keeps every page a cut touched
  // (some 20–30 MB for a working face), which the thread would otherwise hold through its later jobs.
  return withWorkingFaces(job.workingSet ?? editionText(doc, template), () => renderWith(format, job, hooks.onPrintPages)).finally(letGoOfSubsetter);
}

function renderWith(format: Format, job: RenderJob, onPrintPages: (() => void) | undefined): Promise<Uint8Array> {
  const { doc, template } = job;
  // Writers are loaded when first needed: a build with nothing to render loads none.
  switch (format) {
    case 'pdf':
      return import('@brief/to-pdf').then((m) =>
        m.renderPdf(doc, template, {
          printPages: (pages) => {
            keepPrintPages(job, pages);
            onPrintPages?.();
          },
        }),
      );
    case 'docx':
      return import('@brief/to-docx').then((m) => m.renderDocx(doc, template));
    case 'epub':
      // The e-book's page list and page-break markers are the print edition's
      // pages: laid out by the PDF job (kept in the build cache), or else by
      // the PDF writer here (without drawing).
      return renderEpub(job);
  }
}

async function renderEpub(job: RenderJob): Promise<Uint8Array> {
  const { doc, template } = job;
  const epub = import('@brief/to-epub');
  let printPages = keptPrintPages(job);
  if (!printPages) {
    printPages = (await import('@brief/to-pdf')).printPages(doc, template, { keepAtoms: !job.pdfAlongside });
    keepPrintPages(job, printPages);
  }
  return (await epub).renderEpub(doc, template, { printPages });
}

const printPagesKey = (printKey: string) => cacheKey('print-pages', printKey);

/** Keep an edition's printed pages, unless the cache has them already (the key is the PDF's input hash: the same pages). */
function keepPrintPages(job: RenderJob, pages: readonly PrintPage[]): void {
  const cache = buildCache();
  if (!job.printKey || !cache) return;
  const key = printPagesKey(job.printKey);
  if (!cache.has(key)) cache.put(key, Buffer.from(JSON.stringify(pages)));
}

/** Whether the build cache holds printed pages under this PDF input hash (whatever they read as). */
export function hasPrintPages(printKey: string): boolean {
  return buildCache()?.has(printPagesKey(printKey)) ?? false;
}

/** The printed pages kept for this edition, when the cache has them and they read as pages. */
function keptPrintPages(job: RenderJob): PrintPage[] | undefined {
  const bytes = job.printKey ? buildCache()?.get(printPagesKey(job.printKey)) : undefined;
  if (!bytes) return undefined;
  try {
    const pages = JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
    return Array.isArray(pages) && pages.every(isPrintPage) ? pages : undefined;
  } catch {
    return undefined;
  }
}

function isPrintPage(value: unknown): value is PrintPage {
  const p = value as PrintPage;
  return typeof p === 'object' && p !== null && typeof p.label === 'string' && Number.isInteger(p.block) && Number.isInteger(p.offset);
}

/** Load a format's writer (its code, and for the PDF the drawing libraries it loads when first drawing), so a worker does it while the source is still being read. */
export async function prepareFormat(format: Format): Promise<void> {
  switch (format) {
    case 'pdf':
      (await import('@brief/to-pdf')).loadDrawingCode();
      return;
    case 'docx':
      await import('@brief/to-docx');
      return;
    case 'epub':
      await Promise.all([import('@brief/to-pdf'), import('@brief/to-epub')]);
      return;
  }
}
