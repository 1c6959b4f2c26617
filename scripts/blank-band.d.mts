/** The largest blank band of every page of the PDF at `path`, as a fraction of the page height. */
export function blankBands(path: string): Promise<number[]>;
/** The tallest run of blank rows after the first run of inked rows and before the last one. */
export function largestBand(inked: readonly boolean[]): number;
