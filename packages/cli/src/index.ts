export { main } from './main.js';
export { watchSource } from './watch.js';
