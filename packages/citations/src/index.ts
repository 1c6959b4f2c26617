export * from './types.js';
export * from './load.js';
export * from './text.js';
export * from './render.js';
