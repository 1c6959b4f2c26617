/**
 * Generated long reports (scripts/gen-stress.mjs, which the benchmarks use
 * too): chapters of Japanese and English paragraphs with notes, long tokens,
 * code, wide and long tables, and figures at every position.
 */
export { writeStressReport, type StressFigures } from '../../scripts/gen-stress.mjs';
