/**
 * One language of a source read by another thread (`readElsewhere`,
 * `readLanguageAlone`): the source reads as it does in one thread, and what
 * reading brief.yaml and the references said is reported once.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLanguageAlone, readSource, type LanguageRead } from './read-source.js';

const dir = mkdtempSync(join(tmpdir(), 'brief-read-elsewhere-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  join(dir, 'brief.yaml'),
  `id: elsewhere
languages: [ja, en]
title: { ja: 別の読み手, en: Read elsewhere }
authors:
  - name: { ja: 著者, en: Author }
published: 2026-03-16
url: http://example.org/elsewhere
`,
);
// brief.yaml's URL is plain http: a warning, said once whichever thread reads what.
writeFileSync(join(dir, 'references.yaml'), '- id: book\n  type: book\n  title: A Book\n  issued: { date-parts: [[2020]] }\n');
writeFileSync(join(dir, 'ja.md'), '## 見出し\n\n本文です。[^1]\n\n[^1]: ([@book])\n');
// An unreferenced note: an error in en.md, read elsewhere.
writeFileSync(join(dir, 'en.md'), '## Heading\n\nBody text.[^1]\n\n[^1]: ([@book])\n\n[^2]: Never referenced.\n');

const codes = (ds: readonly { ruleId: string; file: string }[]) => ds.map((d) => `${d.ruleId} ${d.file.split('/').pop()}`).sort();

describe('a language read elsewhere', () => {
  const here = readSource(dir);

  it('reads as in one thread: the same editions in the same order, each message once', () => {
    const asked: string[] = [];
    const read = readSource(dir, {
      readElsewhere: (lang) => {
        asked.push(lang);
        const there = readLanguageAlone(dir, lang);
        // What the other thread sends arrives as a copy.
        return () => structuredClone(there);
      },
    });
    expect(asked).toEqual(['en']);
    expect(read.editions.map((e) => e.meta.lang)).toEqual(['ja', 'en']);
    expect(read.editions).toEqual(here.editions);
    expect(read.bodies.map((b) => [b.lang, b.file, b.text])).toEqual(here.bodies.map((b) => [b.lang, b.file, b.text]));
    expect(codes(read.diagnostics)).toEqual(codes(here.diagnostics));
    expect(codes(read.diagnostics)).toEqual(['note-unreferenced en.md', 'url-http brief.yaml']);
  });

  it('reads the language here when the other thread sends nothing, and is not asked for a source of one language', () => {
    const read = readSource(dir, { readElsewhere: () => () => undefined });
    expect(read.editions).toEqual(here.editions);
    expect(codes(read.diagnostics)).toEqual(codes(here.diagnostics));
    let asked = 0;
    const one = readSource(dir, {
      languages: ['en'],
      readElsewhere: () => {
        asked++;
        return undefined;
      },
    });
    expect(asked).toBe(0);
    expect(one.editions.map((e) => e.meta.lang)).toEqual(['en']);
  });

  it('gives the edition, its body without its tree, and only what reading that body said', () => {
    const alone = readLanguageAlone(dir, 'en') as LanguageRead;
    expect(alone.model).toEqual(here.editions[1]);
    expect(alone.body).toEqual({ lang: 'en', file: here.bodies[1]!.file, text: here.bodies[1]!.text });
    expect(codes(alone.diagnostics)).toEqual(['note-unreferenced en.md']);
  });
});
