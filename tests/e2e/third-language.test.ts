/**
 * Adding a language is data: a house-style file that defines French strings,
 * fonts and numbering lets a report declare `fr` and build it in every
 * format, with the French words printed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportTemplate } from '@brief/templates';

const cli = join(process.cwd(), 'packages/cli/bin/brief.js');

const fr = {
  ...reportTemplate.strings.en,
  languageName: 'Français',
  contents: 'Sommaire',
  notes: 'Notes',
  figureLabel: 'Figure {n}',
  figureSource: 'Source : {text}',
  ibid: 'Ibid.',
  date: '{d} {month} {yyyy}',
  citationDate: '{d} {month} {yyyy}',
  monthNames: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  issue: 'no {n}',
  runningHead: '{series}, {issue} ({date})',
};

const template = `extends: report
name: maison
fonts:
  fr: ${JSON.stringify(reportTemplate.fonts.en)}
typography:
  fr: ${JSON.stringify(reportTemplate.typography.en)}
numbering:
  fr: { styles: [upper-roman, decimal, lower-alpha], heading: ["{1}.", "{1}.{2}", "{3})"], reference: ["partie {1}", "section {1}.{2}", "{3})"], separator: [" ", " ", " "] }
citationStyle:
  fr: en-notes
strings:
  fr: ${JSON.stringify(fr)}
`;

describe('a third language defined as data', () => {
  const src = mkdtempSync(join(tmpdir(), 'fr-src-'));
  const out = mkdtempSync(join(tmpdir(), 'fr-out-'));
  let status: number | null = null;
  let stderr = '';

  beforeAll(() => {
    writeFileSync(join(src, 'maison.yaml'), template);
    writeFileSync(
      join(src, 'brief.yaml'),
      `id: rapport
languages: [ja, fr]
template: maison.yaml
title: { ja: 報告, fr: Rapport }
authors:
  - name: { ja: 沓脱 和人, fr: KUTSUNUGI Kazuhito }
series: { title: { ja: 立法と調査, fr: Législation et recherche }, issue: 482 }
published: 2026-03-16
`,
    );
    writeFileSync(join(src, 'ja.md'), '## はじめに {#sec-intro}\n\n本文です[^1]。\n\n[^1]: 注です。\n');
    writeFileSync(join(src, 'fr.md'), '## Introduction {#sec-intro}\n\nLe texte[^1].\n\n[^1]: Une note.\n');
    const r = spawnSync(process.execPath, [cli, 'build', src, '--out', out], { encoding: 'utf8', env: { ...process.env, CI: '1' } });
    status = r.status;
    stderr = r.stderr;
  });

  it('builds every format of the French edition', () => {
    expect(stderr).not.toMatch(/error/);
    expect(status).toBe(0);
  });

  it('prints the French strings, date and numbering', () => {
    const epub = unzipSync(new Uint8Array(readFileSync(join(out, 'rapport', 'rapport.fr.epub'))));
    const text = Object.entries(epub)
      .filter(([name]) => name.endsWith('.xhtml') || name.endsWith('.opf'))
      .map(([, bytes]) => strFromU8(bytes))
      .join('\n');
    expect(text).toContain('Sommaire');
    expect(text).toContain('16 mars 2026');
    expect(text).toMatch(/I\.\s+(<[^>]+>\s*)*Introduction/);
    expect(text).toMatch(/xml:lang="fr"/);
    const pdf = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `
      import { readFileSync } from 'node:fs';
      const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
      const doc = await getDocument({ data: new Uint8Array(readFileSync(process.argv[1])) }).promise;
      let s = '';
      for (let i = 1; i <= doc.numPages; i++) s += (await (await doc.getPage(i)).getTextContent()).items.map((x) => x.str).join('');
      console.log(s);`,
        join(out, 'rapport', 'rapport.fr.pdf'),
      ],
      { encoding: 'utf8' },
    );
    expect(pdf.stdout).toContain('Sommaire');
    expect(pdf.stdout).toContain('16 mars 2026');
  });

  it('rejects a French entry that is not complete', () => {
    writeFileSync(join(src, 'maison.yaml'), 'extends: report\nstrings:\n  fr: { contents: Sommaire }\n');
    const r = spawnSync(process.execPath, [cli, 'check', src], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/maison\.yaml:3:\d+: error: `strings\.fr` has no `languageName`.*\[template-value\]/);
  });
});
