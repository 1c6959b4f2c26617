#!/usr/bin/env node
/**
 * Benchmarks (not tests): run with `npm run bench`. Prints the median of N
 * runs and the peak RSS of each scenario, and, when pandoc and lualatex are
 * installed, the same for Pandoc on an equivalent Markdown file.
 *
 *   cold     the sample's 6 editions into an empty output folder
 *   no-op    the same again, nothing changed
 *   edit     one paragraph of en.md changed
 *   watch    `brief watch` on a copy of the sample: one paragraph of en.md edited,
 *            time from the save to the "rebuilt" line (after a first edit that
 *            warms the workers; the median of the runs)
 *   fifty    50 seed-sized reports (generated copies), in one command
 *   pandoc   Pandoc → DOCX, → EPUB, → PDF (LuaLaTeX, ltjsarticle), the Japanese edition,
 *            with a contents list (--toc) as ours have, and again without
 *
 * Options: --runs N (default 5), --only name,name, --json
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string' }, only: { type: 'string' }, json: { type: 'boolean' } } });
const runs = Number(values.runs ?? 5);
const only = values.only ? new Set(values.only.split(',')) : undefined;
const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'packages/cli/bin/brief.js');
const sample = join(root, 'sources/trump-second-term-year-one');
const results = [];

/** Run a command, returning wall seconds and peak RSS (KiB) of the process tree's largest process. */
function timed(cmd, args, opts = {}) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], { encoding: 'utf8', ...opts });
  const lines = (r.stderr ?? '').trim().split('\n');
  const [secs, kib] = (lines[lines.length - 1] ?? '').split(' ').map(Number);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return { secs, rssMb: kib / 1024 };
}

function hasTime() {
  return spawnSync('/usr/bin/time', ['-f', '%e', 'true']).status === 0;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function scenario(name, prepare, run) {
  if (only && !only.has(name) && !only.has(name.replace(/-no-toc$/, ''))) return undefined;
  const secs = [];
  const rss = [];
  for (let i = 0; i < runs; i++) {
    const ctx = prepare(i);
    const m = run(ctx);
    secs.push(m.secs);
    rss.push(m.rssMb);
  }
  const row = { name, medianSeconds: median(secs), peakRssMb: Math.max(...rss), runs: secs };
  results.push(row);
  if (!values.json) console.log(`${name.padEnd(10)} median ${row.medianSeconds.toFixed(3)} s   peak RSS ${row.peakRssMb.toFixed(0)} MB   (${secs.map((s) => s.toFixed(2)).join(', ')})`);
  return row;
}

if (!hasTime()) {
  console.error('bench: /usr/bin/time is needed (apt-get install time)');
  process.exit(2);
}

const env = { ...process.env, CI: '1' };
const build = (src, out, extra = []) => timed(process.execPath, [cli, 'build', ...[].concat(src), '--out', out, ...extra], { env });

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);

const cold = scenario(
  'cold',
  () => mkdtempSync(join(tmpdir(), 'bench-cold-')),
  (out) => build(sample, out),
);

const warmOut = mkdtempSync(join(tmpdir(), 'bench-warm-'));
build(sample, warmOut);
scenario(
  'no-op',
  () => warmOut,
  (out) => build(sample, out),
);

const editSrc = mkdtempSync(join(tmpdir(), 'bench-edit-src-'));
cpSync(sample, editSrc, { recursive: true });
const editOut = mkdtempSync(join(tmpdir(), 'bench-edit-out-'));
build(editSrc, editOut);
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
  (out) => build(editSrc, out),
);

// Watch mode: the CLI keeps running; each edit is timed from the write to its "rebuilt" line.
if (!only || only.has('watch')) {
  const src = mkdtempSync(join(tmpdir(), 'bench-watch-src-'));
  cpSync(sample, src, { recursive: true });
  const out = mkdtempSync(join(tmpdir(), 'bench-watch-out-'));
  const child = spawn(process.execPath, [cli, 'watch', src, '--out', out], { env });
  let log = '';
  child.stderr.on('data', (d) => (log += d));
  const waitFor = (re, from) =>
    new Promise((res, rej) => {
      const started = Date.now();
      const t = setInterval(() => {
        const m = re.exec(log.slice(from));
        if (m || Date.now() - started > 120_000) {
          clearInterval(t);
          if (m) res(m);
          else rej(new Error(`watch: no ${re} in\n${log}`));
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
    const mark = log.length;
    const t0 = performance.now();
    writeFileSync(en, paras.join('\n\n'));
    await waitFor(/rebuilt in \d+ ms/, mark);
    return (performance.now() - t0) / 1000;
  };
  await edit(-1);
  const secs = [];
  for (let i = 0; i < runs; i++) secs.push(await edit(i));
  child.kill('SIGTERM');
  const row = { name: 'watch', medianSeconds: median(secs), peakRssMb: NaN, runs: secs };
  results.push(row);
  if (!values.json) console.log(`${'watch'.padEnd(10)} median ${row.medianSeconds.toFixed(3)} s   (${secs.map((x) => x.toFixed(2)).join(', ')})`);
}

let fifty;
if (!only || only.has('fifty')) {
  const dirs = [];
  const base = mkdtempSync(join(tmpdir(), 'bench-fifty-'));
  for (let i = 0; i < 50; i++) {
    const d = join(base, `r${i}`);
    cpSync(sample, d, { recursive: true });
    const yaml = join(d, 'brief.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/^id: .*$/m, `id: report-${String(i).padStart(2, '0')}`));
    dirs.push(d);
  }
  fifty = scenario(
    'fifty',
    () => mkdtempSync(join(tmpdir(), 'bench-fifty-out-')),
    (out) => build(dirs, out),
  );
}

// Pandoc on the equivalent Markdown (the ja edition: title block, numbered
// headings, figures, the table and every note with its citations as text),
// when installed. Our editions open with a contents list, so Pandoc is asked
// for one too (--toc; LaTeX then runs twice, as it must to number it); the
// same run without it is timed as well.
let pandoc;
let pandocNoToc;
const havePandoc = spawnSync('pandoc', ['--version']).status === 0;
const haveLua = spawnSync('lualatex', ['--version']).status === 0;
if (havePandoc && (!only || only.has('pandoc'))) {
  const work = mkdtempSync(join(tmpdir(), 'bench-pandoc-'));
  const md = join(work, 'ja.md');
  const gen = spawnSync(process.execPath, [join(root, 'scripts/pandoc-markdown.mjs'), sample, 'ja'], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (gen.status !== 0) throw new Error(`pandoc-markdown failed:\n${gen.stderr}`);
  writeFileSync(md, gen.stdout);
  const runs = (extra) => [
    ['pandoc', [md, '-o', join(work, 'out.docx'), ...extra]],
    ['pandoc', [md, '-o', join(work, 'out.epub'), ...extra]],
    ...(haveLua ? [['pandoc', [md, '-o', join(work, 'out.pdf'), '--pdf-engine=lualatex', '-V', 'documentclass=ltjsarticle', ...extra]]] : []),
  ];
  const sequence = (args) => () => {
    let secs = 0;
    let rssMb = 0;
    for (const [cmd, a] of args) {
      const m = timed(cmd, a);
      secs += m.secs;
      rssMb = Math.max(rssMb, m.rssMb);
    }
    return { secs, rssMb };
  };
  try {
    pandoc = scenario('pandoc', () => work, sequence(runs(['--toc'])));
    pandocNoToc = scenario('pandoc-no-toc', () => work, sequence(runs([])));
  } catch (e) {
    console.log(`pandoc: ${String(e.message).split('\n')[0]} (is rsvg-convert installed? apt-get install librsvg2-bin)`);
  }
  if (!haveLua) console.log('pandoc: lualatex not installed; the Pandoc figure covers DOCX and EPUB only');
}

if (cold && pandoc && haveLua) {
  console.log(`ratio cold / pandoc (3 Japanese outputs, with contents): ${(cold.medianSeconds / pandoc.medianSeconds).toFixed(2)} (target ≤ 0.35)`);
  if (pandocNoToc) console.log(`ratio cold / pandoc without contents: ${(cold.medianSeconds / pandocNoToc.medianSeconds).toFixed(2)}`);
}
if (cold && fifty) {
  // One report alone, for the 50-report ratio.
  console.log(`ratio fifty / (50 × cold): ${(fifty.medianSeconds / (50 * cold.medianSeconds)).toFixed(2)} (target ≤ 0.55)`);
}
if (values.json) console.log(JSON.stringify(results, null, 2));
rmSync(warmOut, { recursive: true, force: true });
