/**
 * SVG and XML for the reader and the writers: SVG read with an XML parser
 * (its size, the fonts and text it uses, an allowlist check of its elements
 * and attributes), the one XML escaper and serialiser, and the one PNG/JPEG
 * header reader.
 */
export {
  familyNames,
  genericFace,
  mapFontFamilies,
  maxSvgDepth,
  maxSvgSide,
  parseSvg,
  svgFontFamilies,
  svgFontLists,
  svgLength,
  svgNamespace,
  svgProblem,
  svgSize,
  svgSizeProblem,
  svgSmallestText,
  svgText,
  svgTextInFamilies,
  svgTextUnnamed,
  viewBox,
  withoutDoctype,
  withStyleSheet,
  type Svg,
  type SvgCheckOptions,
  type SvgProblem,
  type SvgProblemKind,
} from './svg.js';
export { rasterSize } from './raster.js';
export { escapeAttribute, escapeText, toXml, xhtmlVoids, xmlChars, type XmlOptions } from './xml.js';
