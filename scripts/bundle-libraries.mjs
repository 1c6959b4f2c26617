#!/usr/bin/env node
/**
 * Bundles compiled modules, with the npm libraries they import, each into one
 * file in place: `node bundle-libraries.mjs dist/markdown-stack.js`.
 *
 * Node loads an ES module graph file by file (find, read, link), so a library
 * made of hundreds of small modules costs more to load than to run. A module
 * that only re-exports such libraries is bundled after `tsc` writes it; its
 * declarations stay as `tsc` wrote them. A file bundled already is left as it
 * is, so running the script twice changes nothing.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { rolldown } from 'rolldown';

const MARK = '// Bundled with its libraries by scripts/bundle-libraries.mjs.';

for (const arg of process.argv.slice(2)) {
  const file = resolve(arg);
  if (readFileSync(file, 'utf8').startsWith(MARK)) continue;
  const bundle = await rolldown({ input: file, platform: 'node', logLevel: 'warn' });
  const { output } = await bundle.generate({ format: 'esm', sourcemap: false });
  await bundle.close();
  const [chunk] = output;
  if (output.length !== 1 || chunk?.type !== 'chunk') {
    console.error(`${arg}: bundles into ${output.length} files; only a module whose libraries load statically can be bundled`);
    process.exit(1);
  }
  const next = `${file}.bundling`;
  writeFileSync(next, `${MARK}\n${chunk.code}`);
  renameSync(next, file);
  rmSync(`${file}.map`, { force: true });
}
