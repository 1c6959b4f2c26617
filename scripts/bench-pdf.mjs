#!/usr/bin/env node
/**
 * Benchmark of the PDF writer (not a test): renders each edition of a source
 * in a fresh Node process and prints the time of `renderPdf` (median of N
 * runs) and the process's peak RSS. Targets for the sample on a 2-core
 * machine: at most 1.5 s and 350 MB per edition.
 *
 *   node scripts/bench-pdf.mjs [source-dir] [--runs N] [--json]
 *
 * Run `npx tsc -b` first (it imports the compiled packages).
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string' }, json: { type: 'boolean' } } });
const runs = Number(values.runs ?? 3);
const root = resolve(import.meta.dirname, '..');
const source = resolve(positionals[0] ?? join(root, 'sources/trump-second-term-year-one'));

/** One rendering in a fresh process: reading the source, then timing renderPdf alone. */
const child = `
const { readSource } = await import(${JSON.stringify(join(root, 'packages/source-reader/dist/index.js'))});
const { reportTemplate } = await import(${JSON.stringify(join(root, 'packages/templates/dist/index.js'))});
const { renderPdf } = await import(${JSON.stringify(join(root, 'packages/to-pdf/dist/index.js'))});
const lang = process.argv[1];
const read = readSource(${JSON.stringify(source)}, { template: reportTemplate, languages: [lang] });
const doc = read.editions[0];
if (!doc) throw new Error('no edition ' + lang);
const t0 = performance.now();
const c0 = process.cpuUsage();
const bytes = await renderPdf(doc, reportTemplate);
const ms = performance.now() - t0;
const cpu = process.cpuUsage(c0);
console.log(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, bytes: bytes.length, rssMb: process.resourceUsage().maxRSS / 1024 }));
`;

function languages() {
  const r = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `
const { readSource } = await import(${JSON.stringify(join(root, 'packages/source-reader/dist/index.js'))});
const { reportTemplate } = await import(${JSON.stringify(join(root, 'packages/templates/dist/index.js'))});
console.log(JSON.stringify(readSource(${JSON.stringify(source)}, { template: reportTemplate }).editions.map((d) => d.meta.lang)));
`,
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = [];
for (const lang of languages()) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', child, lang], { encoding: 'utf8', cwd: root });
    if (r.status !== 0) throw new Error(`render ${lang} failed:\n${r.stderr}`);
    samples.push(JSON.parse(r.stdout.trim().split('\n').pop()));
  }
  results.push({
    edition: lang,
    seconds: Number((median(samples.map((s) => s.ms)) / 1000).toFixed(3)),
    cpuSeconds: Number((median(samples.map((s) => s.cpuMs)) / 1000).toFixed(3)),
    peakRssMb: Number(Math.max(...samples.map((s) => s.rssMb)).toFixed(1)),
    bytes: samples[0].bytes,
  });
}

if (values.json) console.log(JSON.stringify(results, null, 2));
else {
  console.log(`renderPdf, ${runs} runs each (median wall time and CPU time, peak RSS of the process):`);
  for (const r of results) console.log(`  ${r.edition}: ${r.seconds.toFixed(3)} s (CPU ${r.cpuSeconds.toFixed(3)} s), ${r.peakRssMb.toFixed(0)} MB, ${(r.bytes / 1024).toFixed(0)} KiB`);
}
