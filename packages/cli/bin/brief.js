#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';

// A build is a short burst of work in a few threads. With V8's default
// budget, code run a few hundred times is sent to the optimising compiler,
// and most of that compiling, in every thread, finishes too late to pay for
// itself: it took more CPU time than all the rendering. Waiting about 24 times
// longer keeps optimisation for the code that really is hot (numbers in
// docs/benchmarks.md). Set before any other module loads, so it holds for the
// worker threads too.
setFlagsFromString('--interrupt-budget=1600000');

// The same holds for WebAssembly (HarfBuzz and its subsetter): V8 first
// compiles it quickly, then again optimised in background threads, and in a
// build that second compile cost about a tenth of all CPU time and 40 MB
// while paying back less than it took. A build keeps the quick code only.
// `brief watch` rebuilds many times in one process, where the optimised code
// does pay back, so it keeps V8's default.
if (process.argv[2] !== 'watch') setFlagsFromString('--liftoff-only');

// A build and `brief watch` run a JavaScript thread on every core. V8's
// scavenger (the collection of short-lived objects) hands parts of its work
// to helper threads, which then only wait for a core and make the thread
// that collects wait for them: with the work done in the collecting thread,
// watch-mode edits took about 4 % less time and cold builds the same or
// less (docs/benchmarks.md).
setFlagsFromString('--no-parallel-scavenge');

// resvg (the pictures, a native library) allocates with mimalloc, which by default keeps the
// pages a freed image took for a while, and a build frees its images just
// before the next job needs memory: about 15 MB at the peak of a cold build.
// Given back at once instead; read when the library loads, so set first.
process.env.MIMALLOC_PURGE_DELAY ??= '0';

const { main } = await import('../dist/main.js');

process.exitCode = await main(process.argv.slice(2));
