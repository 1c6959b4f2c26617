import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadReferences } from './load.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function load(yaml: string) {
  const dir = mkdtempSync(join(tmpdir(), 'brief-refs-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'references.yaml'), yaml);
  return loadReferences(dir, dir);
}

describe('names written as plain strings', () => {
  it('are read as people write them: Given Family, Family, Given, with a particle, or as written', () => {
    const { library, diagnostics } = load(`references:
  - id: a
    type: article-journal
    title: T
    author: Jane Doe
    editor: [Doe, Jane, Ludwig van Beethoven]
    translator: [山田太郎, { family: Roe, given: Ann }]
    container-author: { ja: 財務省, en: Ministry of Finance }
`);
    expect(diagnostics).toEqual([]);
    const item = library.items.get('a')!;
    expect(item.author).toEqual([{ family: 'Doe', given: 'Jane' }]);
    expect(item.editor).toEqual([{ literal: 'Doe' }, { literal: 'Jane' }, { family: 'van Beethoven', given: 'Ludwig' }]);
    expect(item.translator).toEqual([{ literal: '山田太郎' }, { family: 'Roe', given: 'Ann' }]);
    expect(item['container-author']).toEqual([{ literal: { ja: '財務省', en: 'Ministry of Finance' } }]);
  });

  it('split "Family, Given" at the comma when it is one string', () => {
    expect(load('references:\n  - { id: b, type: book, title: T, author: "Doe, Jane" }\n').library.items.get('b')!.author).toEqual([{ family: 'Doe', given: 'Jane' }]);
  });
});

describe('per-language values', () => {
  it('take a number or truth value as its text, and tell a list or mapping where text belongs, leaving it out', () => {
    const { library, diagnostics } = load(`references:
  - id: orwell
    type: book
    title: { ja: 1984, en: Nineteen Eighty-Four }
    volume: { ja: 12, en: 12 }
    publisher: { ja: [早川書房], en: Hayakawa }
    author: [{ family: { ja: { a: 1 }, en: Orwell }, given: George }]
    issued: { date-parts: [[2009]] }
`);
    const item = library.items.get('orwell')!;
    expect(item.title).toEqual({ ja: '1984', en: 'Nineteen Eighty-Four' });
    expect(item.volume).toEqual({ ja: '12', en: '12' });
    expect(item.publisher).toEqual({ en: 'Hayakawa' });
    expect(item.author).toEqual([{ family: { en: 'Orwell' }, given: 'George' }]);
    expect(item.issued).toEqual({ 'date-parts': [[2009]] });
    expect(diagnostics.map((d) => [d.ruleId, d.message, d.line])).toEqual([
      ['language-map-value', 'reference "orwell": `publisher.ja` holds a list where text belongs', 6],
      ['language-map-value', 'reference "orwell": `author.0.family.ja` holds a mapping where text belongs', 7],
    ]);
  });
});

describe('references files', () => {
  it('tell a second references file beside the one read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'brief-refs-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'references.yaml'), 'references:\n  - { id: a, type: book, title: T }\n');
    writeFileSync(join(dir, 'references.json'), '[{"id": "b", "type": "book", "title": "U"}]');
    const { library, diagnostics } = loadReferences(dir, dir);
    expect([...library.items.keys()]).toEqual(['a']);
    expect(diagnostics.map((d) => `${d.file}:${d.line} ${d.ruleId}`)).toEqual(['references.json:1 references-file-ignored']);
  });
});

describe('a list where one text belongs', () => {
  it('is told at its field and left out', () => {
    const { library, diagnostics } = load('references:\n  - id: n\n    type: article-newspaper\n    container-title: [日本経済新聞, Nikkei]\n    issued: 2025-01-29\n');
    expect(library.items.get('n')!['container-title']).toBeUndefined();
    expect(diagnostics.map((d) => [d.ruleId, d.line])).toEqual([['reference-field-list', 4]]);
  });
});

describe('a field of the wrong kind', () => {
  it('tells a number where names belong, at the field, and leaves it out', () => {
    const { library, diagnostics } = load('references:\n  - id: b\n    type: book\n    author: 42\n    title: T\n');
    expect(library.items.get('b')!.author).toBeUndefined();
    expect(diagnostics.map((d) => [d.ruleId, d.line, d.message])).toEqual([['reference-name', 4, 'reference "b": `author` holds "42" where names belong']]);
  });

  it('tells a list as the type at the type, and counts the item as read so its citations are not unknown', () => {
    const { library, diagnostics } = load('references:\n  - id: b\n    type: [book]\n    title: T\n');
    expect(diagnostics.map((d) => [d.ruleId, d.line, d.message])).toEqual([['reference-type-missing', 3, 'reference "b": `type` holds a list where one CSL type belongs']]);
    expect(library.items.has('b')).toBe(false);
    expect(library.unread?.has('b')).toBe(true);
  });
});

describe('reference ids', () => {
  it('that no citation can name (a space, punctuation at an end, no ASCII letter) are told at the id, with a key that can be cited', () => {
    const { library, diagnostics } = load(`- { id: doe 2020, type: book, title: T }
- { id: "smith:2020", type: book, title: T }
- { id: "roe.", type: book, title: T }
- { id: 日経, type: book, title: T }
`);
    expect(library.items.size).toBe(4);
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.severity}: ${d.message}; ${d.hint}`)).toEqual([
      '1:9 reference-id-uncitable warning: reference id "doe 2020" cannot be cited: a key is letters, digits and _, with the punctuation :.#$%&-+?<>~/ only inside it; write id: doe-2020 and cite it as [@doe-2020]',
      '3:9 reference-id-uncitable warning: reference id "roe." cannot be cited: a key is letters, digits and _, with the punctuation :.#$%&-+?<>~/ only inside it; write id: roe and cite it as [@roe]',
      '4:9 reference-id-uncitable warning: reference id "日経" cannot be cited: a key is letters, digits and _, with the punctuation :.#$%&-+?<>~/ only inside it; write an id of letters and digits, such as id: nikkei-2025, and cite it as [@nikkei-2025]',
    ]);
  });
});
