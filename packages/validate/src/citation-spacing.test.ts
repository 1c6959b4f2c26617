import { afterAll, describe, expect, it } from 'vitest';
import { briefYaml, check, ofRule, referencesYaml, removeSources } from './test-source.js';

afterAll(removeSources);

const refs = referencesYaml(
  'id: smith\ntype: thesis\nauthor: [{ family: Smith, given: Alex }]\ntitle: { en: Cluster Studies, ja: クラスター研究 }\npublisher: { en: University of Somewhere, ja: 某大学 }\nissued: 2024',
);

describe('citation-unspaced (warning)', () => {
  it('warns of a citation right after a word in a note, not after a space, in running text or in Japanese', () => {
    const result = check({
      'brief.yaml': briefYaml(),
      'ja.md': '本文である[^1]。別の文[@smith]。\n\n[^1]: 詳しくは[@smith]を参照。\n',
      'en.md': 'Body text.[^1] Another sentence[@smith].\n\n[^1]: See also[@smith] and, for the method, [@smith].\n',
      'references.yaml': refs,
    });
    const found = ofRule(result, 'citation-unspaced');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: 'en.md', line: 3, column: 15, severity: 'warning' });
    expect(found[0]!.message).toMatch(/^the citation stands right after "also" and prints against it: "alsoAlex Smith, “Cluster Stu…"$/);
  });
});
