/**
 * `brief check` as a user runs it: the real command line on the sample
 * report and on a source written only to the contract, with the exit
 * status, the `path:line:column: severity: message [rule-id]` lines and the
 * JSON output; usage errors exit 2; no stack trace is ever printed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = resolve('packages/cli/bin/brief.js');
const sample = resolve('sources/trump-second-term-year-one');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

const runs: Run[] = [];

function brief(args: string[], cwd = process.cwd()): Run {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, BRIEF_DEBUG: '' } });
  const run = { status: r.status, stdout: r.stdout, stderr: r.stderr };
  runs.push(run);
  return run;
}

/** 1-based line and column where `needle` starts in `text`. */
function position(text: string, needle: string): { line: number; column: number } {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`not in fixture: ${needle}`);
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

// A report written only with what the contract describes, with three mistakes:
// an impossible date, an unknown citation key, and Diet minutes whose session
// numbers run backwards against their dates.
const contractBrief = `id: contract-report
languages: [ja, en]
title:
  ja: 第2次トランプ政権発足後1年間の動向と日本外交
  en: The First Year of the Second Trump Administration and Japanese Diplomacy
authors:
  - name: { ja: 沓脱 和人, en: KUTSUNUGI Kazuhito }
    affiliation: { ja: 外交防衛委員会調査室, en: Foreign Affairs and Defense Division }
series:
  title: { ja: 立法と調査, en: Legislation and Research }
  issn: 0915-1338
  issue: 482
  pages: 45-59
published: 2026-03-16
as-of: 2026-02-25
`;

const contractReferences = `references:
  - id: nikkei-2025
    type: article-newspaper
    container-title: { ja: 日本経済新聞, en: Nikkei }
    issued: 2025-02-30
  - id: diet-217
    type: legislation
    number: 217
    chamber: { ja: 衆議院, en: House of Representatives }
    committee: { ja: 外務委員会, en: Committee on Foreign Affairs }
    issue: 5
    page: 5
    issued: 2025-04-02
  - id: diet-216
    type: legislation
    number: 216
    chamber: { ja: 衆議院, en: House of Representatives }
    committee: { ja: 外務委員会, en: Committee on Foreign Affairs }
    issue: 11
    page: 4
    issued: 2025-05-09
`;

const contractJa = `## はじめに {#sec-intro}

トランプ大統領は就任初日に多数の大統領令に署名した[^1]。国会でも議論された[^2]。

### 関税 {#sec-tariffs}

日米合意の内容は後に審議された[^3]。

[^1]: [@nikkei-2025]

[^2]: [@diet-217, 5頁]

[^3]: [@diet-216, 4頁]、[@asahi-2025-02-09]
`;

const contractEn = `## Introduction {#sec-intro}

On his first day, President Trump signed many executive orders[^1]. The Diet debated them too[^2].

### Tariffs {#sec-tariffs}

The Japan–US agreement was debated later[^3].

[^1]: [@nikkei-2025]

[^2]: [@diet-217, p. 5]

[^3]: [@diet-216, p. 4]; [@asahi-2025-02-09]
`;

let parent: string;

beforeAll(() => {
  parent = mkdtempSync(join(tmpdir(), 'brief-cli-check-'));
  const dir = join(parent, 'report');
  mkdirSync(dir);
  writeFileSync(join(dir, 'brief.yaml'), contractBrief);
  writeFileSync(join(dir, 'references.yaml'), contractReferences);
  writeFileSync(join(dir, 'ja.md'), contractJa);
  writeFileSync(join(dir, 'en.md'), contractEn);
});

afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe('brief check', () => {
  it('passes the sample report: exit 0 and no error line', () => {
    const r = brief(['check', sample]);
    const errors = r.stderr.split('\n').filter((l) => /: error: /.test(l));
    expect(errors).toEqual([]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^0 errors, \d+ warnings?$/m);
  });

  it('reports the mistakes of a contract-only source at their lines, and exits 1', () => {
    const r = brief(['check', 'report'], parent);
    expect(r.status).toBe(1);
    const lines = r.stderr.split('\n');
    const date = position(contractReferences, '2025-02-30');
    const diet = position(contractReferences, 'number: 216');
    const keyJa = position(contractJa, '[@asahi-2025-02-09]');
    const keyEn = position(contractEn, '[@asahi-2025-02-09]');
    const expectLine = (file: string, at: { line: number; column: number }, rule: string) =>
      expect(
        lines.filter((l) => l.startsWith(`${file}:${at.line}:${at.column}: error: `) && l.endsWith(` [${rule}]`)),
        `${file}:${at.line}:${at.column} [${rule}] in\n${r.stderr}`,
      ).toHaveLength(1);
    expectLine('report/references.yaml', date, 'date-impossible');
    expectLine('report/references.yaml', { line: diet.line, column: diet.column + 'number: '.length }, 'diet-session-order');
    expectLine('report/ja.md', keyJa, 'citation-unknown-key');
    expectLine('report/en.md', keyEn, 'citation-unknown-key');
    // Every line has the contract's form.
    for (const line of lines.filter((l) => l.trim() && !/^\d+ errors?, \d+ warnings?$/.test(l))) expect(line).toMatch(/^report\/[^:]+:\d+:\d+: (error|warning): .+ \[[a-z0-9-]+\]$/);
    expect(lines).toContain('5 errors, 0 warnings');
  });

  it('names the Diet minutes whose session runs backwards, and the session each falls outside', () => {
    const r = brief(['check', 'report'], parent);
    const order = r.stderr.split('\n').find((l) => l.includes('[diet-session-order]'))!;
    expect(order).toContain('"diet-216"');
    expect(order).toContain('"diet-217" (report/references.yaml:8:13)');
    expect(r.stderr).toMatch(/report\/references\.yaml:21:13: error: Diet minutes "diet-216" are dated 2025-05-09, outside session 216 .*\[diet-session-dates\]/);
  });

  it('prints the diagnostics as JSON on stdout with --json', () => {
    const r = brief(['check', '--json', 'report'], parent);
    expect(r.status).toBe(1);
    const parsed = JSON.parse(r.stdout) as { diagnostics: { file: string; line: number; column: number; severity: string; ruleId: string; message: string }[] };
    expect(parsed.diagnostics.length).toBe(5);
    expect(parsed.diagnostics).toContainEqual(expect.objectContaining({ file: 'report/references.yaml', line: 5, column: 13, severity: 'error', ruleId: 'date-impossible' }));
    expect(parsed.diagnostics.map((d) => d.ruleId).sort()).toEqual(['citation-unknown-key', 'citation-unknown-key', 'date-impossible', 'diet-session-dates', 'diet-session-order']);
    expect(r.stderr).not.toMatch(/: error: /);
  });

  it('prints a sample report check as JSON that parses', () => {
    const r = brief(['check', '--json', sample]);
    const parsed = JSON.parse(r.stdout) as { diagnostics: { severity: string }[] };
    expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('exits 2 on usage errors', () => {
    expect(brief(['check']).status).toBe(2);
    expect(brief(['check', '--no-such-flag', sample]).status).toBe(2);
    expect(brief(['check', join(parent, 'no-such-directory')]).status).toBe(2);
    expect(brief(['frobnicate', sample]).status).toBe(2);
    expect(brief([]).status).toBe(2);
    // A --lang or --format that names nothing builds nothing: a usage error, not a quiet success.
    for (const empty of [
      ['--lang', ''],
      ['--lang', ','],
      ['--format', ','],
    ]) {
      const r = brief(['build', sample, '--out', join(parent, 'none'), ...empty]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`${empty[0]} names nothing`);
    }
    // A format or language named twice is built once.
    const twice = brief(['build', sample, '--out', join(parent, 'twice'), '--format', 'epub,epub', '--lang', 'en,en']);
    expect(twice.status).toBe(0);
    expect(twice.stderr.match(/wrote /g)).toHaveLength(1);
    // An empty --out would put the editions in the current folder.
    const noOut = brief(['build', sample, '--out', '']);
    expect(noOut.status).toBe(2);
    expect(noOut.stderr).toContain('--out names no folder');
  });

  it('refuses to build two reports of one id in one command, writing neither', () => {
    for (const name of ['one', 'two']) {
      const dir = join(parent, 'shared-id', name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'brief.yaml'), contractBrief.replace('[ja, en]', '[ja]'));
      writeFileSync(join(dir, 'ja.md'), '## はじめに\n\n本文。\n');
    }
    const out = join(parent, 'shared-out');
    const r = brief(['build', 'shared-id/one', 'shared-id/two', '--out', out, '--format', 'epub'], parent);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^shared-id\/one\/brief\.yaml:1:1: error: report id "contract-report" is also the id of shared-id\/two in this build.*\[report-id-shared\]$/m);
    expect(r.stderr).toMatch(/^shared-id\/two\/brief\.yaml:1:1: error: .*\[report-id-shared\]$/m);
    expect(existsSync(out)).toBe(false);
  });

  it('reports broken input as diagnostics, not crashes', () => {
    const dir = join(parent, 'broken');
    mkdirSync(dir);
    writeFileSync(join(dir, 'brief.yaml'), 'id: broken\nlanguages: [ja\ntitle: x\n');
    const r = brief(['check', 'broken'], parent);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^broken\/brief\.yaml:\d+:\d+: error: YAML: .*\[yaml-syntax\]$/m);
    const notAFile = join(parent, 'not-a-file');
    mkdirSync(join(notAFile, 'ja.md'), { recursive: true });
    writeFileSync(join(notAFile, 'brief.yaml'), contractBrief.replace('[ja, en]', '[ja]'));
    const b = brief(['check', 'not-a-file'], parent);
    expect(b.status).toBe(1);
    expect(b.stderr).toMatch(/\[file-unreadable\]$/m);
  });

  it('refuses an output folder that is a file, or whose path runs through one, as a usage error', () => {
    const file = join(parent, 'out-is-a-file');
    writeFileSync(file, 'hi\n');
    const dir = join(parent, 'for-out');
    mkdirSync(dir);
    writeFileSync(join(dir, 'brief.yaml'), contractBrief.replace('[ja, en]', '[ja]'));
    writeFileSync(join(dir, 'ja.md'), '本文。\n');
    const here = brief(['build', 'for-out', '--out', 'out-is-a-file'], parent);
    expect(here.status).toBe(2);
    expect(here.stderr).toMatch(/^brief: --out out-is-a-file is a file, not a folder$/m);
    const below = brief(['build', 'for-out', '--out', 'out-is-a-file/x'], parent);
    expect(below.status).toBe(2);
    expect(below.stderr).toMatch(/^brief: --out out-is-a-file\/x cannot be made: .*out-is-a-file is a file, not a folder$/m);
  });

  it('reports a named pipe in the place of brief.yaml or references.yaml, in check and build, instead of waiting on it', () => {
    for (const name of ['references.yaml', 'brief.yaml']) {
      const dir = join(parent, `pipe-${name.split('.')[0]}`);
      mkdirSync(dir);
      writeFileSync(join(dir, 'brief.yaml'), contractBrief.replace('[ja, en]', '[ja]'));
      writeFileSync(join(dir, 'ja.md'), '本文。\n');
      rmSync(join(dir, name), { force: true });
      expect(spawnSync('mkfifo', [join(dir, name)]).status).toBe(0);
      for (const args of [
        ['check', dir],
        ['build', dir, '--out', join(parent, 'pipe-out')],
      ]) {
        const r = spawnSync(process.execPath, [bin, ...args], { cwd: parent, encoding: 'utf8', timeout: 60_000 });
        expect(r.signal, `${name}: ${args[0]}`).toBeNull();
        expect(r.status).toBe(1);
        expect(r.stderr).toMatch(new RegExp(`${name.replace('.', '\\.')}:1:1: error: .* is not a regular file; .*\\[file-unreadable\\]$`, 'm'));
      }
    }
  });

  it('never prints a stack trace', () => {
    expect(runs.length).toBeGreaterThan(5);
    for (const run of runs) {
      expect(run.stderr).not.toContain('    at ');
      expect(run.stdout).not.toContain('    at ');
    }
  });
});

describe('brief check: diagnostics that lead to the cause', () => {
  const corpus = (name: string) => resolve('tests/corpus', name);

  it('reports a YAML syntax error in references.yaml once, without an unknown-key error per citation', () => {
    const r = brief(['check', corpus('references-yaml-syntax-end')]);
    expect(r.status).toBe(1);
    const errors = r.stderr.split('\n').filter((l) => / error: /.test(l));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/references\.yaml:13:5: error: YAML: .*\[yaml-syntax\]$/);
    expect(r.stderr).not.toContain('[citation-unknown-key]');
  });

  it('names a value that came apart at a comma, with the fix, in references.yaml and in brief.yaml', () => {
    for (const [name, file] of [
      ['language-map-comma-references', 'references.yaml'],
      ['language-map-comma-brief', 'brief.yaml'],
    ] as const) {
      const r = brief(['check', corpus(name)]);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(
        new RegExp(`${file}:\\d+:\\d+: error: .*"Labour and Welfare".*became "Ministry of Health"; quote the value: en: "Ministry of Health, Labour and Welfare" \\[language-map-key\\]`),
      );
    }
    // A value cut at the comma before a year: the key "2025" is listed first by JavaScript, the value it cut is still named.
    expect(brief(['check', corpus('language-map-comma-references')]).stderr).toContain(
      '`genre` has "2025" where a language tag belongs: in a { … } map a comma ends the value, so `en` became "Cabinet decision of June 13"; quote the value: en: "Cabinet decision of June 13, 2025"',
    );
    // In a name: `[{ literal: Ministry of Health, Labour and Welfare }]`.
    const r = brief(['check', corpus('name-comma-references')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /references\.yaml:5:\d+: error: reference "mhlw": `author\[0\]` has "Labour and Welfare" where a name part belongs: .*became "Ministry of Health"; quote the value: literal: "Ministry of Health, Labour and Welfare" \[language-map-key\]/,
    );
  });

  it("checks statutes, ordinances, regulations, cases, bills and city-council minutes by their own rules, not the Diet's", () => {
    const r = brief(['check', corpus('legislation-kinds')]);
    expect(r.status, r.stderr).toBe(0);
    // U.S. codes, regulations and bills print every field they hold, in both editions.
    expect(r.stderr).not.toMatch(/diet-session|reference-required-field|reference-field-unprinted/);
  });

  it('takes what users type without a warning: clock times, e-mail addresses, autolinks, author-in-text citations', () => {
    const r = brief(['check', corpus('syntax-users-type')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr.trim()).toBe('0 errors, 0 warnings');
  });

  it('warns about a field the house style does not print, naming the field and the item', () => {
    const r = brief(['check', corpus('reference-field-unprinted')]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/references\.yaml:8:15: warning: reference "smith" \(book\): `composer` is not printed in the ja and en editions.*\[reference-field-unprinted\]$/m);
  });
});
