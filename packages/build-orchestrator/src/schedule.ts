/**
 * The order in which a build hands its jobs to the rendering pool, and the
 * costs it goes by: how long each artifact took to render the last time
 * (measured in the thread that rendered it, without the time it waited for
 * a worker), kept in the build cache (`@brief/build-cache`) under the
 * report's id. Costs are only read to order jobs: the bytes of an artifact
 * never depend on them.
 */
import { buildCache, cacheKey, type ContentCache } from '@brief/build-cache';
import type { Format } from './formats.js';

/** Render times in milliseconds by artifact file name (`<id>.<lang>.<format>`). */
export type Costs = Record<string, number>;

export interface Job {
  file: string;
  format: Format;
}

/** The guess for a job without a measured cost: PDFs take longest, then Word files, then e-books. */
export const guessedCost: Record<Format, number> = { pdf: 3, docx: 2, epub: 1 };

/**
 * Jobs in the order to start them: one job of each format first, then the
 * next of each, and so on, so that the workers start on different formats
 * and keep them (the pool gives a worker jobs of the formats whose fonts and
 * writer it already has). The formats go largest first, and within a format
 * the editions: by the last build's measured costs when every job has one
 * (a format's cost being the sum of its jobs'), else by the guess
 * (`guessedCost`), editions then in the order given. Ties go by file name.
 */
export function orderJobs<T extends Job>(jobs: readonly T[], costs: Costs = {}): T[] {
  const byName = (a: T, b: T) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  const measured = jobs.length > 0 && jobs.every((j) => typeof costs[j.file] === 'number' && Number.isFinite(costs[j.file]));
  const queues = new Map<Format, T[]>();
  for (const job of jobs) queues.set(job.format, [...(queues.get(job.format) ?? []), job]);
  const weight = new Map<Format, number>();
  for (const [format, queue] of queues) {
    if (measured) queue.sort((a, b) => costs[b.file]! - costs[a.file]! || byName(a, b));
    weight.set(format, measured ? queue.reduce((sum, j) => sum + costs[j.file]!, 0) : guessedCost[format]);
  }
  const order = [...queues.keys()].sort((a, b) => weight.get(b)! - weight.get(a)! || guessedCost[b] - guessedCost[a]);
  const out: T[] = [];
  for (let round = 0; out.length < jobs.length; round++) {
    for (const format of order) {
      const job = queues.get(format)![round];
      if (job) out.push(job);
    }
  }
  return out;
}

const costsKey = (id: string) => cacheKey('build-orchestrator.costs', id);

/** The costs the last build of report `id` measured (none without a cache or a record). */
export function readCosts(id: string, cache: ContentCache | undefined = buildCache()): Costs {
  const bytes = cache?.get(costsKey(id));
  if (!bytes) return {};
  try {
    const parsed: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1]) && e[1] >= 0));
  } catch {
    return {};
  }
}

/** Record the costs measured now over the earlier ones of report `id`. */
export function recordCosts(id: string, measured: Costs, cache: ContentCache | undefined = buildCache()): void {
  if (!cache || Object.keys(measured).length === 0) return;
  const merged = { ...readCosts(id, cache), ...measured };
  const sorted = Object.fromEntries(
    Object.keys(merged)
      .sort()
      .map((k) => [k, Math.round(merged[k]!)]),
  );
  cache.put(costsKey(id), Buffer.from(JSON.stringify(sorted), 'utf8'));
}
