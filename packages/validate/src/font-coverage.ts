/**
 * Every character is checked against the face the PDF will draw it with:
 * the role's family for its script (Latin or Japanese, as `splitByScript`
 * assigns it), in the weight and slant of its run (strong text in the bold
 * file, emphasis in the italic file, code in the code face), or the first
 * fallback family of the role that has it. A character no such face has
 * would come out as an empty box (tofu): an error, one per face and script.
 * A run asking for a weight or slant its family has no file for is drawn
 * with another of its files: a warning, one per family and variant.
 */
import { basename } from 'node:path';
import { diagnostic, isCjk, type Block, type Diagnostic, type Inline, type SourceSpan } from '@brief/document-model';
import { drawnFallback, faceHasGlyph, familiesGeneration, faceHasVariant, fontFiles, hasOwnVariant, isInvisible, isVariationSelector, splitByScript, type FontVariant } from '@brief/fonts';
import { codeFonts, languageStyle, type FontRole } from '@brief/templates';
import type { ValidationInput } from './index.js';

/** How many characters a message lists. */
const LISTED = 10;

/**
 * Letters of the scripts written right to left. The PDF writer sets every
 * line left to right, one character after another: such text comes out
 * reversed, and Arabic letters unjoined. (The DOCX and EPUB editions leave
 * the order to Word and the reading system; the built-in faces have Arabic
 * letters only in Noto Sans Math, which does not join them.)
 */
const rightToLeft = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}]+/u;
/** Of those, the scripts whose letters join. */
const joining = /[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Nko}\p{Script=Mandaic}\p{Script=Adlam}]/u;

type RoleName = 'body' | 'heading' | 'code';

interface Role {
  name: RoleName;
  latin: string;
  cjk: string;
  fallback: string[];
}

/** The state of a run of text, as the PDF writer's inline walk keeps it. */
interface RunState {
  role: Role;
  bold: boolean;
  italics: boolean;
}

const variantName: Record<FontVariant, string> = { normal: 'regular', bold: 'bold', italics: 'italic', bolditalics: 'bold italic' };

const hex = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
const codePoint = (cp: number): string => `"${String.fromCodePoint(cp)}" ${hex(cp)}`;

/** The first characters of a list as a message names them ("✱" U+2731, …), and what says more were left out. */
export function listedCodePoints(chars: readonly number[]): { listed: string; more: string } {
  return { listed: chars.slice(0, LISTED).map(codePoint).join(', '), more: chars.length > LISTED ? `, …; first ${LISTED} listed` : '' };
}
/** A variation sequence as "葛󠄁" (U+845B U+E0101). */
const sequence = (s: string): string => `"${s}" (${[...s].map((c) => hex(c.codePointAt(0) ?? 0)).join(' ')})`;

/**
 * Runs of text found whole: every character in the face that sets it and
 * nothing to say (no missing glyph, no variation sequence drawn as its
 * base, no variant drawn with another file), by their text and how they are
 * set. A run found whole stays whole while the families keep their files
 * (`familiesGeneration`): `brief watch` checks again only the runs an edit
 * changed. Emptied when it holds `KEPT_RUNS`.
 */
const wholeRuns = new Set<string>();
const KEPT_RUNS = 200_000;

function roleOf(name: RoleName, role: FontRole): Role {
  return { name, latin: role.latin, cjk: role.cjk, fallback: drawnFallback(role) };
}

export function checkFontCoverage(input: ValidationInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  const generation = familiesGeneration();
  for (const doc of input.editions) {
    const lang = doc.meta.lang;
    const style = languageStyle(input.template, lang);
    const fonts = style.fonts;
    const body = roleOf('body', fonts.body);
    const heading = roleOf('heading', fonts.heading);
    const code = roleOf('code', codeFonts(fonts));
    const headingBold = style.typography.headingBold;
    // As the PDF writer: emphasis in italics when the body's Latin face has them, else in the heading faces.
    const emphasisItalic = hasOwnVariant(body.latin, 'italics');
    const fallbackAt = { file: input.files.get(lang) ?? doc.meta.id, start: { line: 1, column: 1 } };

    /** Characters no face has, per face and script: the first place, and the characters in order. */
    const missing = new Map<string, { at: SourceSpan; family: string; variant: FontVariant; script: string; role: RoleName; chars: Set<number> }>();
    /** Variation sequences a face has no glyph for (its base glyph is drawn), per face. */
    const variants = new Map<string, { at: SourceSpan; family: string; variant: FontVariant; role: RoleName; sequences: Set<string> }>();
    /** Runs drawn with a file that is not their variant's own, per family and variant. */
    const styles = new Map<string, { at: SourceSpan; family: string; variant: FontVariant }>();
    let emphasisAt: SourceSpan | undefined;
    /** The first right-to-left text of the edition, and where. */
    let rtl: { at: SourceSpan; text: string } | undefined;

    const check = (text: string, st: RunState, at: SourceSpan) => {
      const runKey = `${generation}\u0000${st.role.latin}\u0000${st.role.cjk}\u0000${st.role.fallback.join('\u0001')}\u0000${st.bold ? 'b' : ''}${st.italics ? 'i' : ''}\u0000${text}`;
      if (wholeRuns.has(runKey)) return;
      let noted = false;
      const backwards = rightToLeft.exec(text)?.[0];
      if (backwards) {
        noted = true;
        rtl ??= { at, text: backwards };
      }
      const runs = splitByScript(text, st.role.latin, st.role.cjk, { bold: st.bold, italics: st.italics, fallback: st.role.fallback });
      for (const run of runs) {
        let base: number | undefined;
        for (const ch of run.text) {
          const cp = ch.codePointAt(0) ?? 0;
          const before = base;
          base = cp;
          if (isVariationSelector(cp)) {
            base = undefined;
            if (before === undefined || isInvisible(before) || !faceHasGlyph(run.family, run.variant, before) || faceHasVariant(run.family, run.variant, before, cp)) continue;
            noted = true;
            const key = `${run.family}|${run.variant}`;
            let entry = variants.get(key);
            if (!entry) {
              entry = { at, family: run.family, variant: run.variant, role: st.role.name, sequences: new Set() };
              variants.set(key, entry);
            }
            entry.sequences.add(String.fromCodePoint(before, cp));
            continue;
          }
          // A control character is told as itself (`control-character`), not as a glyph to find.
          // Controls, non-characters and surrogates alone are told as control characters, with no font to name.
          if (isInvisible(cp) || cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0xfffe || cp === 0xffff) continue;
          // Japanese is upright by convention: a face without italics sets it as it should. A fallback
          // family (a sign the text faces lack) sets a character as it can.
          const ownFamily = run.family === st.role.latin || run.family === st.role.cjk;
          if (ownFamily && run.variant !== 'normal' && !isCjk(cp) && !hasOwnVariant(run.family, run.variant)) {
            noted = true;
            const key = `${run.family}|${run.variant}`;
            if (!styles.has(key)) styles.set(key, { at, family: run.family, variant: run.variant });
          }
          if (faceHasGlyph(run.family, run.variant, cp)) continue;
          noted = true;
          const script = scriptText(cp);
          const key = `${run.family}|${run.variant}|${script}`;
          let entry = missing.get(key);
          if (!entry) {
            entry = { at, family: run.family, variant: run.variant, script, role: st.role.name, chars: new Set() };
            missing.set(key, entry);
          }
          entry.chars.add(cp);
        }
      }
      if (noted) return;
      if (wholeRuns.size >= KEPT_RUNS) wholeRuns.clear();
      wholeRuns.add(runKey);
    };

    const inlines = (nodes: readonly Inline[], st: RunState, at: SourceSpan): void => {
      for (const node of nodes) {
        switch (node.kind) {
          case 'text':
            check(node.value, st, at);
            break;
          case 'emphasis':
            if (emphasisItalic) inlines(node.children, { ...st, italics: !st.italics }, at);
            else {
              emphasisAt ??= at;
              inlines(node.children, { ...st, role: heading }, at);
            }
            break;
          case 'strong':
            inlines(node.children, { ...st, bold: true }, at);
            break;
          case 'code':
            check(node.value, { role: code, bold: st.bold, italics: false }, at);
            break;
          case 'delete':
          case 'link':
          case 'foreign':
            inlines(node.children, st, at);
            break;
          case 'citation':
            inlines(node.rendered, st, at);
            break;
          case 'crossRef':
            check(node.text, st, at);
            break;
          case 'noteRef':
          case 'lineBreak':
            break;
        }
      }
    };

    const plain = (role: Role, bold: boolean): RunState => ({ role, bold, italics: false });
    const contents = input.template.titleBlock.showContents ? input.template.titleBlock.contentsDepth : 0;
    const tableCells = (table: { header: { cells: { children: Inline[] }[] }; rows: { cells: { children: Inline[] }[] }[] }, at: SourceSpan) => {
      for (const cell of table.header.cells) inlines(cell.children, plain(heading, true), at);
      for (const row of table.rows) for (const cell of row.cells) inlines(cell.children, plain(body, false), at);
    };
    const blocks = (list: readonly Block[], outer: SourceSpan): void => {
      for (const block of list) {
        const at = block.source ?? outer;
        switch (block.kind) {
          case 'heading':
            check(block.label, plain(heading, headingBold), at);
            inlines(block.children, plain(heading, headingBold), at);
            // The contents list on the title page sets chapter titles in the body face.
            if (block.level <= contents) inlines(block.children, plain(body, false), at);
            break;
          case 'paragraph':
            inlines(block.children, plain(body, false), at);
            break;
          case 'blockquote':
            blocks(block.children, at);
            break;
          case 'list':
            for (const item of block.items) blocks(item, at);
            break;
          case 'codeBlock':
            check(block.value, plain(code, false), at);
            break;
          case 'table':
            tableCells(block.table, at);
            break;
          case 'figure':
            check(block.label, plain(heading, headingBold), at);
            inlines(block.caption, plain(heading, headingBold), at);
            for (const remark of block.remarks ?? []) inlines(remark, plain(body, false), at);
            if (block.sourceNote) inlines(block.sourceNote, plain(body, false), at);
            if (block.body.kind === 'table') tableCells(block.body.table, at);
            break;
          case 'thematicBreak':
            break;
        }
      }
    };
    blocks(doc.body, fallbackAt);
    for (const note of doc.notes) blocks(note.children, note.children[0]?.source ?? fallbackAt);

    const m = doc.meta;
    const briefAt = (path: (string | number)[]): SourceSpan => input.brief?.spanOf(path) ?? { file: input.brief?.file ?? 'brief.yaml', start: { line: 1, column: 1 } };
    // Per-language values sit under their language key; plain strings at the key itself.
    const at = (...path: (string | number)[]) => briefAt([...path, lang]);
    const meta = (text: string, where: SourceSpan, ...states: RunState[]) => {
      for (const st of states) check(text, st, where);
    };
    // The title: in the title block (heading faces) and, if the running head prints it, in the body faces.
    meta(m.title, at('title'), plain(heading, headingBold), ...(style.strings.runningHead.includes('{title}') ? [plain(body, false)] : []));
    if (m.subtitle) meta(m.subtitle, at('subtitle'), plain(heading, false));
    m.authors.forEach((a, i) => {
      meta(a.name, at('authors', i, 'name'), plain(body, false));
      if (a.affiliation) meta(a.affiliation, at('authors', i, 'affiliation'), plain(body, false));
    });
    if (m.series) meta(m.series.title, at('series', 'title'), plain(body, false));
    if (m.publisher) meta(m.publisher, at('publisher'), plain(body, false));
    m.notices.forEach((n, i) => meta(n, briefAt(['notices', lang, i]), plain(body, false)));

    for (const entry of missing.values()) {
      const chars = [...entry.chars];
      const { listed, more } = listedCodePoints(chars);
      const file = basename(fontFiles(entry.family)[entry.variant]);
      out.push(
        diagnostic(
          'font-missing-glyph',
          'error',
          `${chars.length} character${chars.length === 1 ? '' : 's'} (${listed}${more}) cannot be printed with ${entry.family} ${variantName[entry.variant]} (${file}) for ${entry.script}`,
          entry.at,
          `add a family that has ${chars.length === 1 ? 'it' : 'them'} to \`fonts.${lang}.${entry.role}.fallback\` in the template, or replace ${chars.length === 1 ? 'it' : 'them'}`,
        ),
      );
    }
    for (const entry of variants.values()) {
      const sequences = [...entry.sequences];
      const listed = sequences.slice(0, LISTED).map(sequence).join(', ');
      const more = sequences.length > LISTED ? `, …; first ${LISTED} listed` : '';
      const file = basename(fontFiles(entry.family)[entry.variant]);
      const one = sequences.length === 1;
      out.push(
        diagnostic(
          'font-missing-variant',
          'warning',
          `${entry.family} ${variantName[entry.variant]} (${file}) has no glyph for ${one ? 'the variation sequence' : `${sequences.length} variation sequences`} ${listed}${more}: ${one ? 'its base character is' : 'their base characters are'} printed in the usual form`,
          entry.at,
          `if the form matters (a name as registered), set \`fonts.${lang}.${entry.role}\` in the template to a family that has ${one ? 'it' : 'them'}; if not, drop the selector`,
        ),
      );
    }
    for (const entry of styles.values()) {
      const own = hasOwnVariant(entry.family, 'bold') && entry.variant === 'bolditalics' ? 'bold' : 'regular';
      out.push(
        diagnostic(
          'font-style-missing',
          'warning',
          `${entry.family} has no ${variantName[entry.variant]} face: its ${variantName[entry.variant]} text is set in its ${own} face`,
          entry.at,
          `add the ${variantName[entry.variant]} file under \`fontFiles\` in the template, or choose a family that has one`,
        ),
      );
    }
    if (rtl) {
      const shown = [...rtl.text].length > 20 ? `${[...rtl.text].slice(0, 20).join('')}…` : rtl.text;
      out.push(
        diagnostic(
          'text-right-to-left',
          'warning',
          `right-to-left text ("${shown}") is printed in the PDF left to right, its letters in reverse order${joining.test(rtl.text) ? ' and unjoined' : ''}`,
          rtl.at,
          'give the text in transliteration, or as a picture',
        ),
      );
    }
    // A Latin body face without italics: emphasis goes to the heading faces (by design in Japanese, where the
    // body's Latin face is the Japanese one).
    if (emphasisAt && body.latin !== body.cjk) {
      out.push(
        diagnostic(
          'font-style-missing',
          'warning',
          `${body.latin} has no italic face: emphasis is set in ${heading.latin} instead`,
          emphasisAt,
          `add the italic file of ${body.latin} under \`fontFiles\` in the template, or choose a body family with italics`,
        ),
      );
    }
  }
  return out;
}

/** Scripts a missing character is named by, as Unicode writes them (Script=…), and the words for each. */
const scriptNames: [string, string][] = [
  ['Latin', 'Latin'],
  ['Greek', 'Greek'],
  ['Cyrillic', 'Cyrillic'],
  ['Armenian', 'Armenian'],
  ['Georgian', 'Georgian'],
  ['Hebrew', 'Hebrew'],
  ['Arabic', 'Arabic'],
  ['Syriac', 'Syriac'],
  ['Thaana', 'Thaana'],
  ['Devanagari', 'Devanagari'],
  ['Bengali', 'Bengali'],
  ['Gurmukhi', 'Gurmukhi'],
  ['Gujarati', 'Gujarati'],
  ['Oriya', 'Odia'],
  ['Tamil', 'Tamil'],
  ['Telugu', 'Telugu'],
  ['Kannada', 'Kannada'],
  ['Malayalam', 'Malayalam'],
  ['Sinhala', 'Sinhala'],
  ['Thai', 'Thai'],
  ['Lao', 'Lao'],
  ['Tibetan', 'Tibetan'],
  ['Myanmar', 'Myanmar'],
  ['Khmer', 'Khmer'],
  ['Mongolian', 'Mongolian'],
  ['Ethiopic', 'Ethiopic'],
  ['Cherokee', 'Cherokee'],
  ['Hangul', 'Korean (Hangul)'],
  ['Bopomofo', 'Chinese (Bopomofo)'],
  ['Yi', 'Yi'],
];
const scriptPatterns = scriptNames.map(([script, name]) => [new RegExp(`^\\p{Script=${script}}$`, 'u'), name] as const);

/**
 * What text a character belongs to, by its Unicode script: `Korean (Hangul)
 * text`, `Arabic text`; Japanese (CJK) for Han, kana and the CJK forms;
 * symbols for the characters no one script owns (emoji, signs).
 */
function scriptText(cp: number): string {
  const ch = String.fromCodePoint(cp);
  if (/^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]$/u.test(ch)) return 'Japanese (CJK) text';
  for (const [pattern, name] of scriptPatterns) if (pattern.test(ch)) return `${name} text`;
  if (isCjk(cp)) return 'Japanese (CJK) text';
  if (/^[\p{Script=Common}\p{Script=Inherited}]$/u.test(ch)) return 'symbols';
  return 'text of another script';
}
