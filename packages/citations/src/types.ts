import type { LanguageTag, SourceSpan } from '@brief/document-model';

/** A text field: a plain string for every language, or one value per language. */
/** The item types of CSL 1.0.2. */
export const cslItemTypes = [
  'article',
  'article-journal',
  'article-magazine',
  'article-newspaper',
  'bill',
  'book',
  'broadcast',
  'chapter',
  'classic',
  'collection',
  'dataset',
  'document',
  'entry',
  'entry-dictionary',
  'entry-encyclopedia',
  'event',
  'figure',
  'graphic',
  'hearing',
  'interview',
  'legal_case',
  'legislation',
  'manuscript',
  'map',
  'motion_picture',
  'musical_score',
  'pamphlet',
  'paper-conference',
  'patent',
  'performance',
  'periodical',
  'personal_communication',
  'post',
  'post-weblog',
  'regulation',
  'report',
  'review',
  'review-book',
  'software',
  'song',
  'speech',
  'standard',
  'thesis',
  'treaty',
  'webpage',
] as const;

export type LocalizedText = string | Record<LanguageTag, string>;

export interface CslName {
  family?: LocalizedText;
  given?: LocalizedText;
  /** An organisation or a name that is not split. */
  literal?: LocalizedText;
  /**
   * Keep family-then-given order in every language (citeproc-js's flag for
   * East Asian names written in Latin letters: "Nakabayashi Mieko").
   */
  'static-ordering'?: boolean;
}

/** The CSL variables that hold names (lists of `CslName`). */
export const nameFields: ReadonlySet<string> = new Set([
  'author',
  'editor',
  'translator',
  'director',
  'interviewer',
  'recipient',
  'reviewed-author',
  'container-author',
  'collection-editor',
  'composer',
  'illustrator',
  'original-author',
]);

/** CSL date: `{ 'date-parts': [[2025, 1, 29]] }`, an ISO string, or a year as a number. */
export type CslDate = string | number | { 'date-parts'?: (number | string)[][]; raw?: string; literal?: string };

/**
 * A CSL item as written in references.yaml (CSL-YAML / CSL-JSON vocabulary),
 * with per-language text fields allowed. Unknown fields are kept.
 */
export interface CslItem {
  id: string;
  type: string;
  title?: LocalizedText;
  'title-short'?: LocalizedText;
  'container-title'?: LocalizedText;
  'collection-title'?: LocalizedText;
  author?: CslName[];
  editor?: CslName[];
  publisher?: LocalizedText;
  'publisher-place'?: LocalizedText;
  authority?: LocalizedText;
  issued?: CslDate;
  accessed?: CslDate;
  URL?: string;
  DOI?: string;
  page?: string | number;
  volume?: string | number;
  issue?: string | number;
  number?: string | number;
  edition?: LocalizedText;
  section?: LocalizedText;
  genre?: LocalizedText;
  medium?: LocalizedText;
  note?: LocalizedText;
  language?: string;
  /** Diet minutes: 衆議院 / 参議院 or House of Representatives / House of Councillors. */
  chamber?: LocalizedText;
  /** Diet minutes: committee name; absent for a plenary sitting. */
  committee?: LocalizedText;
  [field: string]: unknown;
}

/** A loaded bibliography: items by id, with where each was written. */
export interface ReferenceLibrary {
  /** The references file (relative path), when there is one. */
  file?: string;
  items: Map<string, CslItem>;
  /** Source span of each item (the `id:` line), and of each of its fields. */
  spans: Map<string, SourceSpan>;
  fieldSpans: Map<string, Map<string, SourceSpan>>;
  /** Span of a key inside an item (`['publisher', 'en']`), when the library was read from a file. */
  keySpanOf?: (id: string, path: readonly (string | number)[]) => SourceSpan;
  /** The references file could not be read (YAML syntax): citations of its keys are not reported as unknown. */
  unreadable?: boolean;
  /** Keys of items that are in the file but could not be read (no type): reported there, so their citations are not "unknown". */
  unread?: Set<string>;
}

export function emptyLibrary(): ReferenceLibrary {
  return { items: new Map(), spans: new Map(), fieldSpans: new Map() };
}
