/**
 * Golden test of the citation renderer: the Japanese notes of the sample
 * report, whose citations are now `[@key]` in ja.md and items in
 * references.yaml, print as the printed report printed them.
 *
 * Compared after NFKC normalisation, with white space and the angle brackets
 * around URLs removed (the extraction wrote URLs as <…>, <<…>>, 〈…〉 or 〈<…>〉;
 * the house style prints 〈…〉). The printed note texts are in
 * tests/fixtures/seed-notes.ja.txt (derived once from tests/fixtures/seed.txt).
 * Every difference is listed below with its reason (and in the source's
 * NOTES.md); any other difference fails.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { blockText, type DocumentModel, type Inline, type Note } from '@brief/document-model';
import { isCitationOnly, readSource } from '@brief/source-reader';

const sourceDir = 'sources/trump-second-term-year-one';

/**
 * Notes whose rendering differs from the print on purpose (see NOTES.md,
 * "Citations"): the reason, and what is rendered instead (compared the same way).
 */
const expectedDifferences: ReadonlyMap<number, { why: string; rendered: string }> = new Map([
  [
    28,
    {
      why: 'Reuters is a newspaper-type item everywhere: 『ロイター通信』 as in notes 39 and 58 (printed here without 『』)',
      rendered: '『ロイター通信』(2026.2.5)〈https://jp.reuters.com/world/ukraine/LSJXN3RDQ5IOPMQN7FSJDT60WY-2026-02-05/〉',
    },
  ],
  [
    36,
    {
      why: 'the same MOFA site as notes 25 and 27: 外務省ウェブサイト (printed here 外務省ホームページ)',
      rendered: '外務省ウェブサイト〈https://www.mofa.go.jp/mofaj/na/na1/us/pageit_000001_02519.html〉',
    },
  ],
  [
    43,
    {
      why: 'a report prints its publisher and year like a book: (経済産業省、2020年) added',
      rendered:
        '『2020年版不正貿易報告書（PDF版）』(経済産業省、2020年)〈https://www.meti.go.jp/shingikai/sankoshin/tsusho_boeki/fukosei_boeki/report_2020/pdf/2020_02_16.pdf〉' +
        'なお、GATT第24条第5項（b）により、EPA/FTAの締結国外からの輸入品に課される関税その他の通商規則は、EPA/FTA締結前にそれらの構成地域に存在していたものより高度又は制限的であってはならない。',
    },
  ],
]);

function printedNotes(): Map<number, string> {
  const out = new Map<number, string>();
  for (const line of readFileSync('tests/fixtures/seed-notes.ja.txt', 'utf8').split('\n')) {
    const m = /^(\d+)\t(.*)$/.exec(line);
    if (m) out.set(Number(m[1]), m[2]!);
  }
  return out;
}

/** NFKC, no white space, no angle brackets around URLs. */
function comparable(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u200b\u2060\ufeff]+/g, '')
    .replace(/[<〈]+(?=https?:)/g, '')
    .replace(/(https?:\/\/[^<>〈〉]+?)[>〉]+/g, '$1');
}

function japaneseEdition(dir: string): DocumentModel {
  const result = readSource(dir, { languages: ['ja'] });
  const doc = result.editions[0];
  if (!doc) throw new Error(`no ja edition: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return doc;
}

interface Difference {
  number: number;
  ours: string;
  printed: string;
}

function differences(doc: DocumentModel): Difference[] {
  const printed = printedNotes();
  const out: Difference[] = [];
  for (const note of doc.notes) {
    const ours = comparable(blockText(note.children));
    const theirs = comparable(printed.get(note.number) ?? '');
    if (ours !== theirs) out.push({ number: note.number, ours, printed: theirs });
  }
  return out;
}

function links(inlines: readonly Inline[]): string[] {
  const out: string[] = [];
  for (const node of inlines) {
    if (node.kind === 'link') out.push(node.url);
    else if (node.kind === 'citation') out.push(...links(node.rendered));
    else if ('children' in node) out.push(...links(node.children));
  }
  return out;
}

function noteLinks(note: Note): string[] {
  return note.children.flatMap((b) => (b.kind === 'paragraph' ? links(b.children) : []));
}

describe('citations golden (ja notes against the print)', () => {
  const doc = japaneseEdition(sourceDir);
  const temp: string[] = [];
  afterAll(() => {
    for (const dir of temp) rmSync(dir, { recursive: true, force: true });
  });

  it('renders at least 58 of the 62 notes as printed, differing only where listed', () => {
    expect(doc.notes).toHaveLength(62);
    expect(printedNotes().size).toBe(62);
    const diffs = differences(doc);
    const equal = 62 - diffs.length;
    expect(equal).toBeGreaterThanOrEqual(58);
    expect(diffs.map((d) => d.number)).toEqual([...expectedDifferences.keys()]);
    for (const d of diffs) expect(d.ours, `note ${d.number}`).toBe(comparable(expectedDifferences.get(d.number)!.rendered));
  });

  it('prints ibid (同上) where the print has it, computed from the note order', () => {
    const ibid = doc.notes.filter((n) => blockText(n.children) === '同上').map((n) => n.number);
    expect(ibid).toEqual([14, 21, 41]);
    const source = readFileSync(join(sourceDir, 'ja.md'), 'utf8');
    expect(source).not.toMatch(/^\[\^\d+\]: 同上/m);
  });

  it('makes every URL of a citation a link', () => {
    // The 15 URLs of the print (note 21, 同上, repeats note 20's).
    const urls = doc.notes.flatMap(noteLinks);
    expect(urls).toHaveLength(15);
    expect(new Set(urls).size).toBe(15);
    for (const url of urls) expect(url).toMatch(/^https:\/\/\S+$/);
  });

  it('fails when a note is changed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'citations-golden-'));
    temp.push(dir);
    cpSync(sourceDir, dir, { recursive: true });
    const path = join(dir, 'ja.md');
    // Cite another day's paper in note 5, and the book at another page in note 10.
    const body = readFileSync(path, 'utf8')
      .replace('[^5]: [@nikkei-2025-05-29]', '[^5]: [@nikkei-2025-09-18]')
      .replace('[@nakabayashi-2017, p. 89]', '[@nakabayashi-2017, p. 98]')
      .replace('[^36]: [@mofa-japan-us-summit-2025-10]', '[^36]: [@mofa-coalition-2026-02]');
    writeFileSync(path, body);
    const diffs = differences(japaneseEdition(dir));
    expect(diffs.map((d) => d.number)).toEqual(expect.arrayContaining([5, 10]));
    // Note 36 differs from the print anyway; it must now differ from its expected rendering too.
    const note36 = diffs.find((d) => d.number === 36)!;
    expect(note36.ours).not.toBe(comparable(expectedDifferences.get(36)!.rendered));
  });
});

/** The English edition, once the source has one (it prints the same works in the en style). */
const english = existsSync(join(sourceDir, 'en.md')) ? readSource(sourceDir, { languages: ['en'] }).editions[0] : undefined;

describe.skipIf(!english)('citations in the English edition', () => {
  const notes = new Map((english?.notes ?? []).map((n) => [n.number, blockText(n.children)]));
  it('prints Ibid. where the ja edition prints 同上', () => {
    expect([14, 21, 41].map((n) => notes.get(n))).toEqual(['Ibid.', 'Ibid.', 'Ibid.']);
  });
  it('prints the Chicago-like forms (an abbreviation joined to its number by a no-break space)', () => {
    expect(notes.get(5)).toBe('Nihon Keizai Shimbun, May 29, 2025.');
    expect(notes.get(10)).toBe('Nakabayashi Mieko, Toranpu daitōryō to Amerika gikai [President Trump and the U.S. Congress] (Tokyo: Nippon Hyōronsha, 2017), 89.');
    expect(notes.get(15)).toBe('Minutes of the Committee on Foreign Affairs and Defense, House of Councillors, 219th Diet session, No.\u00a02, November 20, 2025, p.\u00a06.');
    expect(notes.get(53)).toBe('Minutes of the Committee on Budget, House of Councillors, 218th Diet session (intersession), No.\u00a01, September 12, 2025, p.\u00a06.');
  });
  it('ends every note that is only a citation with a full stop', () => {
    for (const note of english!.notes.filter(isCitationOnly)) expect(blockText(note.children), `note ${note.number}`).toMatch(/\.$/);
  });
});
