/**
 * The sample built in the second built-in house style (`--template
 * policy-brief`), DOCX and EPUB in both languages, read back with npm-only
 * tools: every visible value comes from the template — US Letter, notes
 * gathered at the end of each chapter (numbered 1–62 as the model), no
 * contents list, headings in the accent colour with the template's fonts,
 * Roman-numeral chapters and "Exhibit" labels from the model.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { EpubCheck } from '@likecoin/epubcheck-ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { chapters, headings, type DocumentModel } from '@brief/document-model';
import { languageStyle, policyBriefTemplate as template, reportTemplate } from '@brief/templates';
import { bookmarkNames } from '@brief/to-docx';
import { cli, models, readDocx, sample, sampleId, type Docx } from '../helpers/docx.js';
import { marksOf, notesOf, readEpub, text, type Epub } from '../helpers/epub.js';

const docx = new Map<string, Docx>();
const epub = new Map<string, Epub>();
let expected = new Map<string, DocumentModel>();

/** Twips of a length in mm, as the writer rounds them. */
const twips = (mm: number) => Math.round((mm * 1440) / 25.4);
const hex = (color: string) => color.replace('#', '').toUpperCase();

beforeAll(() => {
  const out = mkdtempSync(join(tmpdir(), 'house-styles-e2e-'));
  const r = spawnSync(process.execPath, [cli, 'build', sample, '--out', out, '--format', 'docx,epub', '--template', 'policy-brief'], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`brief build failed (${r.status}):\n${r.stderr}`);
  const dir = join(out, sampleId);
  if (!existsSync(dir)) throw new Error(`no output in ${dir}`);
  for (const f of readdirSync(dir)) {
    const lang = f.split('.').slice(-2)[0]!;
    if (f.endsWith('.docx')) docx.set(lang, readDocx(join(dir, f)));
    if (f.endsWith('.epub')) epub.set(lang, readEpub(join(dir, f)));
  }
  expected = models(sample, template);
});

/** Plain text of WordprocessingML: the text of its runs, paragraphs on lines of their own. */
function wordText(xml: string): string {
  return xml.replace(/<w:p[ >][\s\S]*?<\/w:p>/g, (p) => `${[...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')}\n`).replace(/<[^>]+>/g, '');
}

/** The definition of a paragraph or character style in styles.xml. */
function styleDefinition(styles: string, id: string): string {
  return new RegExp(`<w:style w:type="(?:paragraph|character)"[^>]*w:styleId="${id}"[\\s\\S]*?</w:style>`).exec(styles)?.[0] ?? '';
}

describe('DOCX in the policy-brief style', () => {
  it('builds both languages', () => {
    expect([...docx.keys()].sort()).toEqual([...expected.keys()].sort());
    expect([...docx.keys()]).toEqual(expect.arrayContaining(['ja', 'en']));
  });

  it('has only well-formed XML parts', () => {
    for (const [lang, doc] of docx) {
      for (const name of Object.keys(doc.files).filter((n) => /\.(xml|rels)$/.test(n))) {
        expect(XMLValidator.validate(doc.xml(name)), `${lang} ${name}`).toBe(true);
      }
    }
  });

  it('is set on US Letter with the template margins', () => {
    const { page } = template;
    for (const [lang, doc] of docx) {
      const body = doc.xml('word/document.xml');
      expect(body, lang).toContain(`<w:pgSz w:w="12240" w:h="15840" w:orient="portrait"/>`);
      const margin = /<w:pgMar ([^>]*)\/>/.exec(body)![1]!;
      const value = (k: string) => Number(new RegExp(`w:${k}="(\\d+)"`).exec(margin)![1]);
      expect(value('top')).toBe(twips(page.margin.top));
      expect(value('bottom')).toBe(twips(page.margin.bottom));
      const ls = languageStyle(template, lang);
      const textWidth = twips(page.widthMm) - value('left') - value('right');
      if (ls.typography.gridMeasure) {
        // A whole number of body characters, the rest shared by the margins.
        expect(textWidth % Math.round(template.sizes.body * 20), lang).toBe(0);
        expect(value('left') - twips(page.margin.inner)).toBeLessThan(Math.round(template.sizes.body * 20));
      } else {
        expect(value('left')).toBe(twips(page.margin.inner));
        expect(value('right')).toBe(twips(page.margin.outer));
      }
    }
  });

  it('gathers the 62 notes at the end of their chapters, numbered as the model', () => {
    for (const [lang, doc] of docx) {
      const model = expected.get(lang)!;
      expect(model.notes).toHaveLength(62);
      const body = doc.xml('word/document.xml');
      expect(body).not.toContain('<w:footnoteReference');
      // Each note opens with its number, bookmarked, linking back to its first mark.
      const notes = [...body.matchAll(/<w:bookmarkStart w:name="_Note(\d+)" w:id="\d+"\/><w:hyperlink [^>]*w:anchor="_NoteRef(\d+)"[^>]*><w:r><w:t xml:space="preserve">(\d+)<\/w:t>/g)];
      expect(
        notes.map((m) => Number(m[1])),
        lang,
      ).toEqual(model.notes.map((n) => n.number));
      for (const m of notes) expect([m[2], m[3]]).toEqual([m[1], m[1]]);
      // Every mark prints its note's number and links to it; the first marks come in note order.
      const marks = [...body.matchAll(/<w:hyperlink [^>]*w:anchor="_Note(\d+)"[^>]*><w:r><w:rPr><w:rStyle w:val="NoteReference"\/><\/w:rPr><w:t xml:space="preserve">(\d+)<\/w:t>/g)];
      for (const m of marks) expect(m[2]).toBe(m[1]);
      expect([...new Set(marks.map((m) => Number(m[1])))]).toEqual(Array.from({ length: 62 }, (_, i) => i + 1));
      const backTargets = [...body.matchAll(/<w:bookmarkStart w:name="_NoteRef(\d+)"/g)].map((m) => Number(m[1]));
      expect(backTargets).toEqual(Array.from({ length: 62 }, (_, i) => i + 1));
      // Each note lies after its chapter's text and before the next chapter.
      const ls = languageStyle(template, lang);
      const parts = chapters(model);
      const names = bookmarkNames(model);
      const headingAt = parts.map((c) => (c.heading ? body.indexOf(`w:name="${names.get(c.heading.id)}"`) : 0));
      expect(headingAt.every((at) => at >= 0)).toBe(true);
      parts.forEach((chapter, k) => {
        const end = headingAt[k + 1] ?? body.length;
        for (const note of chapter.notes) {
          const at = body.indexOf(`w:name="_Note${note.number}"`);
          expect(at, `${lang} note ${note.number}`).toBeGreaterThan(headingAt[k]!);
          expect(at, `${lang} note ${note.number}`).toBeLessThan(end);
        }
      });
      // One notes heading per chapter with notes, in the template's words.
      const headingsOfNotes = [...body.matchAll(/<w:pStyle w:val="NotesHeading"\/>[\s\S]*?<\/w:p>/g)].map((m) => wordText(m[0]).trim());
      expect(headingsOfNotes).toEqual(parts.filter((c) => c.notes.length > 0).map(() => ls.strings.notes));
    }
  });

  it('has no contents field (titleBlock.showContents: false)', () => {
    for (const [lang, doc] of docx) {
      const body = doc.xml('word/document.xml');
      expect(body, lang).not.toMatch(/TOC \\/);
      expect(body, lang).not.toContain('<w:pStyle w:val="TOCHeading"/>');
      expect(body, lang).not.toContain('<w:pStyle w:val="TOC1"/>');
    }
  });

  it('takes heading colour, sizes and fonts from the template', () => {
    for (const [lang, doc] of docx) {
      const styles = doc.xml('word/styles.xml');
      const ls = languageStyle(template, lang);
      const sizes = [template.sizes.chapter, template.sizes.section, template.sizes.subsection];
      for (const level of [1, 2, 3]) {
        const style = styleDefinition(styles, `Heading${level}`);
        expect(style, `${lang} heading ${level}`).toContain(`<w:color w:val="${hex(template.colors.heading)}"/>`);
        expect(style).toContain(`<w:sz w:val="${Math.round(sizes[level - 1]! * 2)}"/>`);
        expect(style).toContain(`w:ascii="${ls.fonts.heading.latin}"`);
        expect(style).toContain(`w:eastAsia="${ls.fonts.heading.cjk}"`);
      }
      const normal = styleDefinition(styles, 'Normal');
      expect(normal).toContain(`w:ascii="${ls.fonts.body.latin}"`);
      expect(normal).toContain(`w:eastAsia="${ls.fonts.body.cjk}"`);
      expect(normal).toContain(`<w:sz w:val="${Math.round(template.sizes.body * 2)}"/>`);
      expect(normal).toContain(`w:after="${Math.round(ls.typography.paragraphSpacing * 20)}"`);
      expect(normal).toContain(`w:firstLine="${Math.round(ls.typography.firstLineIndentEm * template.sizes.body * 20)}"`);
      expect(styleDefinition(styles, 'Title')).toContain(`<w:color w:val="${hex(template.colors.heading)}"/>`);
      expect(styleDefinition(styles, 'TitlePageHeader')).toContain(`w:color="${hex(template.colors.accent)}"`);
      expect(styles).toContain(`w:fill="${hex(template.colors.tableHeaderFill)}"`);
      // The report style differs where the house styles differ.
      expect(hex(reportTemplate.colors.heading)).not.toBe(hex(template.colors.heading));
    }
  });

  it('prints the model heading numbers and figure labels', () => {
    for (const [lang, doc] of docx) {
      const model = expected.get(lang)!;
      const ls = languageStyle(template, lang);
      const printed = wordText(doc.xml('word/document.xml'));
      for (const h of headings(model)) {
        expect(h.number, `${lang} ${h.id}`).not.toBe('');
        expect(printed, `${lang} ${h.id}`).toContain(h.number + (ls.numbering.separator?.[h.level - 1] ?? ''));
      }
      if (lang === 'en')
        expect(
          headings(model)
            .filter((h) => h.level === 1)
            .map((h) => h.number),
        ).toContain('IV.');
      const figures = model.body.filter((b) => b.kind === 'figure');
      expect(figures.length).toBe(3);
      // Figures and tables each on a counter of their own: 図1, 表1 / Exhibit 1, Table 1.
      const counted = { figure: 0, table: 0 };
      for (const f of figures) {
        const table = f.body.kind === 'table';
        const n = ++counted[table ? 'table' : 'figure'];
        expect(f.number).toBe(n);
        expect(f.label).toBe((table ? ls.strings.tableLabel : ls.strings.figureLabel).replace('{n}', String(n)));
        expect(printed).toContain(f.label);
      }
      expect(figures.map((f) => f.label)).toContain(lang === 'ja' ? '表1' : 'Table 1');
    }
  });
});

describe('EPUB in the policy-brief style', () => {
  it('builds both languages', () => {
    expect([...epub.keys()].sort()).toEqual([...expected.keys()].sort());
  });

  it('has well-formed XML, 62 notes numbered 1–62 in reading order, and marks linked both ways', () => {
    for (const [lang, book] of epub) {
      for (const [path, data] of Object.entries(book.files)) {
        if (/\.(xhtml|opf|ncx|xml|svg)$/.test(path)) expect(XMLValidator.validate(text(data)), `${lang}: ${path}`).toBe(true);
      }
      const notes = notesOf(book);
      expect(
        notes.map((n) => n.number),
        lang,
      ).toEqual(Array.from({ length: 62 }, (_, i) => i + 1));
      const byNumber = new Map(notes.map((n) => [n.number, n]));
      for (const mark of marksOf(book)) {
        const note = byNumber.get(mark.number)!;
        const [file, id] = mark.href.split('#');
        expect(file || mark.file).toBe(note.file);
        expect(id).toBe(note.id);
      }
    }
  });

  it('opens the notes of each chapter with a heading, in the template words', () => {
    for (const [lang, book] of epub) {
      const ls = languageStyle(template, lang);
      const withNotes = book.spine.filter((d) => d.xhtml.includes('epub:type="footnotes"'));
      expect(withNotes.length).toBe(chapters(expected.get(lang)!).filter((c) => c.notes.length > 0).length);
      for (const d of withNotes) {
        expect(d.xhtml, `${lang} ${d.href}`).toMatch(new RegExp(`<h2 id="[^"]+" class="notes-heading">${ls.strings.notes}</h2>`));
      }
    }
  });

  it('has a style sheet with the policy-brief colours and fonts', () => {
    for (const [lang, book] of epub) {
      const ls = languageStyle(template, lang);
      const css = text(book.files[`${book.root}styles/book.css`]!);
      expect(css).toMatch(new RegExp(`h1, h2, h3, h4 \\{ font-family: "${ls.fonts.heading.family}"[^}]*color: ${template.colors.heading};`));
      expect(css).toMatch(new RegExp(`body \\{ font-family: "${ls.fonts.body.family}"`));
      expect(css).toContain(`background-color: ${template.colors.tableHeaderFill};`);
      expect(css).toContain(`line-height: ${ls.typography.lineHeight};`);
      expect(css).toContain('h2.notes-heading');
      expect(css).not.toContain('section.footnotes::before');
    }
  });

  it('leaves the contents page out of the reading order', () => {
    for (const [, book] of epub) expect(book.opf).toContain('<itemref idref="nav" linear="no"/>');
  });

  it('passes the TypeScript port of EPUBCheck', async () => {
    for (const [lang, book] of epub) {
      const result = await EpubCheck.validate(book.bytes);
      const problems = result.messages.filter((m) => ['fatal', 'error', 'warning'].includes(m.severity));
      expect(
        problems.map((m) => `${m.id} ${m.location?.path ?? ''}: ${m.message}`),
        lang,
      ).toEqual([]);
    }
  });
});
