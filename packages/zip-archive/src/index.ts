export { zipArchive, type ZipEntry } from './zip.js';
