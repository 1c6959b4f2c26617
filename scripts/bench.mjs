#!/usr/bin/env node
/**
 * Benchmarks (not tests): run with `npm run bench`. Every scenario runs the
 * real CLI in fresh processes under `/usr/bin/time`, which gives its wall
 * time, its CPU time (user + sys of the whole process tree: the CLI's worker
 * threads, and for Pandoc the LaTeX runs it starts) and its peak RSS (of the
 * largest process). Prints the median of N runs of each scenario, then each
 * target as met or not met.
 *
 *   cold     the sample's 6 editions into an empty output folder, empty build cache
 *   cold-1   the same with one rendering slot (BRIEF_JOBS=1: everything in the CLI's thread)
 *   warm-1   the same with one slot and the build cache of an earlier build, every edition
 *            rendered again (--force: the cache's finished editions are not taken)
 *   warm     the same into an empty output folder, with the build cache of an earlier build
 *            (which holds the finished editions: they are copied from it)
 *   warm-render  the same with --force: every edition rendered again from the cache's other entries
 *   no-op    the same again into a complete output folder, nothing changed
 *   single   each edition alone (one language, one format) in a fresh process, warm cache,
 *            rendered again (--force)
 *   edit     one paragraph of en.md changed (the three en files are rebuilt), a fresh CLI process
 *   watch    `brief watch` on a copy of the sample: one paragraph of en.md edited,
 *            time from the save to the "rebuilt" line; two edits first, not
 *            timed, then at least ten (the median; the first edits after the
 *            command starts are slower while V8 compiles the code they run, see
 *            docs/benchmarks.md)
 *   fifty    50 seed-sized reports (generated copies), in one command, empty cache
 *   long     a generated bilingual report of about 300 pages a language (scripts/gen-stress.mjs:
 *            notes, long tokens, code, tables, SVG figures), its 6 editions, empty cache
 *   pandoc   Pandoc → DOCX, → EPUB, → PDF (LuaLaTeX, ltjsarticle), the Japanese edition,
 *            with a contents list (--toc) as ours have, and again without
 *
 * Each build gets a build cache folder of its own (BRIEF_CACHE_DIR), so a run
 * neither reads nor fills the installation's cache. cold, pandoc, long and
 * fifty run in turn (the first run of each, then the second…), and a target
 * that compares two of them takes the median of the ratios of runs made in
 * the same turn: the machine's pace can change by a third within minutes.
 *
 * Options: --runs N (default 3), --only name,name, --json, --markdown (the results table as Markdown)
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeStressReport } from './gen-stress.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string' }, only: { type: 'string' }, json: { type: 'boolean' }, markdown: { type: 'boolean' } } });
const runs = Number(values.runs ?? 3);
const only = values.only ? new Set(values.only.split(',')) : undefined;
const wants = (name) => !only || only.has(name);
const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'packages/cli/bin/brief.js');
const sample = join(root, 'sources/trump-second-term-year-one');
const results = new Map();
const temporaries = [];
const log = (line) => {
  if (!values.json) console.log(line);
};
const temp = (name) => {
  const dir = mkdtempSync(join(tmpdir(), `bench-${name}-`));
  temporaries.push(dir);
  return dir;
};

/** Run a command under /usr/bin/time: wall seconds, CPU seconds (user + sys, children included) and peak RSS in MB. */
function timed(cmd, args, opts = {}) {
  const r = spawnSync('/usr/bin/time', ['-f', 'BENCH %e %U %S %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20, ...opts });
  const line = (r.stderr ?? '').split('\n').findLast((l) => l.startsWith('BENCH ')) ?? '';
  const [secs, user, sys, kib] = line.split(' ').slice(1).map(Number);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return { secs, cpu: user + sys, rssMb: kib / 1024 };
}

function hasTime() {
  return spawnSync('/usr/bin/time', ['-f', '%e', 'true']).status === 0;
}

function median(xs) {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : Number.NaN;
}

const fmt = (x, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : '–');

function record(name, measured) {
  const row = {
    name,
    wall: median(measured.map((m) => m.secs)),
    cpu: median(measured.map((m) => m.cpu)),
    rssMb: measured.some((m) => Number.isFinite(m.rssMb)) ? Math.max(...measured.map((m) => m.rssMb).filter(Number.isFinite)) : Number.NaN,
    runs: measured.map((m) => m.secs),
    measured,
  };
  results.set(name, row);
  log(`${name.padEnd(14)} wall ${fmt(row.wall, 3)} s   CPU ${fmt(row.cpu, 3)} s   peak RSS ${fmt(row.rssMb, 0)} MB   (wall ${row.runs.map((s) => fmt(s)).join(', ')})`);
  return row;
}

function scenario(name, prepare, run) {
  if (!wants(name)) return undefined;
  const measured = [];
  for (let i = 0; i < runs; i++) measured.push(run(prepare(i)));
  return record(name, measured);
}

/**
 * Scenarios whose times are compared with each other, run in turn (the
 * first run of each, then the second of each…), so that a change in the
 * machine's pace during the benchmark reaches all of them alike: each
 * ratio between them is the median of the ratios of runs made together.
 */
function interleaved(list) {
  const chosen = list.filter(([name]) => wants(name));
  const measured = chosen.map(() => []);
  for (let i = 0; i < runs; i++) chosen.forEach(([, prepare, run], k) => measured[k].push(run(prepare(i))));
  return Object.fromEntries(chosen.map(([name], k) => [name, record(name, measured[k])]));
}

/** The median of the ratios of `a`'s runs to `b`'s runs made in the same turn (`interleaved`), by wall or CPU time. */
function pairedRatio(a, b, key) {
  return median(a.measured.map((m, i) => m[key] / b.measured[i][key]));
}

if (!hasTime()) {
  console.error('bench: /usr/bin/time is needed (apt-get install time)');
  process.exit(2);
}

const env = { ...process.env, CI: '1' };
delete env.BRIEF_CACHE;
const build = (src, out, cacheDir, extra = [], moreEnv = {}) =>
  timed(process.execPath, [cli, 'build', ...[].concat(src), '--out', out, ...extra], { env: { ...env, BRIEF_CACHE_DIR: cacheDir, ...moreEnv } });

log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);

// The sample's cold build and the scenarios whose targets are its multiples
// or Pandoc's: prepared first, then run in turn (`interleaved`).
const fiftyDirs = [];
if (wants('fifty')) {
  const base = temp('fifty');
  for (let i = 0; i < 50; i++) {
    const d = join(base, `r${i}`);
    cpSync(sample, d, { recursive: true });
    const yaml = join(d, 'brief.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/^id: .*$/m, `id: report-${String(i).padStart(2, '0')}`));
    fiftyDirs.push(d);
  }
}

const longSrc = temp('long-src');
if (wants('long')) writeStressReport(longSrc, 'long-report', { pages: 300, seed: 300 });

// Pandoc on the equivalent Markdown (the ja edition: title block, numbered
// headings, figures, the table and every note with its citations as text).
// Our editions open with a contents list, so Pandoc is asked for one too
// (--toc; LaTeX then runs twice, as it must to number it); the same run
// without it is timed as well, after the others.
let pandocTrio;
const havePandoc = spawnSync('pandoc', ['--version']).status === 0;
const haveLua = spawnSync('lualatex', ['--version']).status === 0;
const pandocWork = temp('pandoc');
if (havePandoc && (wants('pandoc') || wants('pandoc-no-toc'))) {
  const md = join(pandocWork, 'ja.md');
  const gen = spawnSync(process.execPath, [join(root, 'scripts/pandoc-markdown.mjs'), sample, 'ja'], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (gen.status !== 0) throw new Error(`pandoc-markdown failed:\n${gen.stderr}`);
  writeFileSync(md, gen.stdout);
  const trio = (extra) => [
    ['pandoc', [md, '-o', join(pandocWork, 'out.docx'), ...extra]],
    ['pandoc', [md, '-o', join(pandocWork, 'out.epub'), ...extra]],
    ...(haveLua ? [['pandoc', [md, '-o', join(pandocWork, 'out.pdf'), '--pdf-engine=lualatex', '-V', 'documentclass=ltjsarticle', ...extra]]] : []),
  ];
  const sequence = (steps) => () => {
    const total = { secs: 0, cpu: 0, rssMb: 0 };
    for (const [cmd, a] of steps) {
      const m = timed(cmd, a, { cwd: pandocWork });
      total.secs += m.secs;
      total.cpu += m.cpu;
      total.rssMb = Math.max(total.rssMb, m.rssMb);
    }
    return total;
  };
  pandocTrio = (extra) => sequence(trio(extra));
  try {
    // LuaLaTeX builds its font name cache at its first run: not timed.
    if (haveLua) sequence(trio([]).slice(2))();
  } catch (e) {
    pandocTrio = undefined;
    log(`pandoc: ${String(e.message).split('\n').slice(0, 12).join('\n')}\n(is rsvg-convert installed? apt-get install librsvg2-bin)`);
  }
  if (!haveLua) log('pandoc: lualatex not installed (apt-get install texlive-luatex texlive-lang-japanese texlive-latex-recommended); the Pandoc figures cover DOCX and EPUB only');
}

const group = interleaved([
  ['cold', () => ({ out: temp('cold'), cache: temp('cold-cache') }), ({ out, cache }) => build(sample, out, cache)],
  ...(pandocTrio ? [['pandoc', () => pandocWork, pandocTrio(['--toc'])]] : []),
  ['long', () => ({ out: temp('long-out'), cache: temp('long-cache') }), ({ out, cache }) => build(longSrc, out, cache)],
  ['fifty', () => ({ out: temp('fifty-out'), cache: temp('fifty-cache') }), ({ out, cache }) => build(fiftyDirs, out, cache)],
]);
const { cold, pandoc, long, fifty } = group;

// One rendering slot: the CLI's thread renders every edition (the least memory).
const oneSlot = { BRIEF_JOBS: '1' };
const cold1 = scenario(
  'cold-1',
  () => ({ out: temp('cold-1'), cache: temp('cold-1-cache') }),
  ({ out, cache }) => build(sample, out, cache, [], oneSlot),
);

// One build cache, filled once, for the warm scenarios.
const warmCache = temp('warm-cache');
if (['warm', 'warm-render', 'warm-1', 'no-op', 'single', 'edit', 'watch'].some(wants)) build(sample, temp('warm-fill'), warmCache);

const warm = scenario(
  'warm',
  () => temp('warm'),
  (out) => build(sample, out, warmCache),
);

// Rendered again: --force takes no finished edition from the cache.
const warmRender = scenario(
  'warm-render',
  () => temp('warm-render'),
  (out) => build(sample, out, warmCache, ['--force']),
);

const warm1 = scenario(
  'warm-1',
  () => temp('warm-1'),
  (out) => build(sample, out, warmCache, ['--force'], oneSlot),
);

const noopOut = temp('noop');
if (wants('no-op')) build(sample, noopOut, warmCache);
scenario(
  'no-op',
  () => noopOut,
  (out) => build(sample, out, warmCache),
);

// Each edition alone in a fresh process: one language, one format, warm cache, rendered again.
const singles = [];
if (wants('single')) {
  for (const lang of ['ja', 'en']) {
    for (const format of ['pdf', 'docx', 'epub']) {
      const measured = [];
      for (let i = 0; i < runs; i++) measured.push(build(sample, temp('single'), warmCache, ['--lang', lang, '--format', format, '--force']));
      singles.push(record(`single ${lang}.${format}`, measured));
    }
  }
}

if (wants('edit')) {
  const editSrc = temp('edit-src');
  cpSync(sample, editSrc, { recursive: true });
  const editOut = temp('edit-out');
  build(editSrc, editOut, warmCache);
  const enPath = join(editSrc, 'en.md');
  const enText = existsSync(enPath) ? readFileSync(enPath, 'utf8') : '';
  scenario(
    'edit',
    (i) => {
      // Change one paragraph: append a sentence to the first body paragraph.
      const paras = enText.split('\n\n');
      const k = paras.findIndex((p) => p && !p.startsWith('#') && !p.startsWith('[^') && !p.startsWith(':::'));
      paras[k] = `${paras[k]} Edited for run ${i}.`;
      writeFileSync(enPath, paras.join('\n\n'));
      return editOut;
    },
    (out) => build(editSrc, out, warmCache),
  );
}

// Watch mode: the CLI keeps running; each edit is timed from the write to its "rebuilt" line.
let watch;
if (wants('watch')) {
  const src = temp('watch-src');
  cpSync(sample, src, { recursive: true });
  const out = temp('watch-out');
  const child = spawn(process.execPath, [cli, 'watch', src, '--out', out], { env: { ...env, BRIEF_CACHE_DIR: warmCache } });
  let text = '';
  child.stderr.on('data', (d) => (text += d));
  const waitFor = (re, from) =>
    new Promise((res, rej) => {
      const started = Date.now();
      const t = setInterval(() => {
        const m = re.exec(text.slice(from));
        if (m || Date.now() - started > 120_000) {
          clearInterval(t);
          if (m) res(m);
          else rej(new Error(`watch: no ${re} in\n${text}`));
        }
      }, 2);
    });
  await waitFor(/watching/, 0);
  const en = join(src, 'en.md');
  const base = readFileSync(en, 'utf8');
  const edit = async (i) => {
    const paras = base.split('\n\n');
    const k = paras.findIndex((p) => p && !p.startsWith('#') && !p.startsWith('[^') && !p.startsWith(':::'));
    paras[k] = `${paras[k]} Watched edit ${i}.`;
    const mark = text.length;
    const t0 = performance.now();
    writeFileSync(en, paras.join('\n\n'));
    // The rebuild that wrote the edited editions (not one that found nothing to do).
    await waitFor(/rebuilt in \d+ ms: [1-9]\d* file/, mark);
    return { secs: (performance.now() - t0) / 1000, cpu: Number.NaN, rssMb: Number.NaN };
  };
  await edit(-2);
  await edit(-1);
  const measured = [];
  for (let i = 0; i < Math.max(runs, 10); i++) measured.push(await edit(i));
  child.kill('SIGTERM');
  watch = record('watch', measured);
}

if (pandocTrio) scenario('pandoc-no-toc', () => pandocWork, pandocTrio([]));

/** The targets: each a measured ratio or value against its bound. */
const targets = [];
const target = (what, value, bound, unit, note = '') => {
  const met = Number.isFinite(value) ? value <= bound : undefined;
  targets.push({ what, value, bound, unit, met, note });
};
const pandocWhat = haveLua ? 'Pandoc trio' : 'Pandoc DOCX + EPUB (no LuaLaTeX)';
if (cold && pandoc) {
  target(`cold, 6 editions: wall ≤ 0.20 × ${pandocWhat}`, pairedRatio(cold, pandoc, 'secs'), 0.2, '×');
  target(`cold, 6 editions: CPU ≤ 0.40 × ${pandocWhat}`, pairedRatio(cold, pandoc, 'cpu'), 0.4, '×');
}
if (warm && pandoc) target(`warm cache, 6 editions: wall ≤ 0.12 × ${pandocWhat}`, warm.wall / pandoc.wall, 0.12, '×');
if (warmRender && pandoc) target(`warm cache, 6 editions rendered again (--force): wall ≤ 0.12 × ${pandocWhat}`, warmRender.wall / pandoc.wall, 0.12, '×');
if (singles.length) {
  const worst = singles.reduce((a, b) => (b.cpu > a.cpu ? b : a));
  target('any single edition, fresh process, warm cache, rendered again: CPU ≤ 1.0 s', worst.cpu, 1.0, 's', worst.name.replace('single ', ''));
}
if (cold) target('peak RSS of the sample (cold) ≤ 250 MB', cold.rssMb, 250, 'MB');
if (cold1) target('peak RSS of the sample (cold, one slot) ≤ 250 MB', cold1.rssMb, 250, 'MB');
if (warm1) target('peak RSS of the sample (warm cache, one slot) ≤ 250 MB', warm1.rssMb, 250, 'MB');
if (long) target('peak RSS of a 300-page bilingual report (cold) ≤ 400 MB', long.rssMb, 400, 'MB');
if (long && cold) target('300-page report, cold: wall ≤ 3 × the sample', pairedRatio(long, cold, 'secs'), 3, '×');
if (watch && cold) target('watch-mode edit ≤ 0.10 × cold wall', watch.wall / cold.wall, 0.1, '×');
if (fifty && cold) target('fifty reports ≤ 0.35 × 50 × one (cold) wall', pairedRatio(fifty, cold, 'secs') / 50, 0.35, '×');

log('');
for (const t of targets) {
  const verdict = t.met === undefined ? 'not measured' : t.met ? 'met' : 'NOT MET';
  log(`${t.met ? '✓' : '✗'} ${t.what}: ${fmt(t.value, t.unit === '×' ? 3 : t.unit === 'MB' ? 0 : 2)}${t.unit === '×' ? '' : ` ${t.unit}`} — ${verdict}${t.note ? ` (${t.note})` : ''}`);
}

if (values.markdown) {
  console.log('\n| scenario | wall, median | CPU (user + sys), median | peak RSS |\n| --- | --- | --- | --- |');
  for (const r of results.values()) console.log(`| ${r.name} | ${fmt(r.wall)} s | ${Number.isFinite(r.cpu) ? `${fmt(r.cpu)} s` : '–'} | ${Number.isFinite(r.rssMb) ? `${fmt(r.rssMb, 0)} MB` : '–'} |`);
  console.log('\n| target | measured | |\n| --- | --- | --- |');
  for (const t of targets)
    console.log(`| ${t.what} | ${fmt(t.value, t.unit === '×' ? 3 : t.unit === 'MB' ? 0 : 2)}${t.unit === '×' ? ' ×' : ` ${t.unit}`}${t.note ? ` (${t.note})` : ''} | ${t.met ? 'met' : 'not met'} |`);
}
if (values.json) console.log(JSON.stringify({ results: [...results.values()], targets }, null, 2));
for (const dir of temporaries) rmSync(dir, { recursive: true, force: true });
