/**
 * The Markdown libraries the reader runs, re-exported from one module.
 *
 * Together they are about 300 small ES modules, and Node spends more time
 * finding, reading and linking them than running them (0.2 s of a build's
 * serial start on 2 cores). `npm run compile` bundles this module's output
 * into one file (`scripts/bundle-libraries.mjs`), which loads in a quarter of
 * the time; tests import the libraries through this source file.
 */
export { unified } from 'unified';
export { default as remarkParse } from 'remark-parse';
export { default as remarkGfm } from 'remark-gfm';
export { default as remarkDirective } from 'remark-directive';
export { default as remarkCjkFriendly } from 'remark-cjk-friendly';
export { default as remarkCjkFriendlyGfmStrikethrough } from 'remark-cjk-friendly-gfm-strikethrough';
