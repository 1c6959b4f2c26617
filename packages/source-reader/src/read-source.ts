/**
 * A report source directory → one document model per edition, plus every
 * diagnostic found on the way. Never throws on bad input.
 */
import { isInsideReal } from './paths.js';

export { isInsideReal };
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type * as Md from 'mdast';
import { diagnostic, sortDiagnostics, type Block, type Diagnostic, type DocumentModel, type LanguageTag, type Note } from '@brief/document-model';
import { emptyLibrary, loadReferences, referencesFile, type ReferenceLibrary } from '@brief/citations';
import { languageStyle, reportTemplate, resolveTemplate, type Template } from '@brief/templates';
import { metadataFor, readBrief, withoutTypedMark, type Brief } from './brief.js';
import { parseMarkdown } from './markdown.js';
import { referencedControls } from './character-references.js';
import { readableMarkdown } from './typed-forms.js';
import { screenBody, tooDeep } from './limits.js';
import { convertBlocks, normaliseLabel, spanOf, writerIdClashes, type ConvertContext } from './to-model.js';
import { numberNotes } from './transforms/number-notes.js';
import { numberHeadingsAndFigures } from './transforms/number-headings.js';
import { resolveCrossReferences } from './transforms/cross-references.js';
import { renderNoteCitations } from './transforms/citations.js';
import { punctuationIntoQuotes } from './transforms/quote-punctuation.js';
import { markAttributions } from './transforms/attributions.js';
import { markContinuations } from './transforms/continuations.js';
import { placeMarksAfterPunctuation } from './transforms/note-marks.js';
import { smartenMetadata, smartenPunctuation } from './transforms/smart-punctuation.js';

/** A file that could not be read: the reason from the system, and what to do. */
function unreadable(file: string, e: unknown, hint: string): Diagnostic {
  return diagnostic('file-unreadable', 'error', `${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { file, start: { line: 1, column: 1 } }, hint);
}

/**
 * Largest body file accepted, in bytes. The Markdown parser needs up to about
 * 2.5 GB of memory per MB of the worst kinds of body (a long GFM table, many
 * tiny paragraphs), so this keeps a check inside Node's default heap (about 4 GB).
 */
export const maxBodyBytes = 1024 * 1024;

export interface ReadOptions {
  /** The house style (default: the built-in report template). */
  template?: Template;
  /** Only these languages (default: all declared). */
  languages?: LanguageTag[];
  /** Base for relative paths in diagnostics (default: process.cwd()). */
  cwd?: string;
  /**
   * Read an edition in another thread (`readLanguageAlone` there) while this
   * one reads the others: called, when there are two or more to read, with
   * the last of them, it returns a function that waits for what that thread
   * read (or undefined when it could not: the edition is then read here), or
   * nothing when no thread will.
   */
  readElsewhere?: (lang: LanguageTag) => (() => LanguageRead | undefined) | undefined;
  /** Called with the house style once brief.yaml is read and the style resolved, before the bodies are read. */
  beforeBodies?: (template: Template) => void;
}

/** One language of a source as read: its edition (when it reads), its body and what reading them said. */
export interface LanguageRead {
  model?: DocumentModel;
  body?: EditionSource;
  diagnostics: Diagnostic[];
}

export interface EditionSource {
  lang: LanguageTag;
  /** Path of the body, relative to cwd. */
  file: string;
  text: string;
  mdast?: Md.Root;
}

export interface ReadResult {
  sourceDir: string;
  /** The house style the editions were resolved with (brief.yaml `template` and overrides). */
  template: Template;
  brief?: Brief;
  library: ReferenceLibrary;
  editions: DocumentModel[];
  /** Template files read (besides built-ins). */
  templateFiles?: string[];
  /** The bodies as read (for parity and text-level checks). */
  bodies: EditionSource[];
  diagnostics: Diagnostic[];
}

/**
 * Decode UTF-8 strictly and report control characters, lone surrogates and
 * a byte-order mark. Returns the text (BOM removed) or undefined.
 */
export function decodeSourceText(file: string, bytes: Uint8Array, diagnostics: Diagnostic[]): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Find the first bad byte for the position.
    let line = 1;
    let column = 1;
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const bad = lossy.indexOf('\uFFFD');
    for (const ch of lossy.slice(0, Math.max(0, bad))) {
      if (ch === '\n') {
        line++;
        column = 1;
      } else column++;
    }
    diagnostics.push(diagnostic('encoding', 'error', 'the file is not valid UTF-8 text', { file, start: { line, column } }, 'save it as UTF-8'));
    return undefined;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Lines ended by a lone carriage return (classic Mac OS) end as the others do: one character for one.
  if (text.includes('\r')) text = text.replace(/\r(?!\n)/g, '\n');
  let line = 1;
  let column = 1;
  let reported = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // C0/C1 controls, and the non-characters U+FFFE/U+FFFF (not allowed in XML).
    const control = (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c <= 0x9f) || c === 0xfffe || c === 0xffff;
    if (control && reported < 20) {
      reported++;
      diagnostics.push(
        diagnostic(
          'control-character',
          'error',
          `control character U+${c.toString(16).toUpperCase().padStart(4, '0')} in text`,
          { file, start: { line, column } },
          'delete it (it is invisible and prints as nothing or a box)',
        ),
      );
    }
    if (c === 0x0a) {
      line++;
      column = 1;
    } else column++;
  }
  return normaliseText(file, text, diagnostics);
}

/**
 * Text is printed in Unicode NFC. Decomposed text (が written as か + U+3099,
 * as some macOS tools save it) is composed, with a warning naming the first
 * place on each line, so that search, copy and the edition comparison see
 * the same characters. Columns after a composed character on the same line
 * shift left by the code units saved.
 */
function normaliseText(file: string, text: string, diagnostics: Diagnostic[]): string {
  // Fast path: ASCII, and text already in NFC.
  if (!/[^\x00-\x7f]/.test(text) || text.normalize('NFC') === text) return text;
  const lines = text.split('\n');
  let reported = 0;
  for (let i = 0; i < lines.length; i++) {
    const lineText = lines[i]!;
    const nfc = lineText.normalize('NFC');
    if (nfc === lineText) continue;
    if (reported < 20) {
      reported++;
      let k = 0;
      while (k < lineText.length && k < nfc.length && lineText[k] === nfc[k]) k++;
      // The first code unit that composition changes: the base character.
      const column = k + 1;
      diagnostics.push(
        diagnostic(
          'text-not-nfc',
          'warning',
          'decomposed Unicode text (e.g. が typed as か + a combining mark) is printed composed (NFC)',
          { file, start: { line: i + 1, column } },
          'save the file in NFC so that search and copy find the same characters',
        ),
      );
    }
    lines[i] = nfc;
  }
  return lines.join('\n');
}

function readText(path: string, file: string, diagnostics: Diagnostic[], sourceDir?: string): string | undefined {
  let bytes: Uint8Array;
  try {
    // A symbolic link may not lead out of the source directory.
    if (sourceDir && !isInsideReal(sourceDir, path)) {
      diagnostics.push(
        diagnostic(
          'file-outside-source',
          'error',
          `${file} is a link to a file outside the source directory`,
          { file, start: { line: 1, column: 1 } },
          'copy the file into the report folder instead of linking to it',
        ),
      );
      return undefined;
    }
    const stat = statSync(path);
    if (!stat.isFile()) {
      diagnostics.push(diagnostic('file-unreadable', 'error', `${file} is not a regular file`, { file, start: { line: 1, column: 1 } }, 'replace it with a text file'));
      return undefined;
    }
    if (stat.size > maxBodyBytes) {
      diagnostics.push(
        diagnostic('file-too-large', 'error', `${file} is ${(stat.size / 1048576).toFixed(1)} MB (limit ${maxBodyBytes / 1048576} MB)`, { file, start: { line: 1, column: 1 } }, 'split the report'),
      );
      return undefined;
    }
    bytes = readFileSync(path);
  } catch (e) {
    diagnostics.push(unreadable(file, e, 'check that the file exists and is readable'));
    return undefined;
  }
  return decodeSourceText(file, bytes, diagnostics);
}

/** Read one edition body into a model. */
function readEdition(
  sourceDir: string,
  brief: Brief,
  lang: LanguageTag,
  file: string,
  text: string,
  template: Template,
  library: ReferenceLibrary,
  diagnostics: Diagnostic[],
): { model: DocumentModel; mdast: Md.Root } | undefined {
  if (text.trim() === '') {
    diagnostics.push(
      diagnostic('body-empty', 'error', `${file} is empty`, { file, start: { line: 1, column: 1 } }, `write the ${lang} edition's text, or remove "${lang}" from languages in brief.yaml`),
    );
    return undefined;
  }
  // Screen, parse and measure before anything recursive walks the tree.
  if (!screenBody(file, text, diagnostics)) return undefined;
  let mdast: Md.Root;
  // The text as Markdown reads it (typed forms rewritten code unit for code unit, so places hold).
  const readable = readableMarkdown(text);
  try {
    mdast = parseMarkdown(readable);
  } catch (e) {
    diagnostics.push(
      diagnostic(
        e instanceof RangeError ? 'nesting-too-deep' : 'markdown-unreadable',
        'error',
        `${file} cannot be parsed: ${(e as Error).message}`,
        { file, start: { line: 1, column: 1 } },
        'simplify the nesting of emphasis, links, lists and quotations',
      ),
    );
    return undefined;
  }
  const deep = tooDeep(mdast);
  if (deep) {
    const at = deep.node.position?.start ?? { line: 1, column: 1 };
    diagnostics.push(
      diagnostic(
        'nesting-too-deep',
        'error',
        `elements are nested more than ${deep.depth - 1} levels deep here`,
        { file, start: { line: at.line, column: at.column } },
        'a report needs no more than a few levels; flatten the lists, quotations or emphasis',
      ),
    );
    return undefined;
  }
  referencedControls(file, readable, mdast, diagnostics);
  const ctx: ConvertContext = {
    file,
    text: readable,
    sourceDir,
    diagnostics,
    definitions: new Map(),
    colonless: colonlessDefinitions(readable),
    notes: new Map(),
    referenced: new Set(),
    inNote: false,
    generated: 0,
    ids: new Set(),
    atWords: [],
    lang,
    style: languageStyle(template, lang),
    library,
    rowHeaderColumns: template.tables.rowHeaderColumns,
  };
  const visitDefinitions = (nodes: readonly Md.Node[]) => {
    for (const node of nodes) {
      if (node.type === 'footnoteDefinition') {
        const def = node as Md.FootnoteDefinition;
        const label = normaliseLabel(def.label ?? def.identifier);
        const first = ctx.definitions.get(label);
        if (first)
          diagnostics.push(
            diagnostic(
              'note-duplicate',
              'error',
              `note [^${def.label ?? def.identifier}] is defined twice (first at line ${first.position?.start.line})`,
              spanOf(ctx, def),
              'remove or rename one of the definitions',
            ),
          );
        else ctx.definitions.set(label, def);
      }
      if ('children' in node && Array.isArray((node as Md.Parent).children)) visitDefinitions((node as Md.Parent).children);
    }
  };
  visitDefinitions(mdast.children);
  noteContinuationsIndented(ctx, mdast.children);
  const body: Block[] = convertBlocks(ctx, mdast.children);
  writerIdClashes(ctx);
  // Convert definitions (notes may reference notes: loop until stable).
  ctx.inNote = true;
  const converted = new Set<string>();
  let progress = true;
  while (progress) {
    progress = false;
    for (const [label, def] of ctx.definitions) {
      if (converted.has(label) || !ctx.referenced.has(label)) continue;
      converted.add(label);
      progress = true;
      ctx.notes.set(label, { id: label, number: 0, children: convertBlocks(ctx, def.children), generated: false, source: spanOf(ctx, def) });
    }
  }
  for (const [label, def] of ctx.definitions) {
    if (!ctx.referenced.has(label))
      diagnostics.push(
        diagnostic(
          'note-unreferenced',
          'error',
          `note [^${def.label ?? def.identifier}] is defined but never referenced`,
          spanOf(ctx, def),
          `put [^${def.label ?? def.identifier}] where its mark belongs, or delete the definition`,
        ),
      );
  }
  const style = languageStyle(template, lang);
  const places = numberHeadingsAndFigures(body, style, ctx.ids, new Map(), diagnostics);
  diagnostics.push(...typedHeadingNumbers(body));
  const notes: Note[] = numberNotes(body, ctx.notes);
  resolveCrossReferences(body, notes, diagnostics, places, ctx.unreadIds);
  // `@fig-1` (Pandoc's and Quarto's cross-reference) is text here: said where it names a heading or figure.
  for (const { word, span } of ctx.atWords ?? []) {
    if (!ctx.ids.has(word)) continue;
    diagnostics.push(
      diagnostic('ref-at-syntax', 'warning', `"@${word}" is printed as written: it names #${word} of this edition, but \`@\` cites a reference`, span, `write :ref{#${word}} to print its label`),
    );
  }
  renderNoteCitations(notes, library, style, diagnostics, ctx.ids);
  if (style.strings.terms.punctuationInQuote) punctuationIntoQuotes(body, notes);
  smartenPunctuation(body, notes);
  markAttributions(body, style.strings.attributionDash);
  markContinuations(body);
  for (const note of notes) markContinuations(note.children);
  if (style.typography.noteMarkAfterPunctuation) placeMarksAfterPunctuation(body, notes, style.strings.terms.punctuationInQuote);
  const meta = metadataFor(brief, lang);
  meta.notices = meta.notices.map((notice) => withoutTypedMark(notice, style.strings.noticeMark));
  smartenMetadata(meta);
  const model: DocumentModel = { kind: 'document', meta, sourceDir, body, notes };
  return { model, mdast };
}

/** An edition as read: its model, its tree and what reading it said. */
interface ReadEdition {
  model: DocumentModel;
  mdast: Md.Root;
  diagnostics: Diagnostic[];
}

/** Editions this process read, by everything reading them depends on (see `readEditionOnce`), the most recent last. */
const readEditions = new Map<string, ReadEdition>();
/** How many it keeps: the editions of a report or two. */
const KEPT_EDITIONS = 4;

/**
 * The files of a source folder other than its bodies, each as its path,
 * size, change times and inode: what an edition's pictures and references
 * are read from. A body's own text is part of its key; the other bodies do
 * not change it. Hidden entries and node_modules are passed over, as the
 * build's fingerprint of the folder passes them.
 */
function folderStamp(sourceDir: string, bodies: ReadonlySet<string>): string {
  const out: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const name = prefix + entry.name;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path, `${name}/`);
      else if (!bodies.has(name)) {
        try {
          const st = statSync(path, { bigint: true });
          out.push(`${name}\u0000${st.size}\u0000${st.mtimeNs}\u0000${st.ctimeNs}\u0000${st.ino}`);
        } catch {
          out.push(`${name}\u0000unreadable`);
        }
      }
    }
  };
  walk(sourceDir, '');
  return out.sort().join('\n');
}

/**
 * Read one edition, or take it as this process read it before from the same
 * inputs: its text, brief.yaml's text, the template, the other files of the
 * folder (`folderStamp`) and the names messages give. In \`brief watch\`, a
 * save of one body reads that body only; the edition that did not change is
 * the same model as before (which nothing changes after it is read), so what
 * was worked out from it once holds (its input hash, its checks).
 */
function readEditionOnce(
  key: string,
  read: (diagnostics: Diagnostic[]) => { model: DocumentModel; mdast: Md.Root } | undefined,
  diagnostics: Diagnostic[],
): { model: DocumentModel; mdast: Md.Root } | undefined {
  const kept = readEditions.get(key);
  if (kept) {
    readEditions.delete(key);
    readEditions.set(key, kept);
    diagnostics.push(...kept.diagnostics);
    return kept;
  }
  const said: Diagnostic[] = [];
  const edition = read(said);
  diagnostics.push(...said);
  if (!edition) return undefined;
  readEditions.set(key, { ...edition, diagnostics: said });
  if (readEditions.size > KEPT_EDITIONS) readEditions.delete(readEditions.keys().next().value as string);
  return edition;
}

/** Read a source directory. */
export function readSource(dir: string, options: ReadOptions = {}): ReadResult {
  return readFrom(dir, options);
}

/** `readSource`, or with `alone` the reading of that one language only (`readLanguageAlone`), put in `alone.read`. */
function readFrom(dir: string, options: ReadOptions, alone?: { lang: LanguageTag; read?: LanguageRead }): ReadResult {
  const cwd = options.cwd ?? process.cwd();
  const sourceDir = resolve(dir);
  const rel = (p: string) => relative(cwd, p) || p;
  const diagnostics: Diagnostic[] = [];
  const result: ReadResult = { sourceDir, template: options.template ?? reportTemplate, library: emptyLibrary(), editions: [], bodies: [], diagnostics };
  const briefPath = join(sourceDir, 'brief.yaml');
  if (!existsSync(briefPath)) {
    diagnostics.push(
      diagnostic(
        'brief-missing',
        'error',
        'no brief.yaml in the source directory',
        { file: rel(sourceDir), start: { line: 1, column: 1 } },
        'create brief.yaml with id, languages, title, authors and published',
      ),
    );
    return result;
  }
  const briefText = readText(briefPath, rel(briefPath), diagnostics, sourceDir);
  if (briefText === undefined) return finish(result);
  const { brief, diagnostics: briefDiagnostics } = readBrief(rel(briefPath), briefText);
  diagnostics.push(...briefDiagnostics);
  if (!brief) return finish(result);
  result.brief = brief;
  // The references file, like the bodies, must be a file of the source (no link out of it) and not too large.
  const refPath = referencesFile(sourceDir);
  const refProblem = refPath ? referencesProblem(sourceDir, refPath, rel(refPath)) : undefined;
  if (refProblem) {
    diagnostics.push(refProblem);
    result.library.unreadable = true;
  } else {
    try {
      const { library, diagnostics: refDiagnostics } = loadReferences(sourceDir, cwd);
      result.library = library;
      diagnostics.push(...refDiagnostics);
    } catch (e) {
      // An unreadable references file (a directory, no permission) is reported like any other.
      const file = rel(referencesFile(sourceDir) ?? join(sourceDir, 'references.yaml'));
      result.library.unreadable = true;
      diagnostics.push(unreadable(file, e, 'make it a readable CSL-YAML or CSL-JSON file'));
    }
  }
  let template = options.template;
  if (!template) {
    const resolved = resolveTemplate(brief.template, sourceDir, {
      cwd,
      ...(brief.templateOverrides ? { overrides: brief.templateOverrides } : {}),
      overridesSpan: brief.spanOf,
      specSpan: brief.spanOf(['template']),
    });
    diagnostics.push(...resolved.diagnostics);
    template = resolved.template;
    result.templateFiles = resolved.files;
  }
  result.template = template;
  if (!alone) options.beforeBodies?.(template);
  const wanted = options.languages ?? brief.languages;
  let stamp: string | undefined;
  const inputs = () => {
    stamp ??= [sourceDir, rel(sourceDir), briefText, JSON.stringify(template), folderStamp(sourceDir, new Set(brief.languages.map((l) => `${l}.md`)))].join('\u0001');
    return stamp;
  };
  const readHere = (lang: LanguageTag): LanguageRead => {
    const said: Diagnostic[] = [];
    if (!brief.languages.includes(lang)) {
      said.push(diagnostic('language-undeclared', 'error', `language "${lang}" is not declared in brief.yaml`, brief.spanOf(['languages']), `declared: ${brief.languages.join(', ')}`));
      return { diagnostics: said };
    }
    const path = join(sourceDir, `${lang}.md`);
    const file = rel(path);
    if (!existsSync(path)) {
      said.push(diagnostic('body-missing', 'error', `no ${lang}.md for the declared language "${lang}"`, brief.spanOf(['languages']), `write ${lang}.md or remove "${lang}" from languages`));
      return { diagnostics: said };
    }
    const text = readText(path, file, said, sourceDir);
    if (text === undefined) return { diagnostics: said };
    // Read alone for another thread, it is not kept: that thread keeps what it is sent.
    const edition = alone
      ? readEdition(sourceDir, brief, lang, file, text, template, result.library, said)
      : readEditionOnce([inputs(), lang, file, text].join('\u0001'), (own) => readEdition(sourceDir, brief, lang, file, text, template, result.library, own), said);
    return edition ? { model: edition.model, body: { lang, file, text, mdast: edition.mdast }, diagnostics: said } : { diagnostics: said };
  };
  if (alone) {
    alone.read = readHere(alone.lang);
    return result;
  }
  const last = wanted.length - 1;
  const elsewhere = last > 0 ? options.readElsewhere?.(wanted[last]!) : undefined;
  const reads = wanted.map((lang, i) => (i === last && elsewhere ? undefined : readHere(lang)));
  wanted.forEach((lang, i) => {
    const read = reads[i] ?? elsewhere?.() ?? readHere(lang);
    diagnostics.push(...read.diagnostics);
    if (read.model && read.body) {
      result.editions.push(read.model);
      result.bodies.push(read.body);
    }
  });
  return finish(result);
}

/**
 * Read one language of a source as `readSource` reads it, for a thread that
 * reads it while another reads the rest (`ReadOptions.readElsewhere`): what
 * reading brief.yaml, the references and the template said is the other
 * thread's to report, and the Markdown tree stays here (only the reader's
 * own checks walk it).
 */
export function readLanguageAlone(dir: string, lang: LanguageTag, options: Pick<ReadOptions, 'template' | 'cwd'> = {}): LanguageRead | undefined {
  const alone: { lang: LanguageTag; read?: LanguageRead } = { lang };
  readFrom(dir, options, alone);
  if (!alone.read) return undefined;
  const { model, body, diagnostics } = alone.read;
  return { ...(model ? { model } : {}), ...(body ? { body: { lang: body.lang, file: body.file, text: body.text } } : {}), diagnostics };
}

function referencesProblem(sourceDir: string, path: string, file: string): Diagnostic | undefined {
  const at = { file, start: { line: 1, column: 1 } };
  if (!isInsideReal(sourceDir, path))
    return diagnostic('file-outside-source', 'error', `${file} is a link to a file outside the source directory`, at, 'copy the file into the report folder instead of linking to it');
  try {
    const stat = statSync(path);
    if (stat.isFile() && stat.size > maxBodyBytes)
      return diagnostic('file-too-large', 'error', `${file} is ${(stat.size / 1048576).toFixed(1)} MB (limit ${maxBodyBytes / 1048576} MB)`, at, 'split the bibliography or remove unused items');
  } catch {
    /* reported by the loader */
  }
  return undefined;
}

function finish(result: ReadResult): ReadResult {
  const sorted = sortDiagnostics(result.diagnostics);
  result.diagnostics.length = 0;
  result.diagnostics.push(...sorted);
  return result;
}

/**
 * A numbered heading whose text starts with a number of its own (`## 1．はじめに`,
 * `## 2.1 Scope`, `### （1）経緯`): the style prints the number, so it would
 * print twice (1. 1．はじめに).
 */
function typedHeadingNumbers(body: readonly Block[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const block of body) {
    if (block.kind !== 'heading' || block.unnumbered || !block.number || !block.source) continue;
    const first = block.children[0];
    if (first?.kind !== 'text') continue;
    const text = first.value.normalize('NFKC');
    const own = block.number.normalize('NFKC').trim();
    // `2.1 Scope` is a section's number only with as many parts as the heading's level (`1.5 Million Jobs` is no number).
    const dotted = /^\d+(?:\.\d+)+(?=\s)/u.exec(text)?.[0];
    const typed =
      /^(?:\d+(?:\.\d+)*\.(?=\s|\D|$)|\(\d+\)|第\d+[章節])/u.exec(text)?.[0] ??
      (dotted && dotted.split('.').length === block.level ? dotted : undefined) ??
      (own && text.startsWith(own) && /^\P{L}/u.test(own) ? own : undefined);
    if (!typed) continue;
    const written = first.value.slice(0, typed.length);
    out.push(
      diagnostic(
        'heading-number-typed',
        'warning',
        `this heading starts with a number of its own ("${written}"), and the style numbers it too: it prints as "${block.label}${first.value.trimStart()}"`,
        block.source,
        `delete "${written}" (the style prints "${own}"), or write {-} after the heading to print it unnumbered with the number as typed`,
      ),
    );
  }
  return out;
}

/**
 * A paragraph after a note's definition, indented by one to three spaces:
 * meant to continue the note, it is read as body text (a note's later
 * paragraphs are indented four spaces, as list items' are).
 */
function noteContinuationsIndented(ctx: ConvertContext, nodes: readonly Md.RootContent[]): void {
  nodes.forEach((node, i) => {
    const before = nodes[i - 1];
    const column = node.position?.start.column ?? 1;
    if (node.type !== 'paragraph' || before?.type !== 'footnoteDefinition' || column < 2 || column > 4) return;
    const label = before.label ?? before.identifier;
    ctx.diagnostics.push(
      diagnostic(
        'note-continuation-indent',
        'warning',
        `this paragraph, indented ${column - 1} space${column === 2 ? '' : 's'} after note [^${label}], is read as body text, not as part of the note`,
        spanOf(ctx, node),
        'indent it four spaces to continue the note, or not at all to leave it in the body',
      ),
    );
  });
}

/** Labels of lines that start like a note's definition but have no colon after the label (`[^9] See …`, `[^9]：…`). */
function colonlessDefinitions(text: string): Set<string> {
  const labels = new Set<string>();
  for (const m of text.matchAll(/^\[\^([^\]\s[]+)\](?:[ \t\u3000]+(?=\S)|：)/gmu)) labels.add(normaliseLabel(m[1]!));
  return labels;
}
