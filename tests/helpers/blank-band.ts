/**
 * The largest blank band of each page (scripts/blank-band.mjs: the page at
 * 40 dpi, the tallest run of blank rows between the running head and the
 * folio, as a fraction of the page height).
 */
export { blankBands, largestBand } from '../../scripts/blank-band.mjs';
