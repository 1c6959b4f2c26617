/**
 * `image-size`, re-exported from one module that `npm run compile` bundles
 * into one file (`scripts/bundle-libraries.mjs`): the library is 26 small ES
 * modules, loaded by every thread that reads a picture's size.
 */
export { imageSize } from 'image-size';
