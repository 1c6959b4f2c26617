/**
 * Tagged PDF (PDF/UA-1) read back by qpdf (`qpdf --check`, `qpdf --json`):
 * the sample and the contract example, both editions, both house styles.
 * What qpdf shows of the objects is checked here — fonts embedded with a
 * ToUnicode map, the catalog (MarkInfo, Lang, DisplayDocTitle, page
 * labels, PDF/UA identifier in XMP), every page's tab order and
 * StructParents, every link annotation in a Link element through the
 * parent tree, the tree's parent links and the IDTree. The conditions that
 * need no outside tool are in tests/e2e/pdf-tagged.test.ts
 * (docs/accessibility.md lists both).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSource } from '@brief/source-reader';
import { reportTemplate } from '@brief/templates';
import { buildFormat } from '../helpers/build.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Dict = { [key: string]: Json };

interface Qpdf {
  label: string;
  path: string;
  firstPage: number;
  lang: string;
  objects: Map<string, Json>;
  trailer: Dict;
}

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });

const editions: Qpdf[] = [];

beforeAll(() => {
  for (const { source, id } of [
    { source: 'sources/trump-second-term-year-one', id: 'trump-second-term-year-one' },
    { source: 'tests/fixtures/contract-example', id: 'sample-one' },
  ]) {
    const read = readSource(source, { template: reportTemplate });
    for (const style of ['report', 'policy-brief']) {
      const out = mkdtempSync(join(tmpdir(), `pdf-tagged-interop-${style}-`));
      for (const { lang, path } of buildFormat(source, out, id, 'pdf', ['--template', style])) {
        const json = JSON.parse(run('qpdf', ['--json', '--json-key=qpdf', path])) as { qpdf: [unknown, Record<string, { value?: Json; stream?: { dict: Dict } }>] };
        const objects = new Map<string, Json>();
        let trailer: Dict = {};
        for (const [key, entry] of Object.entries(json.qpdf[1])) {
          if (key === 'trailer') trailer = entry.value as Dict;
          else objects.set(key.replace(/^obj:/, ''), entry.value ?? (entry.stream ? entry.stream.dict : null));
        }
        const doc = read.editions.find((d) => d.meta.lang === lang)!;
        editions.push({ label: `${id} ${lang} (${style})`, path, lang, firstPage: doc.meta.series?.firstPage ?? 1, objects, trailer });
      }
    }
  }
});

/** Follow a reference (`"12 0 R"`) to its value. */
function get(q: Qpdf, value: Json | undefined): Json {
  if (typeof value === 'string' && /^\d+ \d+ R$/.test(value)) return q.objects.get(value) ?? null;
  return value ?? null;
}

function dict(q: Qpdf, value: Json | undefined): Dict {
  const v = get(q, value);
  return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
}

const catalog = (q: Qpdf) => dict(q, q.trailer['/Root']);

function pages(q: Qpdf): string[] {
  const out: string[] = [];
  const walk = (ref: Json) => {
    const node = dict(q, ref);
    if (node['/Type'] === '/Pages') for (const kid of node['/Kids'] as Json[]) walk(kid);
    else out.push(ref as string);
  };
  walk(catalog(q)['/Pages']!);
  return out;
}

describe('tagged PDF read back by qpdf', () => {
  it('builds eight editions that qpdf finds free of errors', () => {
    expect(editions).toHaveLength(8);
    for (const q of editions) expect(run('qpdf', ['--check', q.path]), q.label).toContain('No syntax or stream encoding errors');
  });

  it('embeds every font with a ToUnicode map', () => {
    for (const q of editions) {
      const fonts = [...q.objects.values()].filter((v): v is Dict => !!v && typeof v === 'object' && !Array.isArray(v) && v['/Type'] === '/Font' && !String(v['/Subtype']).startsWith('/CIDFontType'));
      expect(fonts.length, q.label).toBeGreaterThan(0);
      for (const font of fonts) {
        expect(font['/ToUnicode'], `${q.label}: ${String(font['/BaseFont'])}`).toBeDefined();
        const descendant = font['/DescendantFonts'] ? dict(q, (get(q, font['/DescendantFonts']) as Json[])[0]) : font;
        const descriptor = dict(q, descendant['/FontDescriptor']);
        expect(descriptor['/FontFile2'] ?? descriptor['/FontFile3'] ?? descriptor['/FontFile'], `${q.label}: ${String(font['/BaseFont'])} embedded`).toBeDefined();
      }
    }
  });

  it('marks the catalog: MarkInfo, Lang, DisplayDocTitle, page labels, PDF/UA identifier', () => {
    for (const q of editions) {
      const root = catalog(q);
      expect(dict(q, root['/MarkInfo'])['/Marked'], q.label).toBe(true);
      expect(root['/Lang'], q.label).toBe(`u:${q.lang}`);
      expect(dict(q, root['/ViewerPreferences'])['/DisplayDocTitle'], q.label).toBe(true);
      expect(root['/PageLabels'], q.label).toEqual({ '/Nums': [0, { '/S': '/D', '/St': q.firstPage }] });
      const metadata = (root['/Metadata'] as string).split(' ')[0]!;
      const xmp = run('qpdf', [`--show-object=${metadata}`, '--filtered-stream-data', q.path]);
      expect(xmp, q.label).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
      expect(xmp, q.label).toMatch(/<dc:title>/);
    }
  });

  it('sets the tab order and StructParents on every page', () => {
    for (const q of editions) {
      for (const ref of pages(q)) {
        const page = dict(q, ref);
        expect(page['/Tabs'], `${q.label} ${ref}`).toBe('/S');
        expect(typeof page['/StructParents'], `${q.label} ${ref}`).toBe('number');
      }
    }
  });

  it('puts every link annotation in a Link element (OBJR, parent tree) with Contents', () => {
    for (const q of editions) {
      const root = dict(q, catalog(q)['/StructTreeRoot']);
      const parentTree = new Map<number, Json>();
      const collect = (node: Dict) => {
        const nums = (node['/Nums'] as Json[] | undefined) ?? [];
        for (let i = 0; i < nums.length; i += 2) parentTree.set(nums[i] as number, nums[i + 1]!);
        for (const kid of (node['/Kids'] as Json[] | undefined) ?? []) collect(dict(q, kid));
      };
      collect(dict(q, root['/ParentTree']));
      let links = 0;
      for (const ref of pages(q)) {
        for (const annot of (get(q, dict(q, ref)['/Annots']) as Json[] | null) ?? []) {
          const a = dict(q, annot);
          if (a['/Subtype'] !== '/Link') continue;
          links++;
          expect(typeof a['/Contents'] === 'string' && (a['/Contents'] as string).length > 2, `${q.label} ${String(annot)} Contents`).toBe(true);
          const key = a['/StructParent'] as number;
          const owner = dict(q, parentTree.get(key));
          expect(owner['/S'], `${q.label} ${String(annot)}`).toBe('/Link');
          const kids = ([owner['/K']].flat() as Json[]).map((k) => dict(q, k));
          expect(
            kids.some((k) => k['/Type'] === '/OBJR' && k['/Obj'] === annot),
            `${q.label} ${String(annot)} OBJR`,
          ).toBe(true);
        }
      }
      expect(links, q.label).toBeGreaterThan(0);
    }
  });

  it('links every structure element to its parent, and Note IDs through the IDTree', () => {
    for (const q of editions) {
      const rootRef = catalog(q)['/StructTreeRoot'] as string;
      const ids = new Set<string>();
      const visit = (ref: string, parent: string) => {
        const e = dict(q, ref);
        expect(e['/P'], `${q.label} ${ref}`).toBe(parent);
        if (e['/S'] === '/Note') ids.add(e['/ID'] as string);
        for (const kid of [e['/K'] ?? []].flat() as Json[]) {
          if (typeof kid === 'string' && /R$/.test(kid) && dict(q, kid)['/S']) visit(kid, ref);
        }
      };
      for (const kid of [dict(q, rootRef)['/K']].flat() as string[]) visit(kid, rootRef);
      const names = ((dict(q, dict(q, rootRef)['/IDTree'])['/Names'] as Json[] | undefined) ?? []).filter((_, i) => i % 2 === 0);
      expect(new Set(names), q.label).toEqual(ids);
    }
  });
});
