/**
 * Compare citeproc-js with the typed formatter on the sample report's notes.
 *
 *   npx tsc -b && CSL_DIR=/path/to/csl node packages/citations/compare/compare-citeproc.mjs [--all]
 *
 * CSL_DIR holds locales-ja-JP.xml and locales-en-US.xml (from the CSL
 * locales repository) and chicago-notes-bibliography.csl (from the CSL styles
 * repository); they are not part of this project. The ja style is
 * ./ja-house.csl. Prints, per edition, how many notes citeproc renders as the
 * typed formatter does (ja: also against the print), and every difference.
 */
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { blockText } from '@brief/document-model';
import { citationsOf, isCitationOnly, readSource } from '@brief/source-reader';
import { localizedOrAny, nameText, parseCslDate, parseLocator, titleText, renderCitation, decideIbid } from '@brief/citations';
import { languageStyle, reportTemplate } from '@brief/templates';

const require = createRequire(import.meta.url);
const CSL = require('citeproc');
const here = dirname(fileURLToPath(import.meta.url));
const cslDir = process.env.CSL_DIR;
if (!cslDir) {
  console.error('set CSL_DIR to a directory with locales-ja-JP.xml, locales-en-US.xml and chicago-notes-bibliography.csl');
  process.exit(2);
}
const showAll = process.argv.includes('--all');
const sourceDir = 'sources/trump-second-term-year-one';

/** A CSL-JSON item for citeproc in one language (per-language maps flattened). */
function flatten(item, lang) {
  const out = { id: item.id, type: item.type };
  const text = (v) => localizedOrAny(v, lang);
  const title = (v) => {
    const t = titleText(v, lang);
    if (!t) return undefined;
    return [t.main, t.translation].filter(Boolean).join(' ');
  };
  if (item.title) out.title = title(item.title);
  if (item['container-title']) out['container-title'] = title(item['container-title']);
  for (const f of ['publisher', 'publisher-place', 'edition', 'genre']) if (item[f] !== undefined) out[f] = text(item[f]);
  for (const f of ['volume', 'issue', 'page', 'number', 'URL']) if (item[f] !== undefined) out[f] = String(item[f]);
  if (item.chamber) out.authority = text(item.chamber);
  if (item.committee) out.section = text(item.committee);
  if (item.author)
    out.author = item.author.map((n) =>
      n.literal ? { literal: text(n.literal) } : lang === 'en' && n['static-ordering'] ? { literal: nameText(n, lang) } : { family: text(n.family), given: text(n.given) },
    );
  for (const f of ['issued', 'accessed']) {
    const d = parseCslDate(item[f]);
    if (d) out[f] = { 'date-parts': [[d.year, d.month, d.day].filter((x) => x !== undefined)] };
  }
  return out;
}

function citeprocNotes(doc, library, lang, styleXml, localeXml) {
  const items = Object.fromEntries([...library.items.values()].map((i) => [i.id, flatten(i, lang)]));
  const sys = { retrieveLocale: () => localeXml, retrieveItem: (id) => items[id] };
  const engine = new CSL.Engine(sys, styleXml, lang === 'ja' ? 'ja-JP' : 'en-US');
  engine.setOutputFormat('text');
  const done = [];
  const out = new Map();
  doc.notes.forEach((note, i) => {
    const cites = [];
    const visit = (inlines) => {
      for (const n of inlines) {
        if (n.kind === 'citation') cites.push(n);
        else if (n.children) visit(n.children);
      }
    };
    for (const b of note.children) if (b.children) visit(b.children);
    cites.forEach((cite, j) => {
      const citationItems = cite.items.map((it) => {
        const loc = parseLocator(it.locator);
        const locator = loc ? (loc.kind === 'page' ? (loc.to ? `${loc.from}-${loc.to}` : loc.from) : loc.text) : undefined;
        return { id: it.key, ...(locator ? { locator, label: 'page' } : {}) };
      });
      const citation = { citationID: `n${i}-${j}`, citationItems, properties: { noteIndex: i + 1 } };
      const [, results] = engine.processCitationCluster(citation, done, []);
      done.push([citation.citationID, i + 1]);
      for (const [, text, id] of results) out.set(id, text);
    });
  });
  return out;
}

/** The note's plain text with each citation printed as citeproc does. */
function withCiteproc(note, texts, index) {
  const copy = structuredClone(note);
  let j = 0;
  const visit = (inlines) => {
    for (const n of inlines) {
      if (n.kind === 'citation') n.rendered = [{ kind: 'text', value: texts.get(`n${index}-${j++}`) ?? '' }];
      else if (n.children) visit(n.children);
    }
  };
  for (const b of copy.children) if (b.children) visit(b.children);
  return blockText(copy.children);
}

const comparable = (t) =>
  t
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[<〈]+(?=https?:)/g, '')
    .replace(/(https?:\/\/[^<>〈〉]+?)[>〉]+/g, '$1');

const printed = new Map(
  readFileSync('tests/fixtures/seed-notes.ja.txt', 'utf8')
    .split('\n')
    .map((l) => /^(\d+)\t(.*)$/.exec(l))
    .filter(Boolean)
    .map((m) => [Number(m[1]), m[2]]),
);

const read = readSource(sourceDir, { languages: ['ja'] });
const ja = read.editions[0];
const library = read.library;

// ja: citeproc with the ja house CSL, against the print and the typed formatter.
{
  const texts = citeprocNotes(ja, library, 'ja', readFileSync(join(here, 'ja-house.csl'), 'utf8'), readFileSync(join(cslDir, 'locales-ja-JP.xml'), 'utf8'));
  let vsPrint = 0;
  let vsTyped = 0;
  const lines = [];
  ja.notes.forEach((note, i) => {
    const ours = blockText(note.children);
    const theirs = withCiteproc(note, texts, i);
    const print = printed.get(note.number) ?? '';
    if (comparable(theirs) === comparable(print)) vsPrint++;
    if (comparable(theirs) === comparable(ours)) vsTyped++;
    else lines.push(`  ${note.number}\n    typed:    ${ours}\n    citeproc: ${theirs}`);
  });
  console.log(`ja: citeproc (ja-house.csl) equals the print in ${vsPrint}/62 notes, the typed formatter in ${vsTyped}/62`);
  console.log(lines.join('\n'));
}

// en: citeproc with the published Chicago notes style, against the typed formatter.
{
  const style = languageStyle(reportTemplate, 'en');
  const texts = citeprocNotes(ja, library, 'en', readFileSync(join(cslDir, 'chicago-notes-bibliography.csl'), 'utf8'), readFileSync(join(cslDir, 'locales-en-US.xml'), 'utf8'));
  const decisions = decideIbid(ja.notes.map((n) => ({ citations: citationsOf(n).map((c) => c.items), citationOnly: isCitationOnly(n) })));
  let shown = 0;
  ja.notes.forEach((note, i) => {
    citationsOf(note).forEach((cite, j) => {
      const d = decisions[i];
      const typed = renderCitation(d.items ?? cite.items, d.ibid, { lang: 'en', style, library, endsParagraph: true })
        .map((x) => (x.kind === 'text' ? x.value : x.kind === 'emphasis' ? x.children.map((c) => c.value).join('') : x.kind === 'link' ? x.url : ''))
        .join('');
      const theirs = texts.get(`n${i}-${j}`);
      if (showAll || shown < 12) console.log(`  ${note.number}\n    typed:    ${typed}\n    citeproc: ${theirs}`);
      shown++;
    });
  });
}
