/**
 * brief.yaml's shape is checked by valibot schemas whose issues carry the
 * rule id, a message that says what to do, and the place below the value.
 */
import { describe, expect, it } from 'vitest';
import { check, issnSchema, languagesSchema, pagesSchema, seriesSchema } from './brief-schema.js';
import { readBrief } from './brief.js';

describe('brief.yaml schemas', () => {
  it('carry rule ids, messages and hints', () => {
    expect(check(issnSchema, '0915-1337').issues).toEqual([
      { rule: 'issn-check-digit', message: 'ISSN "0915-1337" has a wrong check digit', hint: 'copy the ISSN again from the publication', path: [], atKey: false },
    ]);
    expect(check(pagesSchema, '59-45').issues.map((i) => i.message)).toEqual(['page range "59-45" runs backwards']);
    expect(check(pagesSchema, 45).output).toBe('45');
  });

  it('name the item of a list at fault', () => {
    expect(check(languagesSchema, ['ja', 'english']).issues).toEqual([
      { rule: 'language-tag', message: '"english" is not a valid language tag', hint: 'use a BCP 47 tag such as ja, en, en-GB', path: [1], atKey: false },
    ]);
  });

  it('report an unknown key at the key, and still read the rest', () => {
    const r = check(seriesSchema, { title: 'T', volum: 3 });
    expect(r.issues).toEqual([{ rule: 'brief-unknown-key', message: 'unknown key "volum" in `series`', hint: 'known keys: title, issn, issue, pages', path: ['volum'], atKey: true }]);
    expect(r.output).toEqual({ title: 'T', volum: 3 });
  });

  it('give positions in brief.yaml', () => {
    const text =
      'id: r\nlanguages: [ja, en]\ntitle: { ja: 題, en: Title }\nauthors:\n  - name: A\nseries:\n  title: S\n  issn: 0915-1337\npublisher: { ja: 厚生労働省, en: Ministry of Health, Labour and Welfare }\npublished: 2026-02-30\n';
    const { diagnostics } = readBrief('brief.yaml', text);
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual(['9:49 language-map-key', '8:9 issn-check-digit', '10:12 date-impossible']);
  });
});
