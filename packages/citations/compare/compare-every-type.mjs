/**
 * Side by side: every CSL type (test/every-type/references.yaml) in the en
 * edition, rendered by the typed formatter (report template, en-notes) and by
 * citeproc-js with the published Chicago notes style.
 *
 *   npx tsc -b && CSL_DIR=/path/to/csl node packages/citations/compare/compare-every-type.mjs
 *
 * CSL_DIR holds locales-en-US.xml (CSL locales repository) and
 * chicago-notes-bibliography.csl (CSL styles repository: "Chicago Manual of
 * Style 18th edition (notes and bibliography)", formerly
 * chicago-fullnote-bibliography.csl); they are not part of this project.
 * Prints one block per item: `brief` then `citeproc`, and a count of equal
 * lines. The result is discussed in docs/citations.md.
 */
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { loadReferences, renderCitation, toCslJson } from '@brief/citations';
import { languageStyle, reportTemplate } from '@brief/templates';

const require = createRequire(import.meta.url);
const CSL = require('citeproc');
const here = dirname(fileURLToPath(import.meta.url));
const cslDir = process.env.CSL_DIR;
if (!cslDir) {
  console.error('set CSL_DIR to a directory with locales-en-US.xml and chicago-notes-bibliography.csl');
  process.exit(2);
}
const lang = 'en';
const { library } = loadReferences(join(here, '../test/every-type'));

const items = Object.fromEntries([...library.items.values()].map((i) => [i.id, toCslJson(i, lang)]));
const style = readFileSync(join(cslDir, 'chicago-notes-bibliography.csl'), 'utf8');
const locale = readFileSync(join(cslDir, 'locales-en-US.xml'), 'utf8');
const flat = (inlines) => inlines.map((n) => (n.kind === 'text' ? n.value : n.kind === 'emphasis' ? `*${flat(n.children)}*` : n.children ? flat(n.children) : '')).join('');
const fromHtml = (html) =>
  html
    .replace(/<i>(.*?)<\/i>/g, '*$1*')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&#38;/g, '&')
    .replace(/&#60;/g, '<')
    .replace(/&#62;/g, '>');

let same = 0;
const ctx = { lang, style: languageStyle(reportTemplate, lang), library, endsParagraph: true };
for (const id of Object.keys(items)) {
  // A fresh processor per item: every citation is a first (full) note.
  const sys = { retrieveLocale: () => locale, retrieveItem: (key) => items[key] };
  const engine = new CSL.Engine(sys, style, 'en-US');
  engine.opt.development_extensions.wrap_url_and_doi = false;
  const [, rendered] = engine.processCitationCluster({ citationItems: [{ id }], properties: { noteIndex: 1 } }, [], []);
  const theirs = fromHtml(rendered[0]?.[1] ?? '');
  const ours = flat(renderCitation([{ key: id }], false, ctx));
  if (theirs === ours) same++;
  console.log(`${id}\n  brief     ${ours}\n  citeproc  ${theirs}\n`);
}
console.log(`${same} of ${Object.keys(items).length} equal`);
