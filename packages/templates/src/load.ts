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
import { isKnownFamily, registerFontFamily } from '@brief/fonts';
import { readYaml, type YamlPath } from '@brief/yaml-source';
import type { Template } from './types.js';
import { reportTemplate } from './report.js';
import { policyBriefTemplate } from './policy-brief.js';
import { isPlainObject, mergeTemplate } from './merge.js';

const builtIns: Record<string, Template> = { report: reportTemplate, 'policy-brief': policyBriefTemplate };

/** Names of the built-in house styles. */
export function builtInTemplateNames(): string[] {
  return Object.keys(builtIns);
}

/** A built-in template by name, or undefined. */
export function builtInTemplate(name: string): Template | undefined {
  return builtIns[name];
}

/** Maps keyed by language tag: a new language must define every key. */
const languageMaps = new Set(['fonts', 'typography', 'numbering', 'strings', 'citationStyle']);

const enums: Record<string, readonly string[]> = {
  styles: ['decimal', 'fullwidth-decimal', 'katakana-aiueo', 'lower-alpha', 'upper-alpha', 'lower-roman', 'upper-roman'],
  citationStyle: ['ja-house', 'en-notes'],
  placement: ['page-foot', 'chapter-end'],
  generic: ['serif', 'sans-serif'],
};

const languageTag = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  return typeof v === 'object' ? 'mapping' : typeof v;
}

/**
 * Check `value` against the shape of `example` (the built-in value at the
 * same place). Reports unknown keys, wrong types, bad enum values, colours,
 * numbers out of range.
 */
function checkShape(value: unknown, example: unknown, path: (string | number)[], report: (path: (string | number)[], message: string, hint?: string) => void, complete: boolean): void {
  const key = String(path[path.length - 1] ?? '');
  const where = path.join('.');
  if (Array.isArray(example)) {
    if (!Array.isArray(value)) return report(path, `\`${where}\` must be a list (${example.length} items), not a ${kindOf(value)}`);
    if (value.length !== example.length) return report(path, `\`${where}\` must have ${example.length} items, not ${value.length}`);
    value.forEach((item, i) => checkShape(item, example[i] ?? example[0], [...path, i], report, complete));
    return;
  }
  if (example !== null && typeof example === 'object') {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return report(path, `\`${where || 'the template'}\` must be a mapping, not a ${kindOf(value)}`);
    const ex = example as Record<string, unknown>;
    const v = value as Record<string, unknown>;
    const isLanguageMap = path.length === 1 && languageMaps.has(key);
    const isFreeMap = freeMaps.has(key);
    for (const [k, child] of Object.entries(v)) {
      if (isFreeMap) {
        if (typeof child !== 'string') report([...path, k], `\`${where}.${k}\` must be a string`);
      } else if (k in ex) checkShape(child, ex[k], [...path, k], report, complete);
      else if (isLanguageMap) {
        if (!languageTag.test(k)) {
          report([...path, k], `"${k}" is not a language tag`, 'use a BCP 47 tag such as fr, de, zh-Hant');
          continue;
        }
        // A language the base does not define must be complete.
        checkShape(child, ex.en ?? Object.values(ex)[0], [...path, k], report, true);
      } else {
        const known = Object.keys(ex);
        const guess = known.find((n) => n.toLowerCase() === k.toLowerCase()) ?? known.find((n) => n.startsWith(k.slice(0, 4)));
        report([...path, k], `unknown key "${k}" in \`${where || 'the template'}\``, guess ? `did you mean "${guess}"?` : `known keys: ${known.join(', ')}`);
      }
    }
    if (complete && !isFreeMap) {
      for (const k of Object.keys(ex)) {
        if (!(k in v) && ex[k] !== undefined && !optionalKeys.has(k))
          report(path, `\`${where}\` has no \`${k}\``, `a language new to the base style must define every value; copy them from the en entry`);
      }
    }
    return;
  }
  // Leaves.
  if (typeof example === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) return report(path, `\`${where}\` must be a number`);
    if (value < 0) return report(path, `\`${where}\` must not be negative`);
    if (value > 2000) return report(path, `\`${where}\` is implausibly large (${value})`);
    return;
  }
  if (typeof example === 'boolean') {
    if (typeof value !== 'boolean') report(path, `\`${where}\` must be true or false`);
    return;
  }
  if (typeof example === 'string') {
    if (typeof value !== 'string') return report(path, `\`${where}\` must be a string`);
    const parent = String(path[path.length - 2] ?? '');
    const allowed = enums[key] ?? enums[parent] ?? (path[0] === 'citationStyle' ? enums.citationStyle : undefined);
    if (allowed && !allowed.includes(value)) return report(path, `"${value}" is not a valid \`${key}\``, `use one of: ${allowed.join(', ')}`);
    if (path[0] === 'colors' && !/^#[0-9a-fA-F]{6}$/.test(value)) return report(path, `colour "${value}" must be #rrggbb`);
    if (path[0] === 'fonts' && ['family', 'latin', 'cjk'].includes(key) && !isKnownFamily(value))
      return report(path, `font family "${value}" is not available`, 'use a Noto family (Noto Serif JP, Noto Sans JP, Noto Serif, Noto Sans) or list the font files under fontFiles');
  }
}

/** Mappings whose keys are data (any key, string values). */
const freeMaps = new Set(['ordinals', 'committeeMinutesByChamber']);

const optionalKeys = new Set(['headingBold', 'indentAfterHeading', 'hyphenate', 'separator', 'noticeMark', 'fontFiles']);

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
      const before = diagnostics.length;
      checkShape(
        value,
        example,
        path,
        (_p, message, hint) => diagnostics.push(diagnostic('template-override', 'error', `template-overrides: ${message}`, spanAt(['template-overrides', key]), hint)),
        false,
      );
      if (diagnostics.length > before) continue;
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
  const { extends: parent, fontFiles, ...values } = src.value;
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
  const report = (p: (string | number)[], message: string, hint?: string) => diagnostics.push(diagnostic('template-value', 'error', message, src.spanOf(p as YamlPath), hint));
  // Families defined by this file are known from here on.
  const before = diagnostics.length;
  checkShape(values, base, [], report, false);
  // A file with errors is not applied: the base style stands, and the errors stop the build.
  if (diagnostics.length > before) return base;
  const merged = mergeTemplate(base, values as Json) as Template;
  return Object.keys(fonts).length > 0 ? { ...merged, fontFiles: fonts } : merged;
}
