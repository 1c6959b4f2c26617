import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { languageDefaults, resolveTemplate } from './load.js';
import { languageStyle, formatDate, figureLabel } from './index.js';
import { reportTemplate } from './report.js';

function templateFile(text: string, name = 'style.yaml'): string {
  const dir = mkdtempSync(join(tmpdir(), 'template-'));
  writeFileSync(join(dir, name), text);
  return dir;
}

describe('house styles as data', () => {
  it('has two built-in styles that differ visibly', () => {
    const brief = resolveTemplate('policy-brief', '.');
    expect(brief.diagnostics).toEqual([]);
    expect(brief.template.page.size).toBe('Letter');
    expect(brief.template.notes.placement).toBe('chapter-end');
    expect(languageStyle(brief.template, 'en').strings.figureLabel).toBe('Exhibit {n}');
    // Unchanged values come from the base style.
    expect(languageStyle(brief.template, 'en').strings.ibid).toBe('Ibid.');
    expect(resolveTemplate(undefined, '.').template).toBe(reportTemplate);
  });

  it('reads a template file that extends a built-in style', () => {
    const dir = templateFile(`extends: report
name: house
page:
  margin: { top: 30 }
strings:
  ja:
    figureLabel: 図{n}
`);
    const { template, diagnostics } = resolveTemplate('style.yaml', dir);
    expect(diagnostics).toEqual([]);
    expect(template.page.margin).toEqual({ ...reportTemplate.page.margin, top: 30 });
    expect(figureLabel(languageStyle(template, 'ja').strings, 3)).toBe('図3');
  });

  it('reports a bad template with file, line and column', () => {
    const dir = templateFile(`extends: report
page:
  margn: { top: 30 }
sizes:
  body: big
colors:
  text: red
notes:
  placement: margin
`);
    const { diagnostics } = resolveTemplate('style.yaml', dir, { cwd: dir });
    const lines = diagnostics.map((d) => `${d.file}:${d.line}:${d.ruleId}:${d.message}`);
    expect(lines).toEqual([
      'style.yaml:3:template-value:unknown key "margn" in `page`',
      'style.yaml:5:template-value:`sizes.body` must be a number',
      'style.yaml:7:template-value:colour "red" must be #rrggbb',
      'style.yaml:9:template-value:"margin" is not a valid `placement`',
    ]);
  });

  it('checks lists, allowed values, language tags and numbers with hints (valibot schemas)', () => {
    const dir = templateFile(`extends: report
numbering:
  ja:
    styles: [decimal, roman]
    separator: [" ", ""]
  x_y: {}
sizes:
  body: -1
  note: 5000
spacing:
  rulewidth: 1
titleBlock:
  showContents: yes please
`);
    const { diagnostics } = resolveTemplate('style.yaml', dir, { cwd: dir });
    expect(diagnostics.map((d) => [d.line, d.message, d.hint])).toEqual([
      [4, '`numbering.ja.styles` must have 3 items, not 2', undefined],
      [5, '`numbering.ja.separator` must have 3 items, not 2', undefined],
      [6, '"x_y" is not a language tag', 'use a BCP 47 tag such as fr, de, zh-Hant'],
      [8, '`sizes.body` must not be negative', undefined],
      [9, '`sizes.note` is implausibly large (5000)', undefined],
      [11, 'unknown key "rulewidth" in `spacing`', 'did you mean "ruleWidth"?'],
      [13, '`titleBlock.showContents` must be true or false', undefined],
    ]);
    const enumDir = templateFile('extends: report\nnumbering:\n  en:\n    styles: [decimal, decimal, roman]\n');
    const [bad] = resolveTemplate('style.yaml', enumDir, { cwd: enumDir }).diagnostics;
    expect(bad).toMatchObject({ line: 4, message: '"roman" is not a valid `styles`', hint: expect.stringMatching(/^use one of: decimal, .*upper-roman$/) });
    const override = resolveTemplate('report', '.', { overrides: { 'proportions.superscript.pdf': 'small', 'typography.en.gridMeasure': true } });
    expect(override.diagnostics.map((d) => d.message)).toEqual(['template-overrides: `proportions.superscript.pdf` must be a number']);
    expect(languageStyle(override.template, 'en').typography.gridMeasure).toBe(true);
  });

  it('reports YAML syntax errors in a template', () => {
    const dir = templateFile('page: [unclosed\n');
    const { diagnostics } = resolveTemplate('style.yaml', dir, { cwd: dir });
    expect(diagnostics[0]).toMatchObject({ file: 'style.yaml', ruleId: 'template-syntax', severity: 'error' });
  });

  it('applies single-value overrides and rejects unknown ones', () => {
    const ok = resolveTemplate('report', '.', { overrides: { 'strings.ja.runningHead': '{series}', 'page.margin.top': 20 } });
    expect(ok.diagnostics).toEqual([]);
    expect(languageStyle(ok.template, 'ja').strings.runningHead).toBe('{series}');
    expect(ok.template.page.margin.top).toBe(20);
    expect(reportTemplate.page.margin.top).toBe(25);
    const bad = resolveTemplate('report', '.', {
      overrides: { 'strings.ja.runningHed': 'x', 'sizes.body': 'large' },
      overridesSpan: (path) => ({ file: 'brief.yaml', start: { line: path.length === 2 ? 12 : 1, column: 3 } }),
    });
    expect(bad.diagnostics.map((d) => [d.ruleId, d.line])).toEqual([
      ['template-override', 12],
      ['template-override', 12],
    ]);
  });

  it('accepts a third language defined as data, and requires it complete', () => {
    const en = reportTemplate.strings.en!;
    const fr = {
      ...en,
      contents: 'Sommaire',
      figureLabel: 'Figure {n}',
      date: '{d} {month} {yyyy}',
      monthNames: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
    };
    const yaml = `extends: report
fonts:
  fr: ${JSON.stringify(reportTemplate.fonts.en)}
typography:
  fr: ${JSON.stringify(reportTemplate.typography.en)}
numbering:
  fr: ${JSON.stringify(reportTemplate.numbering.en)}
citationStyle:
  fr: en-notes
strings:
  fr: ${JSON.stringify(fr)}
`;
    const { template, diagnostics } = resolveTemplate('style.yaml', templateFile(yaml));
    expect(diagnostics).toEqual([]);
    const style = languageStyle(template, 'fr');
    expect(style.strings.contents).toBe('Sommaire');
    expect(formatDate(style.strings, '2026-03-16')).toBe('16 mars 2026');
    const incomplete = resolveTemplate('style.yaml', templateFile('extends: report\nstrings:\n  fr: { contents: Sommaire }\n'));
    expect(incomplete.diagnostics.length).toBeGreaterThan(5);
    expect(incomplete.diagnostics[0]!.message).toMatch(/`strings.fr` has no `languageName`/);
  });

  it('fills in the values a new language may leave out, so writers never default them', () => {
    const { headingBold, indentAfterHeading, hyphenate, gridMeasure, interScriptSpaceEm, ...typography } = reportTemplate.typography.en!;
    const { notice, listBullet, noticeMark, ...strings } = reportTemplate.strings.en!;
    const { separator, ...numbering } = reportTemplate.numbering.en!;
    const yaml = `extends: report
fonts:
  fr: ${JSON.stringify(reportTemplate.fonts.en)}
typography:
  fr: ${JSON.stringify(typography)}
numbering:
  fr: ${JSON.stringify(numbering)}
citationStyle:
  fr: en-notes
strings:
  fr: ${JSON.stringify(strings)}
`;
    const { template, diagnostics } = resolveTemplate('style.yaml', templateFile(yaml));
    expect(diagnostics).toEqual([]);
    const style = languageStyle(template, 'fr');
    expect(style.typography).toMatchObject({ headingBold: true, indentAfterHeading: true, hyphenate: false, gridMeasure: false, interScriptSpaceEm: 0 });
    expect(style.numbering.separator).toEqual(['', '', '']);
    expect(style.strings).toMatchObject({ notice: '{text}', listBullet: '•', noticeMark: '' });
    // Built-in styles state every value themselves.
    for (const t of [reportTemplate, resolveTemplate('policy-brief', '.').template]) {
      for (const lang of ['ja', 'en']) {
        const ls = languageStyle(t, lang);
        for (const [section, defaults] of Object.entries(languageDefaults)) {
          for (const key of Object.keys(defaults)) expect((ls as unknown as Record<string, Record<string, unknown>>)[section]![key], `${t.name} ${lang} ${section}.${key}`).toBeDefined();
        }
      }
    }
  });
});

describe('dates', () => {
  it('formats dates without a day in every language', () => {
    const ja = languageStyle(reportTemplate, 'ja').strings;
    const en = languageStyle(reportTemplate, 'en').strings;
    expect(formatDate(ja, '2019-06', ja.citationDate)).toBe('2019.6');
    expect(formatDate(ja, '2026-03-16')).toBe('2026年3月16日');
    expect(formatDate(ja, '2026-03')).toBe('2026年3月');
    expect(formatDate(en, '2026-03-16')).toBe('March 16, 2026');
    expect(formatDate(en, '2026-03')).toBe('March 2026');
  });
});
