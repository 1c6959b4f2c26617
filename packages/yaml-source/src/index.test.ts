import { describe, expect, it } from 'vitest';
import { readYaml } from './index.js';

describe('readYaml', () => {
  it('gives values and places in the file named, also for a text read before', () => {
    const text = 'id: report\nauthors:\n  - name: A\n  - name: B\n';
    const first = readYaml('one/brief.yaml', text);
    const second = readYaml('two/brief.yaml', text);
    expect(second.value).toEqual({ id: 'report', authors: [{ name: 'A' }, { name: 'B' }] });
    expect(second.spanOf(['authors', 1, 'name'])).toMatchObject({ file: 'two/brief.yaml', start: { line: 4, column: 11 } });
    expect(first.keySpanOf(['authors'])).toMatchObject({ file: 'one/brief.yaml', start: { line: 2, column: 1 } });
    // Each read has values of its own: changing one changes no other.
    (first.value as { id: string }).id = 'changed';
    expect((readYaml('three/brief.yaml', text).value as { id: string }).id).toBe('report');
  });

  it('reports a syntax error at its place in each file that holds it', () => {
    const text = 'id: report\ntitle: [unclosed\n';
    for (const file of ['a.yaml', 'b.yaml']) {
      const read = readYaml(file, text);
      expect(read.value).toBeUndefined();
      expect(read.diagnostics[0]).toMatchObject({ ruleId: 'yaml-syntax', severity: 'error', file, line: 3 });
    }
  });

  it('reports a key indented to no column around it once, at the key, with the column to use', () => {
    const entry = (pad: string) => `references:\n  - id: a\n    title: One\n${pad}publisher: P\n    issued: 2024\n  - id: b\n    title: Two\n`;
    const under = readYaml('r.yaml', entry('   '));
    expect(under.diagnostics.map((d) => [d.ruleId, d.line, d.column, d.message, d.hint])).toEqual([
      [
        'yaml-syntax',
        4,
        4,
        'YAML: "publisher" is indented 3 spaces, but "title" on the line above starts 4 spaces in',
        expect.stringMatching(
          /^the keys of one entry start in the same column \(YAML reads the indentation as structure\): indent "publisher" 4 spaces, as "title" is \(YAML reports \d+ more errors? after this one, which may follow from it\)$/,
        ),
      ],
    ]);
    const over = readYaml('r.yaml', entry('     '));
    expect(over.diagnostics).toHaveLength(1);
    expect(over.diagnostics[0]).toMatchObject({ ruleId: 'yaml-syntax', line: 4, column: 6, message: 'YAML: "publisher" is indented 5 spaces, but "title" on the line above starts 4 spaces in' });
    // Keys that close back to an enclosing level, and a block opened above, are no error.
    expect(readYaml('r.yaml', `${entry('    ')}  - id: c\n    author:\n      - family: X\n    title: Three\n`).diagnostics).toEqual([]);
  });
});

describe('merge keys', () => {
  it('fill a mapping from an anchored one (<<: *base), its own keys winning', () => {
    const text = '- &base\n  id: a\n  type: book\n  publisher: Press\n- <<: *base\n  id: b\n';
    const source = readYaml('references.yaml', text);
    expect(source.diagnostics).toEqual([]);
    expect(source.value).toEqual([
      { id: 'a', type: 'book', publisher: 'Press' },
      { id: 'b', type: 'book', publisher: 'Press' },
    ]);
    // A key of the item itself is found where it is written.
    expect(source.spanOf([1, 'id']).start.line).toBe(6);
  });
});

describe('a byte-order mark', () => {
  it('is dropped before a list, a mapping and JSON, with places those of the text after it', () => {
    for (const text of ['\ufeff- id: a\n  title: T\n', '\ufeffreferences:\n  - id: a\n    title: T\n', '\ufeff[{ "id": "a", "title": "T" }]\n']) {
      const read = readYaml('references.yaml', text);
      expect(read.diagnostics).toEqual([]);
      expect(JSON.stringify(read.value)).toContain('{"id":"a","title":"T"}');
    }
    expect(readYaml('references.yaml', '\ufeff- id: a\n  title: T\n').spanOf([0, 'id'])).toMatchObject({ start: { line: 1, column: 7 } });
    expect(readYaml('brief.yaml', '\ufeffid: r\ntitle: [x\n').diagnostics[0]).toMatchObject({ ruleId: 'yaml-syntax', line: 3 });
  });
});

describe('JSON', () => {
  it('is told as JSON, in its words, with a comma asked for where one is missing', () => {
    const told = (text: string) => readYaml('references.json', text).diagnostics.map((d) => `${d.ruleId}@${d.line}:${d.column} ${d.message}; ${d.hint}`);
    expect(told('[{ "id": "a" "type": "book" }]\n')).toEqual([
      'yaml-syntax@1:14 JSON: Unexpected string; write a comma between the items of an object or an array: { "id": "a", "type": "book" } (JSON reports 1 more error after this one, which may follow from it)',
    ]);
    expect(told('{ "a": "x" }}\n')).toEqual(['yaml-syntax@1:13 JSON: Unexpected "}"; fix the JSON syntax at this place']);
    expect(told('[{ "id": "a",\n  "id": "b" }]\n')).toEqual([
      'yaml-duplicate-key@2:3 JSON: the key "id" is written twice in one object; keep one of them: an object holds each key once (values per language go in one object: "title": { "ja": "…", "en": "…" })',
    ]);
    // The same text in a .yaml file is told as YAML.
    expect(readYaml('references.yaml', '[{ "id": "a" "type": "book" }]\n').diagnostics[0]?.message).toMatch(/^YAML: /);
  });
});

describe('duplicate keys', () => {
  it('name the key and the line it was first written at', () => {
    const text = 'id: x\ntitle:\n  ja: A\n  ja: B\nreferences:\n  - id: a\n    type: book\n    type: report\ntitle: Again\n';
    const { diagnostics } = readYaml('brief.yaml', text);
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '4:3 YAML: the key "ja" is written twice in one mapping (first at line 3)',
      '8:5 YAML: the key "type" is written twice in one mapping (first at line 7)',
      '9:1 YAML: the key "title" is written twice in one mapping (first at line 2)',
    ]);
  });
});

describe('control characters made by escapes', () => {
  it('are told at their scalar, once, and those of a valid pair or a tab are not', () => {
    const told = (text: string) => readYaml('r.yaml', text).diagnostics.map((d) => `${d.ruleId}@${d.line}:${d.column} ${d.message}`);
    expect(told('title: "A \\0 Report"\nnote: ok\n')).toEqual(['control-character@1:8 an escape in this text makes control character U+0000']);
    expect(told('a:\n  - "x\\ud800"\n')).toEqual(['control-character@2:5 an escape in this text makes half of a surrogate pair U+D800']);
    expect(told('a: "\\ud83d\\ude00 \\t tab"\n')).toEqual([]);
  });
});

describe('a key that is a list or a mapping', () => {
  it('is told at the key, and the file is not read on (YAML would stringify it, warning on the process output)', () => {
    const r = readYaml('r.yaml', 'id: x\nrefs:\n  - ? [a, b]\n    : c\n');
    expect(r.diagnostics.map((d) => `${d.ruleId}@${d.line}:${d.column} ${d.message}`)).toEqual(['yaml-syntax@3:7 YAML: this key is a list or a mapping, and names no field']);
    expect(r.value).toBeUndefined();
  });
});
