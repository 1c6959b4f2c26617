/**
 * House styles as data: built-in ones by name, or a YAML file that extends
 * one and changes what it needs; plus single-value overrides from a report's
 * brief.yaml. Every value is checked against the shape of the built-in
 * report style, so a misspelt key or a wrong type gets a file:line:column
 * error like a bad source.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { diagnostic, type Diagnostic, type SourceSpan } from '@brief/document-model';
import { registerFontFamily } from '@brief/fonts';
import { readYaml, type YamlPath } from '@brief/yaml-source';
import type { Template } from './types.js';
import { reportTemplate } from './report.js';
import { policyBriefTemplate } from './policy-brief.js';
import { isPlainObject, mergeTemplate } from './merge.js';
import { checkShape } from './schema.js';

const builtIns: Record<string, Template> = { report: reportTemplate, 'policy-brief': policyBriefTemplate };

/** Names of the built-in house styles. */
export function builtInTemplateNames(): string[] {
  return Object.keys(builtIns);
}

/** A built-in template by name, or undefined. */
export function builtInTemplate(name: string): Template | undefined {
  return builtIns[name];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Values a language new to the base style may leave out, and what they
 * default to. The loader fills them in, so a loaded template holds every
 * value and writers never default one.
 */
export const languageDefaults = {
  typography: {
    headingBold: true,
    indentAfterHeading: true,
    hyphenate: false,
    gridMeasure: false,
    interScriptSpaceEm: 0,
    tableHeadCentred: false,
    urlBreakAnywhere: false,
    flushBottom: false,
    noteMarkAfterPunctuation: false,
  },
  numbering: { separator: ['', '', ''], nestedBullets: ['–', '◦'], nestedListStyles: ['lower-alpha', 'lower-roman'], listStyle: 'decimal' },
  strings: {
    notice: '{text}',
    listBullet: '•',
    taskOpen: '☐',
    taskDone: '☑',
    taskOpenLabel: 'Not done',
    taskDoneLabel: 'Done',
    headingTitleReference: '“{title}”',
    codeContinuation: '→',
    titleWithSubtitle: '{title}: {subtitle}',
    subtitleLine: '{subtitle}',
    attributionDash: '— ',
    noticeMark: '',
    pageList: 'Pages',
    printEdition: '{title} (PDF edition)',
    figureDescription: 'Description',
    noteLinkName: 'Note {n}',
    figureContinued: '{label} (continued)',
    tableLabel: '',
  },
} as const satisfies { [K in 'typography' | 'numbering' | 'strings']: Partial<Template[K][string]> };

// `fonts.<lang>.code` may be left out too (code is then set in the heading faces), and a role's `fallback` (none).
const optionalKeys = new Set([...Object.values(languageDefaults).flatMap((d) => Object.keys(d)), 'fontFiles', 'code', 'fallback', 'appendix', 'single', 'referenceFromOtherChapter']);

/** Fill in the values languages may leave out (see `languageDefaults`). */
function withLanguageDefaults(template: Template): Template {
  const out: Template = { ...template };
  for (const section of ['typography', 'numbering', 'strings'] as const) {
    const defaults = languageDefaults[section] as Record<string, unknown>;
    const table = template[section] as unknown as Record<string, Record<string, unknown>>;
    const missing = Object.entries(table).filter(([, entry]) => Object.keys(defaults).some((k) => entry[k] === undefined));
    if (missing.length === 0) continue;
    const filled = { ...table };
    for (const [lang, entry] of missing) filled[lang] = { ...defaults, ...Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined)) };
    (out as unknown as Record<string, unknown>)[section] = filled;
  }
  return out;
}

export interface TemplateResult {
  template: Template;
  diagnostics: Diagnostic[];
  /** Files the template was read from (for cache keys and watch). */
  files: string[];
}

/**
 * Resolve a template by built-in name or path (relative to `baseDir`), then
 * apply overrides. Never throws: problems become diagnostics and the
 * built-in report style is returned.
 */
export function resolveTemplate(
  spec: string | undefined,
  baseDir: string,
  options: { cwd?: string; overrides?: Record<string, unknown>; overridesSpan?: (path: YamlPath) => SourceSpan; specSpan?: SourceSpan } = {},
): TemplateResult {
  const cwd = options.cwd ?? process.cwd();
  const diagnostics: Diagnostic[] = [];
  const files: string[] = [];
  let template = loadSpec(spec ?? 'report', baseDir, cwd, diagnostics, files, options.specSpan, 0);
  if (options.overrides) {
    const spanAt = options.overridesSpan ?? (() => ({ file: 'brief.yaml', start: { line: 1, column: 1 } }));
    for (const [key, value] of Object.entries(options.overrides)) {
      const path = key.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
      let example: unknown = template;
      let ok = true;
      for (const seg of path) {
        if (isPlainObject(example) && String(seg) in example) example = example[String(seg)];
        else if (Array.isArray(example) && typeof seg === 'number' && seg < example.length) example = example[seg];
        else {
          ok = false;
          break;
        }
      }
      if (!ok) {
        diagnostics.push(
          diagnostic(
            'template-override',
            'error',
            `template-overrides: "${key}" is not a value of the house style`,
            spanAt(['template-overrides', key]),
            'use a dotted path such as strings.ja.runningHead or page.margin.top (see docs/templates.md)',
          ),
        );
        continue;
      }
      const issues = checkShape(value, example, path, false, { optionalKeys });
      for (const issue of issues) diagnostics.push(diagnostic('template-override', 'error', `template-overrides: ${issue.message}`, spanAt(['template-overrides', key]), issue.hint));
      if (issues.length > 0) continue;
      template = setPath(template, path, value);
    }
  }
  return { template, diagnostics, files };
}

function setPath<T>(obj: T, path: (string | number)[], value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path;
  if (Array.isArray(obj)) {
    const copy = [...obj];
    copy[head as number] = setPath(copy[head as number], rest, value);
    return copy as T;
  }
  const rec = obj as Record<string, unknown>;
  return { ...rec, [String(head)]: setPath(rec[String(head)], rest, value) } as T;
}

function loadSpec(spec: string, baseDir: string, cwd: string, diagnostics: Diagnostic[], files: string[], at: SourceSpan | undefined, depth: number): Template {
  const builtIn = builtIns[spec];
  if (builtIn) return builtIn;
  const path = isAbsolute(spec) ? spec : resolve(baseDir, spec);
  const file = relative(cwd, path) || path;
  const where = at ?? { file, start: { line: 1, column: 1 } };
  if (!/\.(ya?ml|json)$/.test(spec) || !existsSync(path)) {
    diagnostics.push(diagnostic('template-unknown', 'error', `no house style "${spec}"`, where, `use a built-in style (${builtInTemplateNames().join(', ')}) or the path of a template .yaml file`));
    return reportTemplate;
  }
  if (depth > 5) {
    diagnostics.push(diagnostic('template-extends', 'error', 'templates extend each other in a loop', where));
    return reportTemplate;
  }
  files.push(path);
  const src = readYaml(file, readFileSync(path, 'utf8'));
  diagnostics.push(...src.diagnostics.map((d) => ({ ...d, ruleId: d.ruleId === 'yaml-syntax' ? 'template-syntax' : d.ruleId })));
  if (!isPlainObject(src.value)) {
    if (src.value !== undefined) diagnostics.push(diagnostic('template-shape', 'error', 'a template must be a mapping of values', src.spanOf([])));
    return reportTemplate;
  }
  const { extends: parent, fontFiles, cslStyles, ...values } = src.value;
  let base = reportTemplate;
  if (parent !== undefined) {
    if (typeof parent !== 'string') diagnostics.push(diagnostic('template-extends', 'error', '`extends` must name a template', src.spanOf(['extends'])));
    else base = loadSpec(parent, dirname(path), cwd, diagnostics, files, src.spanOf(['extends']), depth + 1);
  }
  // Font files beside the template.
  const fonts: Record<string, { normal: string; bold?: string; italics?: string; bolditalics?: string }> = { ...(base.fontFiles ?? {}) };
  if (fontFiles !== undefined) {
    if (!isPlainObject(fontFiles)) diagnostics.push(diagnostic('template-fonts', 'error', '`fontFiles` must map family names to files', src.spanOf(['fontFiles'])));
    else
      for (const [family, faces] of Object.entries(fontFiles)) {
        const f = (isPlainObject(faces) ? faces : { normal: faces }) as Record<string, unknown>;
        const resolved: Record<string, string> = {};
        for (const [face, rel] of Object.entries(f)) {
          if (!['normal', 'bold', 'italics', 'bolditalics'].includes(face) || typeof rel !== 'string') {
            diagnostics.push(
              diagnostic('template-fonts', 'error', `fontFiles.${family}.${face}: expected normal, bold, italics or bolditalics with a file path`, src.spanOf(['fontFiles', family, face])),
            );
            continue;
          }
          const p = resolve(dirname(path), rel);
          if (!existsSync(p) || !/\.(ttf|otf)$/i.test(p))
            diagnostics.push(diagnostic('template-fonts', 'error', `font file "${rel}" does not exist or is not TTF/OTF`, src.spanOf(['fontFiles', family, face])));
          else resolved[face] = p;
        }
        if (resolved.normal) {
          registerFontFamily(family, resolved as { normal: string });
          fonts[family] = resolved as { normal: string };
        }
      }
  }
  // CSL style files beside the template, per language (docs/citations.md).
  const csl: Record<string, string> = { ...(base.cslStyles ?? {}) };
  if (cslStyles !== undefined) {
    if (!isPlainObject(cslStyles))
      diagnostics.push(diagnostic('template-csl', 'error', '`cslStyles` must map language tags to CSL style files', src.spanOf(['cslStyles']), 'e.g. `cslStyles: { en: styles/apa.csl }`'));
    else
      for (const [lang, rel] of Object.entries(cslStyles)) {
        const p = typeof rel === 'string' ? resolve(dirname(path), rel) : undefined;
        const head = p && existsSync(p) ? readFileSync(p, 'utf8').slice(0, 4096) : '';
        if (!/<style\b[^>]*xmlns="http:\/\/purl\.org\/net\/xbiblio\/csl"/.test(head))
          diagnostics.push(
            diagnostic(
              'template-csl',
              'error',
              `cslStyles.${lang}: "${String(rel)}" is not a CSL style file`,
              src.spanOf(['cslStyles', lang]),
              'give the path of a .csl file (CSL 1.0), relative to the template',
            ),
          );
        else csl[lang] = p!;
      }
  }
  const report = (p: (string | number)[], message: string, hint?: string) => diagnostics.push(diagnostic('template-value', 'error', message, src.spanOf(p as YamlPath), hint));
  // Families defined by this file are known from here on.
  const before = diagnostics.length;
  for (const issue of checkShape(values, base, [], false, { optionalKeys })) report(issue.path, issue.message, issue.hint);
  // A file with errors is not applied: the base style stands, and the errors stop the build.
  if (diagnostics.length > before) return base;
  const merged = withLanguageDefaults(mergeTemplate(base, values as Json) as Template);
  const withFonts = Object.keys(fonts).length > 0 ? { ...merged, fontFiles: fonts } : merged;
  return Object.keys(csl).length > 0 ? { ...withFonts, cslStyles: csl } : withFonts;
}
