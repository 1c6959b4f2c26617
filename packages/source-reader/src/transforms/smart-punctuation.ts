/**
 * Typed punctuation set as a typesetter (and Pandoc's `smart` reading) sets
 * it: "word" → “word”, 'word' → ‘word’, it's → it’s, '90s → ’90s; `---` → —
 * (em dash), `--` → – (en dash), `...` → … and the hyphen of a range of
 * pages after pp. → – (pp. 101–108); a hyphen standing for a minus sign before a
 * number (-3.2, (-12%)) → −3.2; an amount and its scale word (8 billion),
 * a number and its unit (−5 °C, 20 km, 0.35 dB/km) and an abbreviation and
 * the number it counts (No. 12, p. 8, § 17), joined by a no-break space. Everything printed as text is set so: the
 * body, the notes, headings, captions, table cells, figure descriptions,
 * the metadata and the citations as rendered (a title from references.yaml
 * too). Code, URLs shown as link text and cross-reference labels are left
 * as written.
 */
import { blocksOfKind, forEachInlines, type Block, type Inline, type Metadata, type Note } from '@brief/document-model';

/** Abbreviations that name what the number after them counts (a word of their own, then a space and a digit). */
const numberedAbbreviation = /(?<![\p{L}\p{N}.])((?:No|Nos|no|nos|p|pp|vol|vols|Vol|art|arts|Art|ch|chap|Ch|sec|secs|Sec|s|ss|para|paras|fig|figs|Fig|n|nn|ed)\.|§§?) (?=\d)/gu;

/**
 * Units a number stays with (SI and common ones, not those of one letter,
 * which are words or labels too: 2019 A, Figure 2 V, 5 s): −5 °C, 20 km,
 * 0.35 dB/km, 1.2 Gbps, 40 kWh, 3 m².
 */
const unitAfterNumber =
  /(\d) ((?:°[CF]|%|‰|ppm|ppb|[kMGT]Wh?|kWh|Wh|[kMG]V|mA|[kMG]?Hz|dBm?|[kMG]bps|[kMG]bit\/s|[kKMGT]B|[kcmµn]?m[²³]?|[kmµ]?g|[mµ]L|ml|ha|ft|lb|oz|mph|km\/h|min|ms|µs|ns|mol|[kMh]?Pa|kN|[kM]J|k?cal|lx|dpi|px|pt)(?:\/(?:[kcmµ]?m[²³]?|s|h|km|kg|yr|day|year|capita))?)(?![\p{L}\p{N}-])/gu;

/** Before these (or at the start), a quote opens. */
const opensAfter = /[\s([{“‘—–\-/\u3000-\u3003\u3008-\u3011\uff08\uff3b\uff5b]/u;

/** Set the punctuation of a text, given the character before it ('' at the start of a paragraph). */
export function smartPunctuation(text: string, before = ''): string {
  if (text.includes('--')) text = text.replace(/---/g, '—').replace(/--/g, '–');
  // An amount stays with its scale word: $8 billion, ¥330 million (a no-break space).
  if (/\d /.test(text)) text = text.replace(/(\d) (thousand|million|billion|trillion)\b/gu, '$1\u00a0$2');
  // A number stays with its unit: −5 °C, 20 km, 0.35 dB/km.
  if (/\d /.test(text)) text = text.replace(unitAfterNumber, '$1\u00a0$2');
  // An abbreviation stays with the number it counts: No. 12, p. 8, pp. 3–9, vol. 2, § 17.
  if (/[.§] \d/.test(text)) text = text.replace(numberedAbbreviation, '$1\u00a0');
  // Pages after pp. are a range: its hyphen is an en dash (pp. 101–108; p. 5-3 is one page, numbered by its section).
  if (text.includes('pp.')) text = text.replace(/(?<![\p{L}.])(pp\.\u00a0[0-9]+)-(?=[0-9]+(?![\p{L}\p{N}-]))/gu, '$1–');
  // Three full stops typed for an ellipsis: … (four are a full stop and an ellipsis, left as typed).
  if (text.includes('...')) text = text.replace(/(?<!\.)\.\.\.(?!\.)/g, '…');
  // So does the abbreviation of a code or a reporter the number is in: 201 C.M.R. 17.00, 347 U.S. 483.
  if (/[A-Z]\. \d/.test(text)) text = text.replace(/(?<![\p{L}.])((?:\p{Lu}[\p{Ll}]{0,3}\.){2,}) (?=\d)/gu, '$1\u00a0');
  // A minus: a hyphen before a digit that starts a word (not 12-15, not a date).
  // Not the end of a range of hyphenated section numbers, which keeps its hyphen (§§ 14-4601 to -4613).
  if (text.includes('-'))
    text = text.replace(/(^|[\s([{（［=])-(?=\d)/gu, (_, lead: string, offset: number, whole: string) =>
      (offset === 0 && lead === '' && /[\p{L}\p{N}]/u.test(before)) || /\d-\d+[\w.()]* (?:to|through)$/u.test(whole.slice(0, offset)) ? `${lead}-` : `${lead}−`,
    );
  if (!text.includes('"') && !text.includes("'")) return text;
  const chars = [...text];
  let prev = before;
  return chars
    .map((ch, k) => {
      let out = ch;
      const opening = prev === '' || opensAfter.test(prev);
      if (ch === '"') out = opening ? '“' : '”';
      else if (ch === "'") out = opening && !/\p{N}/u.test(chars[k + 1] ?? '') ? '‘' : '’';
      // What was set, not what was typed: a quote opens after an opening quote ("'no …'" → “‘no …’”).
      prev = out;
      return out;
    })
    .join('');
}

const lastChar = (s: string) => [...s].pop() ?? '';

/** Set the punctuation of one paragraph's inline content, in reading order across emphasis, links and citations. */
function smartenInlines(inlines: Inline[]): void {
  let prev = '';
  const go = (list: Inline[]) => {
    for (const node of list) {
      switch (node.kind) {
        case 'text':
          node.value = smartPunctuation(node.value, prev);
          if (node.value) prev = lastChar(node.value);
          break;
        case 'code':
          if (node.value) prev = lastChar(node.value);
          break;
        case 'crossRef':
          if (node.text) prev = lastChar(node.text);
          break;
        case 'lineBreak':
          prev = ' ';
          break;
        case 'noteRef':
          break;
        case 'citation':
          go(node.rendered);
          break;
        case 'link': {
          // A URL shown as itself stays as written.
          const only = node.children.length === 1 ? node.children[0] : undefined;
          if (only?.kind === 'text' && (only.value === node.url || `mailto:${only.value}` === node.url)) prev = lastChar(only.value);
          else go(node.children);
          break;
        }
        case 'emphasis':
        case 'strong':
        case 'delete':
        case 'foreign':
          go(node.children);
          break;
      }
    }
  };
  go(inlines);
}

/** Set the punctuation of an edition's body and notes (figures' long descriptions too). */
export function smartenPunctuation(body: readonly Block[], notes: readonly Note[]): void {
  forEachInlines(body, smartenInlines);
  for (const figure of blocksOfKind(body, 'figure')) if (figure.description) forEachInlines(figure.description, smartenInlines);
  for (const note of notes) forEachInlines(note.children, smartenInlines);
}

/** Set the punctuation of the metadata printed as text: title, subtitle, authors, affiliations, series, publisher, notices. */
export function smartenMetadata(meta: Metadata): void {
  meta.title = smartPunctuation(meta.title);
  if (meta.subtitle) meta.subtitle = smartPunctuation(meta.subtitle);
  // The title block's inlines (a title with italics in it), set as the title's text is.
  if (meta.titleInlines) smartenInlines(meta.titleInlines);
  if (meta.subtitleInlines) smartenInlines(meta.subtitleInlines);
  for (const author of meta.authors) {
    author.name = smartPunctuation(author.name);
    if (author.affiliation) author.affiliation = smartPunctuation(author.affiliation);
  }
  if (meta.series) meta.series.title = smartPunctuation(meta.series.title);
  if (meta.publisher) meta.publisher = smartPunctuation(meta.publisher);
  meta.notices = meta.notices.map((n) => smartPunctuation(n));
}
