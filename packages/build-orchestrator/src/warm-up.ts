/**
 * A long-lived pool made ready for the saves to come (`brief watch`): the
 * source is read and checked once more and each of its editions rendered
 * once, and nothing is written. A build whose editions were current or in
 * the build cache renders nothing, so the first save after it would run
 * every writer, the reader and the rules for the first time in their
 * threads: with code not yet compiled for speed, it took four times as
 * long as the tenth (docs/benchmarks.md). After this, the first save is
 * about as quick as any other.
 */
import { hasErrors, type LanguageTag } from '@brief/document-model';
import { formats, type Format, type RenderJob } from './formats.js';
import { artifactInputHash } from './input-hash.js';
import type { RenderPool } from './worker-pool.js';

export interface WarmUpOptions {
  formats?: readonly Format[];
  languages?: readonly LanguageTag[];
  template?: string;
}

/** Read, check and render a source's editions in `pool`, keeping nothing; a source with errors is left at its check. */
export async function warmUp(dir: string, pool: RenderPool, options: WarmUpOptions = {}): Promise<void> {
  const { checkSource } = await import('./check.js');
  // Not through the kept check (`checkedSource`): the point is to run the reader and the rules.
  const { read, template, diagnostics, workingSet } = checkSource(dir, {
    ...(options.languages ? { languages: options.languages } : {}),
    ...(options.template ? { template: options.template } : {}),
  });
  if (hasErrors(diagnostics) || workingSet === undefined) return;
  const wanted = formats.filter((format) => (options.formats ?? formats).includes(format));
  // One edition at a time, its formats together, as a save renders them: the
  // pool then gives each worker the formats it will render on every save (it
  // prefers a worker that has rendered the format before), and what a
  // writer keeps between builds stays in the thread that uses it.
  for (const doc of read.editions) {
    const jobs = wanted.map((format): RenderJob => ({ format, doc, template, workingSet, ...(format === 'docx' ? {} : { printKey: artifactInputHash(doc, template, 'pdf') }) }));
    // A failure here shows again in the build that needs the artifact.
    await Promise.all(jobs.map((job) => pool.render(job).catch(() => undefined)));
  }
}
