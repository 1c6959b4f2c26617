/**
 * Property-based tests: sources generated from the grammar of the format
 * (tests/helpers/gen-source.ts). For every generated source the in-process
 * API (read + validate) must either report diagnostics, each well formed,
 * or accept it, and never throw. A share of the accepted sources is rendered
 * with the three writers in-process, and the outputs must be valid: every
 * XML part of the DOCX and EPUB well formed, no script and no raw HTML from
 * the source in the EPUB, and the PDF must parse.
 *
 * The seed is fixed (FC_SEED overrides it); FC_RUNS and FC_RENDER change
 * how many cases are checked and rendered.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { unzipSync } from 'fflate';
import { XMLValidator } from 'fast-xml-parser';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSource } from '@brief/build-orchestrator/check';
import type { DocumentModel } from '@brief/document-model';
import type { Template } from '@brief/templates';
import { renderDocx } from '@brief/to-docx';
import { renderEpub } from '@brief/to-epub';
import { renderPdf } from '@brief/to-pdf';
import { unsafeTags } from '../helpers/corpus.js';
import { sourceArb, writeGenerated } from '../helpers/gen-source.js';

const seed = Number(process.env.FC_SEED ?? 20260316);
const runs = Number(process.env.FC_RUNS ?? 250);
const renderShare = Number(process.env.FC_RENDER ?? 15);
const root = mkdtempSync(join(tmpdir(), 'brief-property-'));
// FC_KEEP=1 keeps the generated sources (to reproduce a failure with the CLI).
afterAll(() => {
  if (!process.env.FC_KEEP) rmSync(root, { recursive: true, force: true });
});

/** Accepted sources, kept for rendering. */
const accepted: { dir: string; editions: DocumentModel[]; template: Template }[] = [];
const stats = { total: 0, rejected: 0, accepted: 0 };
const rules = new Map<string, number>();

function xmlErrors(files: Record<string, Uint8Array>, pattern: RegExp): string[] {
  const errors: string[] = [];
  for (const [name, bytes] of Object.entries(files)) {
    if (!pattern.test(name)) continue;
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    const result = XMLValidator.validate(text, { allowBooleanAttributes: false });
    if (result !== true) errors.push(`${name}: ${result.err.msg} (line ${result.err.line})`);
    // XML 1.0 forbids these characters even when escaped.
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|&#x?0*(?:[0-8]|1[1-9]|2[0-9]|3[01]|[bcef]|1[0-9a-f]);/i.test(text)) errors.push(`${name}: a character XML does not allow`);
    if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text)) errors.push(`${name}: a lone surrogate`);
  }
  return errors;
}

describe('generated sources through read + validate (in-process)', () => {
  it(`${runs} sources: diagnostics or a clean model, never an exception`, () => {
    fc.assert(
      fc.property(sourceArb(), (source) => {
        const dir = writeGenerated(source, root);
        stats.total++;
        const { read, template, diagnostics } = checkSource(dir);
        for (const d of diagnostics) {
          expect(d.ruleId).toMatch(/^[a-z0-9-]+$/);
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.column).toBeGreaterThanOrEqual(1);
          expect(d.file.length).toBeGreaterThan(0);
          expect(d.message.length).toBeGreaterThan(5);
        }
        if (diagnostics.some((d) => d.severity === 'error')) {
          stats.rejected++;
          for (const d of diagnostics) if (d.severity === 'error') rules.set(d.ruleId, (rules.get(d.ruleId) ?? 0) + 1);
          rmSync(dir, { recursive: true, force: true });
          return;
        }
        stats.accepted++;
        expect(read.editions.length).toBe(source.languages.length);
        if (accepted.length < renderShare) accepted.push({ dir, editions: read.editions, template });
        else rmSync(dir, { recursive: true, force: true });
      }),
      { seed, numRuns: runs, endOnFailure: true },
    );
    if (process.env.FC_VERBOSE)
      console.log(
        stats,
        [...rules].sort((a, b) => b[1] - a[1]),
      );
    // The generator must exercise both outcomes.
    expect(stats.accepted).toBeGreaterThan(runs / 20);
    expect(stats.rejected).toBeGreaterThan(runs / 20);
  }, 600_000);
});

describe('accepted generated sources through the writers (in-process)', () => {
  it('every DOCX and EPUB part is well-formed XML, the EPUB has no script, the PDF parses', async () => {
    expect(accepted.length).toBeGreaterThan(Math.min(renderShare, 10) - 1);
    let rendered = 0;
    for (const { dir, editions, template } of accepted) {
      for (const doc of editions) {
        const where = `${dir} (${doc.meta.lang})`;
        const epub = unzipSync(await renderEpub(doc, template));
        expect(xmlErrors(epub, /\.(xhtml|opf|xml|ncx|svg)$/), where).toEqual([]);
        for (const [name, bytes] of Object.entries(epub)) {
          if (!/\.(xhtml|svg)$/.test(name)) continue;
          const text = new TextDecoder().decode(bytes);
          expect(unsafeTags(text), `${where} ${name}`).toEqual([]);
          // Text from the source is escaped: no element from it survives (a picture's own style sheet carries its faces).
          const banned = name.endsWith('.svg') ? /<(?:b|iframe|object|embed|form)[\s>/]/i : /<(?:b|iframe|object|embed|style|form)[\s>/]/i;
          expect(text, `${where} ${name}`).not.toMatch(banned);
        }
        const docx = unzipSync(await renderDocx(doc, template));
        expect(xmlErrors(docx, /\.(xml|rels)$/), where).toEqual([]);
        const pdf = await renderPdf(doc, template).catch((e: unknown) => {
          throw new Error(`${where}: ${(e as Error).message}`);
        });
        const parsed = await getDocument({ data: pdf, useSystemFonts: false, isEvalSupported: false }).promise;
        expect(parsed.numPages, where).toBeGreaterThanOrEqual(1);
        await parsed.destroy();
        rendered++;
      }
      rmSync(dir, { recursive: true, force: true });
    }
    expect(rendered).toBeGreaterThan(0);
  }, 900_000);
});
