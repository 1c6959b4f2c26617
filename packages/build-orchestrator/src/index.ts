// Checking loads the reader and the rules: import it from '@brief/build-orchestrator/check'.
export { buildSource, type BuildOptions, type BuildResult, type ProgressEvent } from './build.js';
export { writeDeferred } from '@brief/build-cache';
export { keepParses } from '@brief/source-reader';
export { formats, isFormat, renderFormat, type Format } from './formats.js';
export { artifactInputHash, stableJson, sha256 } from './input-hash.js';
export { readManifest, type Manifest, type ManifestArtifact } from './manifest.js';
export { sharedReportIds } from './report-ids.js';
export { OutputError, releaseAll, writeAtomic, writeIfChanged, withLock } from './atomic.js';
export { fsErrorMessage } from './fs-error.js';
export { createWorkerPool, defaultParallelism, inlinePool, type RenderPool } from './worker-pool.js';
export { warmUp, type WarmUpOptions } from './warm-up.js';
