export { main } from './main.js';
export { checkSource } from './check.js';
export { buildSource, renderFormat, writeAtomic, formats, type Format } from './build.js';
