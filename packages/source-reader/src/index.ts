export * from './brief.js';
export * from './markdown.js';
export * from './read-source.js';
export { parseCitationGroup, imageSize, maxImageBytes } from './to-model.js';
export { citationsOf, isCitationOnly } from './transforms/citations.js';
