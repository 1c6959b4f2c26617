/**
 * The DOCX editions against the rules of Word's accessibility checker that
 * can be checked from the XML (docs/accessibility.md, ## DOCX), one test a
 * rule, on the sample (both languages, in the report and policy-brief house
 * styles) and the contract example, built by the real CLI.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blocksOfKind, type DocumentModel } from '@brief/document-model';
import { policyBriefTemplate } from '@brief/templates';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDocx, models, readDocx, sample, sampleId, type Docx } from '../helpers/docx.js';

const sources = [
  { dir: sample, id: sampleId, args: [] as string[], template: undefined },
  { dir: sample, id: sampleId, args: ['--template', 'policy-brief'], template: policyBriefTemplate },
  { dir: 'tests/fixtures/contract-example', id: 'sample-one', args: [] as string[], template: undefined },
];

const editions: { name: string; docx: Docx; model: DocumentModel }[] = [];

beforeAll(() => {
  for (const s of sources) {
    const out = mkdtempSync(join(tmpdir(), 'docx-a11y-'));
    const byLang = models(s.dir, s.template);
    for (const built of buildDocx(s.dir, out, s.id, s.args)) {
      editions.push({ name: `${s.id}.${built.lang}${s.args.length ? ` (${s.args.join(' ')})` : ''}`, docx: readDocx(built.path), model: byLang.get(built.lang)! });
    }
  }
});

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The text of the runs inside an XML fragment. */
const runText = (xml: string) => decode([...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));

/** Every part of the document that holds text (body, notes, headers, footers). */
const textParts = (docx: Docx) => Object.keys(docx.files).filter((p) => /^word\/[^/]+\.xml$/.test(p));

/** External hyperlinks of every part: their text and their target. */
function hyperlinks(docx: Docx): { part: string; text: string; target: string }[] {
  const out: { part: string; text: string; target: string }[] = [];
  for (const part of textParts(docx)) {
    const rels = docx.xml(part.replace(/^word\//, 'word/_rels/').replace(/$/, '.rels'));
    const targets = new Map([...rels.matchAll(/<Relationship Id="([^"]+)" Type="[^"]*\/hyperlink" Target="([^"]*)"/g)].map((m) => [m[1]!, decode(m[2]!)]));
    for (const m of docx.xml(part).matchAll(/<w:hyperlink ([^>]*r:id="([^"]+)"[^>]*)>([\s\S]*?)<\/w:hyperlink>/g)) {
      // A fragment is written as the hyperlink's w:anchor, beside the relationship's target.
      const anchor = / w:anchor="([^"]*)"/.exec(` ${m[1]}`)?.[1];
      out.push({ part, text: runText(m[3]!), target: (targets.get(m[2]!) ?? '') + (anchor !== undefined ? `#${decode(anchor)}` : '') });
    }
  }
  return out;
}

const tables = (docx: Docx) => [...docx.xml('word/document.xml').matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((m) => m[1]!);
const rows = (table: string) => [...table.matchAll(/<w:tr[ >]([\s\S]*?)<\/w:tr>/g)].map((m) => m[1]!);
const cells = (row: string) => [...row.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((m) => m[1]!);

describe('DOCX accessibility (rules of Word’s accessibility checker)', () => {
  it('builds every edition', () => {
    expect(editions).toHaveLength(6);
  });

  it('document title: set in the core properties', () => {
    for (const { name, docx, model } of editions) {
      expect(decode(/<dc:title>([^<]*)<\/dc:title>/.exec(docx.xml('docProps/core.xml'))?.[1] ?? ''), name).toBe(model.meta.title);
    }
  });

  it('language: set in the core properties and the default run properties', () => {
    for (const { name, docx, model } of editions) {
      const language = /<dc:language>([^<]*)<\/dc:language>/.exec(docx.xml('docProps/core.xml'))?.[1] ?? '';
      expect(language.split('-')[0], name).toBe(model.meta.lang);
      expect(docx.xml('word/styles.xml'), name).toMatch(/<w:docDefaults>[\s\S]*<w:lang w:val="[a-z]{2}-[A-Z]{2}" w:eastAsia="ja-JP"\/>[\s\S]*<\/w:docDefaults>/);
    }
  });

  it('alternative text: every picture has the figure’s alt text as description and title', () => {
    for (const { name, docx, model } of editions) {
      const pictures = [...docx.xml('word/document.xml').matchAll(/<wp:docPr [^>]*\/>/g)].map((m) => m[0]);
      const figures = blocksOfKind(model.body, 'figure').filter((f) => f.body.kind === 'image');
      expect(pictures.length, name).toBe(figures.length);
      pictures.forEach((p, i) => {
        const alt = figures[i]!.alt ?? '';
        expect(alt.length, `${name}: figure ${figures[i]!.id}`).toBeGreaterThan(0);
        expect(decode(/ descr="([^"]*)"/.exec(p)?.[1] ?? '').startsWith(alt), `${name}: ${p}`).toBe(true);
        expect(decode(/ title="([^"]*)"/.exec(p)?.[1] ?? ''), `${name}: ${p}`).toBe(alt);
      });
    }
  });

  it('objects inline: every picture is in line with the text (no floating objects)', () => {
    for (const { name, docx } of editions) {
      const xml = docx.xml('word/document.xml');
      expect(xml, name).not.toContain('<wp:anchor');
      expect((xml.match(/<wp:inline/g) ?? []).length, name).toBe((xml.match(/<wp:docPr /g) ?? []).length);
    }
  });

  it('table header row: the first row of every table is marked as a header row (repeated on each page)', () => {
    for (const { name, docx } of editions) {
      const all = tables(docx);
      expect(all.length, name).toBeGreaterThan(0);
      for (const table of all) {
        const [first, ...rest] = rows(table);
        expect(first, name).toMatch(/<w:trPr>[\s\S]*<w:tblHeader\/>/);
        for (const row of rest) expect(row, name).not.toMatch(/<w:tblHeader\/>|<w:tblHeader w:val="(true|on|1)"/);
      }
    }
  });

  it('row headers: a table with row-header columns marks its first column and sets it as headers', () => {
    const agreement = editions.filter((e) => e.name.startsWith(`${sampleId}.`));
    expect(agreement.length).toBe(4);
    for (const { name, docx } of agreement) {
      const table = tables(docx).find((t) => t.includes('w:firstColumn="true"'));
      expect(table, name).toBeDefined();
      // Set as a heading (its own style, which unlike the header row's is not kept with the next row).
      for (const row of rows(table!).slice(1)) expect(cells(row)[0], name).toContain('<w:pStyle w:val="TableRowHeading"/>');
    }
  });

  it('no blank cells used for layout, and no merged or split cells', () => {
    for (const { name, docx } of editions) {
      for (const table of tables(docx)) {
        expect(table, name).not.toMatch(/<w:vMerge|<w:gridSpan/);
        for (const row of rows(table)) for (const cell of cells(row)) expect(runText(cell).trim().length, `${name}: ${row.slice(0, 200)}`).toBeGreaterThan(0);
      }
    }
  });

  it('headings: every heading of the model is a paragraph in a heading style, none skips a level', () => {
    for (const { name, docx, model } of editions) {
      const xml = docx.xml('word/document.xml');
      const levels = [...xml.matchAll(/<w:pStyle w:val="Heading([1-6])"\/>/g)].map((m) => Number(m[1]));
      expect(levels, name).toEqual(blocksOfKind(model.body, 'heading').map((h) => h.level));
      levels.forEach((level, i) => expect(level - (i === 0 ? 0 : levels[i - 1]!), name).toBeLessThanOrEqual(1));
    }
  });

  it('hyperlink text: meaningful, and a link printed as its address is exactly its URL (no inserted characters)', () => {
    for (const { name, docx } of editions) {
      const links = hyperlinks(docx);
      for (const link of links) {
        expect(link.target, `${name}: ${link.part}`).toMatch(/^(https?|mailto):/);
        expect(link.text.trim().length, `${name}: ${link.target}`).toBeGreaterThan(0);
        expect(link.text.trim(), `${name}: ${link.target}`).not.toMatch(/^(here|click here|link|more|こちら|ここ|リンク)$/i);
        if (/^(https?:\/\/|www\.)/.test(link.text)) expect(link.text, `${name}: ${link.part}`).toBe(link.target);
      }
    }
    const sampleLinks = editions.filter((e) => e.name === `${sampleId}.ja`).flatMap((e) => hyperlinks(e.docx));
    expect(sampleLinks.filter((l) => l.text === l.target).length).toBeGreaterThanOrEqual(15);
  });

  it('text: no zero-width spaces or other invisible break characters in any part', () => {
    for (const { name, docx } of editions) {
      for (const part of textParts(docx)) expect(docx.xml(part), `${name}: ${part}`).not.toMatch(/[\u200b\u00ad]/);
    }
  });

  it('document access: not restricted (no document protection)', () => {
    for (const { name, docx } of editions) expect(docx.xml('word/settings.xml'), name).not.toContain('documentProtection');
  });
});
