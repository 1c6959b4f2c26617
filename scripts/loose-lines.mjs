#!/usr/bin/env node
/**
 * Loose lines in the PDF (a measurement, not a test): lays out editions with
 * the PDF writer's own composition and counts the justified lines that are
 * loose — in English a word space stretched to more than 1.5 times its
 * natural width, in Japanese more than a quarter em between two characters —
 * among all lines set justified (body, lists, quotations, notes; a
 * paragraph's last line is not justified and not counted). A line too loose
 * to be justified at all (set flush left instead) counts as loose.
 *
 *   node scripts/loose-lines.mjs [source-dir...] [--pages N] [--json]
 *
 * Without a source it measures the sample (sources/trump-second-term-year-one)
 * and a report of about N pages (default 100) generated deterministically from
 * the sample's sentences, both in Japanese and English.
 *
 * Run `npx tsc -b` first (it imports the compiled packages).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { random } from './gen-stress.mjs';

const root = resolve(import.meta.dirname, '..');
const { readSource } = await import(join(root, 'packages/source-reader/dist/index.js'));
const { reportTemplate } = await import(join(root, 'packages/templates/dist/index.js'));
const { layoutDocument } = await import(join(root, 'packages/to-pdf/dist/index.js'));
const { observeComposition } = await import(join(root, 'packages/to-pdf/dist/compose.js'));

const { values, positionals } = parseArgs({ allowPositionals: true, options: { pages: { type: 'string' }, json: { type: 'boolean' } } });
const targetPages = Number(values.pages ?? 100);
const sample = join(root, 'sources/trump-second-term-year-one');

/** Word spaces looser than this part of their width beyond it; Japanese spacing looser than this part of an em. */
const WORD_SPACE_LIMIT = 0.5;
const CJK_LIMIT_EM = 0.25;
/** placeLine leaves a line flush left beyond this stretch ratio. */
const MAX_STRETCH_RATIO = 8;
const EPSILON = 1e-6;

/** How loose one justified line is: 'loose', 'short' (too loose to justify) or undefined. */
function looseness(p, spec, width) {
  let natural = 0;
  let stretch = 0;
  for (let k = spec.start; k <= spec.end; k++) {
    const a = p.atoms[k];
    natural += spec.halts.includes(k) ? a.haltWidth : a.width;
  }
  if (spec.hyphen) natural += p.atoms[spec.end].hyphenAfter ?? 0;
  for (let k = spec.start; k < spec.end; k++) {
    natural += p.gaps[k].natural;
    stretch += p.gaps[k].stretch;
  }
  const slack = width - natural;
  if (slack <= EPSILON) return undefined;
  if (stretch <= 0) return 'short';
  const ratio = slack / stretch;
  if (ratio > MAX_STRETCH_RATIO) return 'short';
  for (let k = spec.start; k < spec.end; k++) {
    const g = p.gaps[k];
    const a = p.atoms[k];
    const b = p.atoms[k + 1];
    const added = g.stretch * ratio;
    if (g.space && g.natural > 0 && !a.cjk && !b.cjk && added > WORD_SPACE_LIMIT * g.natural + EPSILON) return 'loose';
    if (g.natural === 0 && g.stretch > 0 && a.cjk && b.cjk && added > CJK_LIMIT_EM * a.style.size + EPSILON) return 'loose';
  }
  return undefined;
}

function measure(dir, lang) {
  const read = readSource(dir, { template: reportTemplate, languages: [lang] });
  const doc = read.editions[0];
  if (!doc) return undefined;
  const counts = { lines: 0, loose: 0, short: 0, pages: 0, ms: 0 };
  observeComposition((p) => {
    if (!p.layout.justify) return;
    p.specs.forEach((spec, index) => {
      if (!spec.justify) return;
      counts.lines++;
      const l = looseness(p, spec, p.widths[index]);
      if (l) counts.loose++;
      if (l === 'short') counts.short++;
    });
  });
  const t0 = performance.now();
  try {
    counts.pages = layoutDocument(doc, reportTemplate).pages.length;
  } finally {
    observeComposition(undefined);
  }
  counts.ms = Math.round(performance.now() - t0);
  return counts;
}

// ---------------------------------------------------------------------------
// A long report generated from the sample's sentences (a fixed seed).

/** Plain sentences of the sample's paragraphs (no notes, citations, links or markup). */
function sentences(lang) {
  const text = readFileSync(join(sample, `${lang}.md`), 'utf8');
  const paragraphs = text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p && !/^(#|\[\^|:::|\||- |\d+\. |!\[|>|```)/.test(p));
  const clean = (p) =>
    p
      .replace(/\[\^[^\]]*\]/g, '')
      .replace(/\[@[^\]]*\]/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\{[^}]*\}/g, '')
      .replace(/[*_`]/g, '')
      .replace(/\s+/g, ' ')
      .trim();
  const split = lang === 'ja' ? (p) => p.split(/(?<=。)/) : (p) => p.split(/(?<=[.!?][”’"]?)\s+(?=[A-Z“"])/);
  return paragraphs
    .flatMap((p) => split(clean(p)))
    .map((s) => s.trim())
    .filter((s) => s.length > (lang === 'ja' ? 8 : 30));
}

/** Markdown of a report of about `blocks` paragraphs in both languages, the same seed for both. */
function generate(dir, paragraphs) {
  writeFileSync(
    join(dir, 'brief.yaml'),
    'id: loose-lines\nlanguages: [ja, en]\ntitle: { ja: 行分割の試験, en: A Line Breaking Test }\nauthors:\n  - name: { ja: 著者, en: Author }\npublished: 2026-03-16\nas-of: 2026-02-25\n',
  );
  for (const lang of ['ja', 'en']) {
    const pool = sentences(lang);
    const next = random(20260316);
    const pick = () => pool[Math.floor(next() * pool.length)];
    const out = [];
    let note = 0;
    for (let k = 0; k < paragraphs; k++) {
      if (k % 12 === 0) out.push(`## ${lang === 'ja' ? `第${k / 12 + 1}節` : `Section ${k / 12 + 1}`}`);
      const count = 2 + Math.floor(next() * 5);
      const body = Array.from({ length: count }, pick).join(lang === 'ja' ? '' : ' ');
      if (k % 4 === 1) {
        note++;
        out.push(`${body}[^n${note}]`, `[^n${note}]: ${pick()}`);
      } else out.push(body);
    }
    writeFileSync(join(dir, `${lang}.md`), `${out.join('\n\n')}\n`);
  }
}

const results = [];
const run = (name, dir) => {
  for (const lang of ['ja', 'en']) {
    const c = measure(dir, lang);
    if (!c) continue;
    results.push({ source: name, edition: lang, ...c, percent: c.lines ? Number(((100 * c.loose) / c.lines).toFixed(2)) : 0 });
  }
};
if (positionals.length > 0) for (const dir of positionals) run(dir, resolve(dir));
else {
  run('sample', sample);
  const dir = mkdtempSync(join(tmpdir(), 'brief-loose-'));
  try {
    // About 4.5 paragraphs to a page in both editions; scaled once to the target from a first count.
    let paragraphs = Math.round(targetPages * 4.5);
    generate(dir, paragraphs);
    const probe = measure(dir, 'en').pages;
    paragraphs = Math.round((paragraphs * targetPages) / Math.max(1, probe));
    generate(dir, paragraphs);
    run(`generated (${paragraphs} paragraphs)`, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (values.json) console.log(JSON.stringify(results, null, 2));
else {
  console.log('Justified lines that are loose (word space over 1.5× its width; Japanese spacing over 0.25 em; too loose to justify):');
  for (const r of results) {
    console.log(`  ${r.source} ${r.edition}: ${r.pages} pages, ${r.loose} of ${r.lines} lines loose (${r.percent.toFixed(2)} %; ${r.short} too loose to justify), layout ${r.ms} ms`);
  }
}
