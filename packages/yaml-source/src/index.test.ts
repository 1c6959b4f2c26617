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
});
