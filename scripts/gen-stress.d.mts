export interface StressOptions {
  /** About this many pages per edition (a page holds about two and a half paragraphs and their notes). */
  pages: number;
  seed: number;
}
/** A small deterministic generator (mulberry32): numbers in [0, 1). */
export declare function random(seed: number): () => number;
export declare const longTokens: {
  url: string;
  hash: string;
  german: string;
  chemical: string;
};
/** Where the figures of a generated report stand: the chapter of each, and whether a paragraph after it mentions it first. */
export interface StressFigures {
  figures: {
    n: number;
    chapter: number;
    mentionedAfter: boolean;
  }[];
  chapters: number;
}
/** Write a generated report into `dir` (made if missing): brief.yaml, ja.md, en.md, references.yaml, figures. */
export declare function writeStressReport(dir: string, id: string, options: StressOptions): StressFigures;
