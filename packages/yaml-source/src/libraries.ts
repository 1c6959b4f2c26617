/**
 * `yaml`, re-exported from one module that `npm run compile` bundles into
 * one file (`scripts/bundle-libraries.mjs`): the library is 72 CommonJS
 * files, which took about 50 ms to load in every thread that reads YAML, and
 * loads in about 20 ms as one. Tests import it through this source file.
 */
export { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
