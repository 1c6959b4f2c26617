/**
 * The libraries this package reads files with, re-exported from one module
 * that `npm run compile` bundles into one file
 * (`scripts/bundle-libraries.mjs`): `@rgrove/parse-xml` (15 CommonJS files)
 * and `image-size` (26 ES modules), loaded by every thread that reads an SVG
 * or a picture's size. Tests import the libraries through this source file.
 */
export { imageSize } from 'image-size';
export { parseXml, XmlCdata, XmlComment, XmlDeclaration, XmlDocumentType, XmlElement, XmlError, XmlProcessingInstruction, XmlText, type XmlDocument } from '@rgrove/parse-xml';
