export * from './types.js';
export * from './load.js';
export * from './text.js';
export * from './locator.js';
export * from './layout.js';
export * from './ibid.js';
export * from './render.js';
export * from './csl.js';
