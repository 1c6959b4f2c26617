import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ContentCache } from '@brief/build-cache';
import { orderJobs, readCosts, recordCosts, type Job } from './schedule.js';

const jobs: Job[] = ['ja', 'en'].flatMap((lang) => (['pdf', 'docx', 'epub'] as const).map((format) => ({ file: `r.${lang}.${format}`, format })));
const files = (list: readonly Job[]) => list.map((j) => j.file);

describe('the order of jobs', () => {
  it('without measured costs, deals one job of each format first, largest guess first', () => {
    expect(files(orderJobs(jobs))).toEqual(['r.ja.pdf', 'r.ja.docx', 'r.ja.epub', 'r.en.pdf', 'r.en.docx', 'r.en.epub']);
  });

  it('with measured costs, deals the formats largest first and the longest edition of each first', () => {
    // EPUB (1400 ms in all) before DOCX (550), and within each format the longer edition first.
    const costs = { 'r.ja.pdf': 900, 'r.en.pdf': 1100, 'r.ja.docx': 300, 'r.en.docx': 250, 'r.ja.epub': 1000, 'r.en.epub': 400 };
    expect(files(orderJobs(jobs, costs))).toEqual(['r.en.pdf', 'r.ja.epub', 'r.ja.docx', 'r.ja.pdf', 'r.en.epub', 'r.en.docx']);
  });

  it('puts a format first when its measured costs are the largest', () => {
    const costs = { 'r.ja.pdf': 300, 'r.en.pdf': 200, 'r.ja.docx': 900, 'r.en.docx': 800, 'r.ja.epub': 100, 'r.en.epub': 100 };
    expect(files(orderJobs(jobs, costs))).toEqual(['r.ja.docx', 'r.ja.pdf', 'r.en.epub', 'r.en.docx', 'r.en.pdf', 'r.ja.epub']);
  });

  it('breaks ties of measured costs by the guess, then by name', () => {
    const costs = Object.fromEntries(jobs.map((j) => [j.file, 100]));
    expect(files(orderJobs(jobs, costs))).toEqual(['r.en.pdf', 'r.en.docx', 'r.en.epub', 'r.ja.pdf', 'r.ja.docx', 'r.ja.epub']);
  });

  it('keeps every job once, whatever the formats', () => {
    const some = jobs.filter((j) => j.format !== 'docx').concat({ file: 'q.ja.pdf', format: 'pdf' });
    expect(files(orderJobs(some, { 'q.ja.pdf': 5 })).sort()).toEqual(files(some).sort());
    expect(orderJobs([])).toEqual([]);
  });

  it('falls back to the guess when a job has no measured cost', () => {
    const costs = { 'r.ja.pdf': 900, 'r.en.pdf': 1100, 'r.ja.docx': 3000 };
    expect(files(orderJobs(jobs, costs))).toEqual(files(orderJobs(jobs)));
  });
});

describe('costs in the build cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'brief-costs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cache = new ContentCache({ dir, maxBytes: 1 << 20 });

  it('records the measured costs per report and merges later measurements', () => {
    expect(readCosts('r', cache)).toEqual({});
    recordCosts('r', { 'r.ja.pdf': 900.4, 'r.en.pdf': 1100 }, cache);
    recordCosts('r', { 'r.en.pdf': 1200 }, cache);
    expect(readCosts('r', cache)).toEqual({ 'r.en.pdf': 1200, 'r.ja.pdf': 900 });
    expect(readCosts('other', cache)).toEqual({});
  });

  it('reads nothing without a cache', () => {
    recordCosts('r', { 'r.ja.pdf': 1 }, undefined);
    expect(readCosts('r', undefined)).toEqual({});
  });
});
