/**
 * Build the editions of one source, regenerating only what changed:
 * validate first (with any error nothing is written and earlier outputs
 * stay), hash each artifact's inputs, render only artifacts whose hash is
 * not in the manifest (in parallel), write atomically, rewrite only files
 * whose bytes changed, then the manifest.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { hasErrors, type Diagnostic, type DocumentModel, type LanguageTag } from '@brief/document-model';
import type { Template } from '@brief/templates';
import { afterAnswer, buildCache, cacheKey, codeIdentity, writeDeferred } from '@brief/build-cache';
import { checkedSource } from './checked.js';
import { sourceFiles, sourceFingerprint } from './fingerprint.js';
import type { ReadEditions } from './check.js';
import { formats, hasPrintPages, type Format, type RenderJob } from './formats.js';
import { artifactInputHash, sha256 } from './input-hash.js';
import { manifestJson, readManifest, type Manifest, type ManifestArtifact, type ManifestSource } from './manifest.js';
import { commitStaged, discardStaged, LOCK_STALE_MS, OutputError, removeStaleTemporaries, stageIfChanged, withLock, writeIfChanged, type Staged } from './atomic.js';
import { fsErrorMessage } from './fs-error.js';
import { orderJobs, readCosts, recordCosts, type Costs } from './schedule.js';
import { createWorkerPool, defaultParallelism, inlinePool, type RenderPool, type RenderTiming } from './worker-pool.js';

export const generator = 'brief';

export interface BuildOptions {
  /** Output root; artifacts go to `<out>/<id>/`. */
  out: string;
  formats?: readonly Format[];
  languages?: readonly LanguageTag[];
  /** Rendering pool (default: worker threads when more than one artifact needs rendering). */
  pool?: RenderPool;
  /** Progress callback, one call per artifact state change. */
  onProgress?: (event: ProgressEvent) => void;
  /** Re-render even when the manifest says an artifact is current. */
  force?: boolean;
  /** A house style (built-in name or path) instead of the one brief.yaml names. */
  template?: string;
  /**
   * Leave the cache writes no output waits for (the rendered artifacts and
   * the entries the writers keep for the next build) to the caller, who
   * does them with `writeDeferred` after reporting the build; by default
   * they are done before `buildSource` returns.
   */
  deferCacheWrites?: boolean;
  /** Told once when the build waits for another build of the same report, which holds its lock. */
  onWait?: (message: string) => void;
}

export type ProgressEvent =
  | { kind: 'start'; file: string; lang: LanguageTag; format: Format }
  | { kind: 'done'; file: string; lang: LanguageTag; format: Format; written: boolean; ms: number; bytes: number /** Taken from the build cache, not rendered. */; stored?: boolean }
  | { kind: 'current'; file: string; lang: LanguageTag; format: Format }
  | { kind: 'failed'; file: string; lang: LanguageTag; format: Format; error: string };

export interface BuildResult {
  ok: boolean;
  id?: string;
  diagnostics: Diagnostic[];
  /** Files rewritten (content changed). */
  written: string[];
  /** Artifacts rendered (some may have come out byte-identical). */
  rendered: string[];
  /** Artifacts found current by their input hash. */
  current: string[];
  failures: string[];
  /** Set when nothing changed since the last build: the number of warnings it reported. */
  unchangedWarnings?: number;
  /** Why the editions could not be written (a file or folder of the output in the wrong place, a file that cannot be written). */
  error?: string;
}

interface Planned {
  file: string;
  path: string;
  doc: DocumentModel;
  format: Format;
  inputHash: string;
  /** The edition's PDF input hash, for the jobs that lay out or read its printed pages. */
  printKey?: string;
}

function optionsKey(options: BuildOptions): string {
  return JSON.stringify({
    formats: [...(options.formats ?? formats)].sort(),
    languages: options.languages ? [...options.languages].sort() : null,
    template: options.template ?? null,
  });
}

/**
 * The fast path: when the manifest's fingerprint matches the source as it is
 * now and every artifact is in place, there is nothing to do. Only the
 * source's bytes are read; nothing is parsed or rendered.
 */
function currentBuild(dir: string, options: BuildOptions): BuildResult | undefined {
  if (options.force) return undefined;
  let brief: string;
  try {
    // Only a regular file: a named pipe would be read without end (the check reports it).
    if (!statSync(join(dir, 'brief.yaml')).isFile()) return undefined;
    brief = readFileSync(join(dir, 'brief.yaml'), 'utf8');
  } catch {
    return undefined;
  }
  const id = /^id:[ \t]*["']?([a-z0-9]+(?:-[a-z0-9]+)*)["']?[ \t]*(?:#.*)?$/m.exec(brief)?.[1];
  if (!id) return undefined;
  const outDir = join(options.out, id);
  const manifest = readManifest(join(outDir, 'manifest.json'));
  const source = manifest?.source;
  if (!manifest || !source || manifest.id !== id || source.options !== optionsKey(options)) return undefined;
  const sourceDir = resolve(dir);
  const fingerprint = sourceFingerprint({ sourceDir, extraFiles: source.extraFiles.map((f) => resolve(sourceDir, f)), options: { key: source.options } });
  if (fingerprint !== source.fingerprint) return undefined;
  const byFile = new Map(manifest.artifacts.map((a) => [a.file, a]));
  const current: string[] = [];
  for (const file of source.artifacts) {
    const artifact = byFile.get(file);
    const path = join(outDir, file);
    try {
      if (!artifact || statSync(path).size !== artifact.size) return undefined;
    } catch {
      return undefined;
    }
    current.push(path);
    options.onProgress?.({ kind: 'current', file: path, lang: artifact.lang, format: artifact.format });
  }
  return { ok: true, id, diagnostics: [], written: [], rendered: [], current, failures: [], unchangedWarnings: source.warnings };
}

export async function buildSource(dir: string, options: BuildOptions): Promise<BuildResult> {
  try {
    return await buildNow(dir, options);
  } catch (e) {
    // The output folder's faults are told as they are; other failed file operations by what was being done, and where.
    const fsError = fsErrorMessage(e);
    const error = e instanceof OutputError ? e.message : fsError && `${fsError}; check that ${options.out} is a folder you can write in, or build into another --out`;
    if (!error) throw e;
    return { ok: false, diagnostics: [], written: [], rendered: [], current: [], failures: [], error };
  } finally {
    if (!options.deferCacheWrites) writeDeferred();
  }
}

async function buildNow(dir: string, options: BuildOptions): Promise<BuildResult> {
  const fast = currentBuild(dir, options);
  if (fast) return fast;
  // Something will probably be rendered: when there can be more than one
  // artifact, the workers load their writers while the source is checked.
  const wanted = options.formats ?? formats;
  if (wanted.length * (options.languages?.length ?? 2) > 1) options.pool?.prepare?.(wanted);
  // The folder's files are hashed before it is read (see sourceFiles).
  const files = sourceFiles(resolve(dir));
  // Rendering begins in idle workers as soon as the source is read (see beginEarly).
  const early: EarlyJobs = new Map();
  const checked = await checkedSource(
    dir,
    {
      ...(options.languages ? { languages: options.languages } : {}),
      ...(options.template ? { template: options.template } : {}),
    },
    files,
    {
      beforeRules: (read) => beginEarly(read, options, early),
      ...optional('cutElsewhere', options.pool?.cutInIdleWorker),
      ...optional('cutWhileReading', options.pool?.cutWhileReading),
      ...optional('readElsewhere', options.pool?.readInIdleWorker),
    },
  );
  const { template, diagnostics } = checked;
  const result: BuildResult = { ok: false, diagnostics, written: [], rendered: [], current: [], failures: [] };
  if (hasErrors(diagnostics) || !checked.id) return result;
  const id = checked.id;
  result.id = id;
  const outDir = join(options.out, id);
  const key = optionsKey(options);
  const extraFiles = checked.outsideFiles;
  const source: Omit<ManifestSource, 'artifacts'> = {
    fingerprint: sourceFingerprint({ sourceDir: checked.sourceDir, files, extraFiles, options: { key } }),
    options: key,
    extraFiles: extraFiles.map((f) => relative(checked.sourceDir, f)),
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
  };
  const lockDir = join(options.out, `.${id}.lock`);
  checkOutput(outDir, lockDir);
  const onWait = options.onWait;
  const lockOptions = onWait
    ? {
        onWait: (at: string, holder: number) =>
          onWait(`waiting for process ${holder}, which holds ${at} (another build of ${id} into the same folder; a lock not renewed for ${LOCK_STALE_MS / 1000} s is taken over)`),
      }
    : {};
  return withLock(lockDir, () => buildEditions(checked.editions, template, checked.workingSet, outDir, id, options, result, source, early), undefined, lockOptions);
}

/**
 * The output's files and folders that a build would trip over, told before
 * anything is rendered or written: a file where the report's folder or its
 * lock folder goes, a folder where its manifest goes.
 */
function checkOutput(outDir: string, lockDir: string): void {
  const kind = (path: string) => {
    try {
      return statSync(path).isDirectory() ? 'folder' : 'file';
    } catch {
      return undefined;
    }
  };
  if (kind(outDir) === 'file') throw new OutputError(`${outDir} is a file, not a folder: the report's editions are written in a folder of that name; move the file away, or build into another --out`);
  if (kind(lockDir) === 'file')
    throw new OutputError(`${lockDir} is a file, not a folder: builds of the report take turns with a lock folder of that name; remove the file, or build into another --out`);
  const manifest = join(outDir, 'manifest.json');
  if (kind(manifest) === 'folder')
    throw new OutputError(`${manifest} is a folder, not a file: the build lists the report's editions in a file of that name; remove the folder, or build into another --out`);
}

async function buildEditions(
  editions: readonly DocumentModel[],
  template: Template,
  workingSet: string,
  outDir: string,
  id: string,
  options: BuildOptions,
  result: BuildResult,
  source: Omit<ManifestSource, 'artifacts'>,
  early: EarlyJobs,
): Promise<BuildResult> {
  if (existsSync(outDir)) removeStaleTemporaries(outDir, readdirSync(outDir));
  const manifestPath = join(outDir, 'manifest.json');
  const previous = readManifest(manifestPath);
  const { plan, kept, inCache } = planJobs(editions, template, outDir, id, options, previous);
  // The editions the build cache holds are read from it once, here; one that no longer reads (evicted, corrupt) is rendered.
  const stored: { p: Planned; bytes: Uint8Array }[] = [];
  for (const p of inCache) {
    const bytes = buildCache()?.get(artifactKey(p));
    if (bytes) stored.push({ p, bytes });
    else plan.push(p);
  }
  for (const artifact of kept) {
    const path = join(outDir, artifact.file);
    result.current.push(path);
    options.onProgress?.({ kind: 'current', file: path, lang: artifact.lang, format: artifact.format });
  }
  // One job of each format first, then the next of each, so the workers
  // start on different formats and keep them (see the pool); largest first
  // by the last build's measured costs, else by a guess (see schedule.ts).
  const lastCosts = readCosts(id);
  const ordered = orderJobs(plan, lastCosts);
  // One artifact is rendered in this thread: a worker would only add its start-up.
  const ownPool = !options.pool && plan.length > 1 ? createWorkerPool(Math.min(plan.length, defaultParallelism()), { inline: true }) : undefined;
  const pool = plan.length <= 1 ? inlinePool : (options.pool ?? ownPool ?? inlinePool);
  const fresh: ManifestArtifact[] = [];
  const costs: Costs = {};
  /** Rendered artifacts' new bytes, flushed beside their files: none is put in place unless every job succeeds. */
  const stagedFiles: Staged[] = [];
  // An e-book whose printed pages are not in the build cache yet would
  // rather wait for its PDF job, which keeps them there once it has laid the
  // edition out (before it draws), than lay the edition out again: the pool
  // gives it a slot after the jobs that need not wait, or when that slot
  // would otherwise be idle.
  const pdfJobs = new Map<string, { done: Promise<void>; finish: () => void }>();
  for (const p of plan) {
    if (p.format !== 'pdf') continue;
    const { done, finish } = signal();
    void early.get(earlyKey(p))?.pagesKept.then(finish);
    pdfJobs.set(p.doc.meta.lang, { done, finish });
  }
  try {
    const rendered = await Promise.all(
      ordered.map(async (p) => {
        const pdf = pdfJobs.get(p.doc.meta.lang);
        const after = p.format === 'epub' && pdf && p.printKey && !hasPrintPages(p.printKey) ? pdf.done : undefined;
        const started = Date.now();
        options.onProgress?.({ kind: 'start', file: p.path, lang: p.doc.meta.lang, format: p.format });
        try {
          const begun = early.get(earlyKey(p));
          const timing: RenderTiming = begun?.timing ?? {};
          const job = jobOf(p, template, workingSet, pdf !== undefined);
          const bytes = await (begun?.bytes ??
            pool.render(job, { timing, ...(after ? { after } : {}), ...optional('expectedMs', lastCosts[p.file]), ...(p.format === 'pdf' && pdf ? { onPrintPages: pdf.finish } : {}) }));
          if (timing.ms !== undefined) costs[p.file] = timing.ms;
          // Written beside its file at once, while other jobs render; put in place once every job has succeeded.
          const staged = stageIfChanged(p.path, bytes);
          if (staged) stagedFiles.push(staged);
          return { p, bytes, ms: Date.now() - started, staged };
        } catch (e) {
          const error = (e as Error).message;
          result.failures.push(`${p.path}: ${error}`);
          options.onProgress?.({ kind: 'failed', file: p.path, lang: p.doc.meta.lang, format: p.format, error });
          return undefined;
        } finally {
          if (p.format === 'pdf') pdf?.finish();
        }
      }),
    );
    if (result.failures.length > 0) return result;
    // A file that cannot be put in place (a folder in its place) fails the build before any file is.
    for (const p of [...stored.map((s) => s.p), ...rendered.flatMap((o) => (o ? [o.p] : []))]) {
      if (existsSync(p.path) && statSync(p.path).isDirectory()) {
        const error = 'a folder is in the file’s place; remove it, or build into another --out';
        result.failures.push(`${p.path}: ${error}`);
        options.onProgress?.({ kind: 'failed', file: p.path, lang: p.doc.meta.lang, format: p.format, error });
      }
    }
    if (result.failures.length > 0) return result;
    const cache = buildCache();
    for (const outcome of rendered) if (outcome) afterAnswer(() => cache?.put(artifactKey(outcome.p), outcome.bytes));
    for (const outcome of [...stored.map(({ p, bytes }) => ({ p, bytes, ms: 0, stored: true })), ...rendered]) {
      if (!outcome) continue;
      const { p, bytes, ms } = outcome;
      const staged = 'staged' in outcome ? outcome.staged : stageIfChanged(p.path, bytes);
      if (staged) commitStaged(staged);
      const written = staged !== undefined;
      if (written) result.written.push(p.path);
      result.rendered.push(p.path);
      fresh.push({ file: p.file, lang: p.doc.meta.lang, format: p.format, sha256: sha256(bytes), size: bytes.length, inputHash: p.inputHash });
      options.onProgress?.({ kind: 'done', file: p.path, lang: p.doc.meta.lang, format: p.format, written, ms, bytes: bytes.length, ...('stored' in outcome ? { stored: true } : {}) });
    }
  } finally {
    // Those not put in place (a job failed): their files stay as they were. (One put in place has no temporary left.)
    for (const staged of stagedFiles) discardStaged(staged);
    await ownPool?.close();
    recordCosts(id, costs);
  }
  // Artifacts of languages or formats not built this time stay in the manifest.
  const builtFiles = new Set([...kept, ...fresh].map((a) => a.file));
  const others = (previous?.artifacts ?? []).filter((a) => !builtFiles.has(a.file) && existsSync(join(outDir, a.file)));
  const built = [...kept, ...fresh].map((a) => a.file).sort();
  const manifest: Manifest = { id, generator, source: { ...source, artifacts: built }, artifacts: [...others, ...kept, ...fresh] };
  if (writeIfChanged(manifestPath, manifestJson(manifest))) result.written.push(manifestPath);
  result.ok = true;
  return result;
}

/**
 * An artifact's entry in the build cache: its bytes, by its input hash
 * (which covers the edition's model, the template, the font files and
 * images it names, and the code of the writers) and this package's own
 * code (which hands the writers their jobs). A build that needs an
 * artifact rendered before from the same inputs (into another folder,
 * after its files were deleted, after an edit was undone) takes the bytes
 * from there.
 */
const artifactKey = (p: Planned) => cacheKey('build.artifact', p.format, p.inputHash, codeIdentity(import.meta.url));

/**
 * The artifacts to render, those the manifest shows current (same input
 * hash, file in place) and those the build cache holds (`artifactKey`; not
 * with `force`): for every edition, each wanted format.
 */
function planJobs(
  editions: readonly DocumentModel[],
  template: Template,
  outDir: string,
  id: string,
  options: BuildOptions,
  previous: Manifest | undefined,
): { plan: Planned[]; kept: ManifestArtifact[]; inCache: Planned[] } {
  const known = new Map(previous?.artifacts.map((a) => [a.file, a]) ?? []);
  const cache = options.force ? undefined : buildCache();
  const plan: Planned[] = [];
  const kept: ManifestArtifact[] = [];
  const inCache: Planned[] = [];
  for (const doc of editions) {
    const hashes = new Map<Format, string>();
    const hashOf = (format: Format): string => {
      const hash = hashes.get(format) ?? artifactInputHash(doc, template, format);
      hashes.set(format, hash);
      return hash;
    };
    for (const format of options.formats ?? formats) {
      const file = `${id}.${doc.meta.lang}.${format}`;
      const path = join(outDir, file);
      const inputHash = hashOf(format);
      const old = known.get(file);
      if (!options.force && old && old.inputHash === inputHash && fileMatches(path, old)) {
        kept.push(old);
        continue;
      }
      const printKey = format === 'pdf' || format === 'epub' ? hashOf('pdf') : undefined;
      const p: Planned = { file, path, doc, format, inputHash, printKey };
      if (cache?.has(artifactKey(p))) inCache.push(p);
      else plan.push(p);
    }
  }
  return { plan, kept, inCache };
}

/** The job of a planned artifact (an e-book whose PDF is rendered in the same build leaves the composed paragraphs to it). */
function jobOf(p: Planned, template: Template, workingSet: string, pdfAlongside: boolean): RenderJob {
  return { format: p.format, doc: p.doc, template, workingSet, printKey: p.printKey, ...(p.format === 'epub' && pdfAlongside ? { pdfAlongside: true } : {}) };
}

/** Jobs begun in idle workers while the rules ran, by `earlyKey`, each with word of its printed pages kept (or of its end). */
type EarlyJobs = Map<string, { bytes: Promise<Uint8Array>; timing: RenderTiming; pagesKept: Promise<void> }>;

/** A promise and the function that settles it. */
function signal(): { done: Promise<void>; finish: () => void } {
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return { done, finish };
}

/** `{ [name]: value }`, or nothing when the value is undefined. */
function optional<K extends string, V>(name: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [name]: value } as { [P in K]?: V });
}

const earlyKey = (p: Planned) => `${p.file}\u0000${p.inputHash}`;

/**
 * Begin rendering a source's editions in the pool's idle workers as soon as
 * they are read, while this thread runs the rules: the largest jobs first,
 * as many as there are idle workers, none for a single artifact (it is
 * rendered in this thread) and no e-book (it waits for its PDF's pages).
 * The build takes a job's bytes if the rules find no error and it still
 * needs the artifact with the same input hash; otherwise they are dropped.
 */
function beginEarly(read: ReadEditions, options: BuildOptions, early: EarlyJobs): void {
  const pool = options.pool;
  if (!pool?.renderInIdleWorker) return;
  const outDir = join(options.out, read.id);
  const { plan } = planJobs(read.editions, read.template, outDir, read.id, options, readManifest(join(outDir, 'manifest.json')));
  if (plan.length <= 1) return;
  const costs = readCosts(read.id);
  for (const p of orderJobs(plan, costs)) {
    if (p.format === 'epub') continue;
    const timing: RenderTiming = {};
    const { done: pagesKept, finish: kept } = signal();
    const bytes = pool.renderInIdleWorker(jobOf(p, read.template, read.workingSet, true), { timing, ...optional('expectedMs', costs[p.file]), onPrintPages: kept });
    if (!bytes) break;
    // A failure shows when the build takes the job's bytes.
    bytes.then(kept, kept);
    early.set(earlyKey(p), { bytes, timing, pagesKept });
  }
}

/**
 * Output files this process has hashed, by path: the file as it was then
 * (size, times of its last change and inode) and its hash. A file that
 * still has them is the same file, which `brief watch` checks on every
 * save: hashed once, not on every rebuild.
 */
const hashedFiles = new Map<string, { stamp: string; sha256: string }>();

function fileMatches(path: string, artifact: ManifestArtifact): boolean {
  try {
    const st = statSync(path, { bigint: true });
    if (st.size !== BigInt(artifact.size)) return false;
    const stamp = `${st.size} ${st.mtimeNs} ${st.ctimeNs} ${st.ino} ${st.dev}`;
    const known = hashedFiles.get(path);
    if (known?.stamp === stamp) return known.sha256 === artifact.sha256;
    const hash = sha256(readFileSync(path));
    hashedFiles.set(path, { stamp, sha256: hash });
    return hash === artifact.sha256;
  } catch {
    return false;
  }
}
