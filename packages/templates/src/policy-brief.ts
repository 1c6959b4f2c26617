import { mergeTemplate } from './merge.js';
import { reportTemplate } from './report.js';
import type { Template } from './types.js';

/**
 * A second house style: an English-language policy brief. US Letter, a
 * sans-serif display face for headings in the accent colour, Roman-numeral
 * chapters with lettered sections, notes gathered at the end of each
 * chapter, no contents list on the title page, "Exhibit N" for figures.
 */
export const policyBriefTemplate: Template = mergeTemplate(reportTemplate, {
  name: 'policy-brief',
  description: 'Policy brief: US Letter, sans-serif headings in colour, notes at the end of each chapter.',
  page: {
    size: 'Letter',
    widthMm: 215.9,
    heightMm: 279.4,
    margin: { top: 25.4, bottom: 25.4, inner: 25.4, outer: 25.4 },
  },
  fonts: {
    // Gothic throughout; Latin letters Noto Sans JP lacks (ą, č, ğ …) from Noto Sans.
    ja: {
      body: { family: 'Noto Sans JP', latin: 'Noto Sans JP', cjk: 'Noto Sans JP', generic: 'sans-serif', fallback: ['Noto Sans'] },
      heading: { family: 'Noto Sans JP', latin: 'Noto Sans JP', cjk: 'Noto Sans JP', generic: 'sans-serif', fallback: ['Noto Sans'] },
    },
    en: {
      body: { family: 'Noto Serif', latin: 'Noto Serif', cjk: 'Noto Serif JP', generic: 'serif' },
      heading: { family: 'Noto Sans', latin: 'Noto Sans', cjk: 'Noto Sans JP', generic: 'sans-serif' },
    },
  },
  typography: {
    ja: { lineHeight: 1.8, paragraphSpacing: 4 },
    en: { lineHeight: 1.5, firstLineIndentEm: 0, paragraphSpacing: 6 },
  },
  sizes: { body: 10, note: 8.5, title: 22, chapter: 15, section: 12, subsection: 10.5 },
  colors: {
    heading: '#0b5394',
    rule: '#0b5394',
    accent: '#0b5394',
    tableHeaderFill: '#dbe7f3',
    coverBackground: '#0b5394',
    coverText: '#ffffff',
  },
  spacing: { chapterBefore: 20, chapterAfter: 8, sectionBefore: 10, sectionAfter: 4 },
  numbering: {
    ja: {
      styles: ['decimal', 'decimal', 'decimal'],
      heading: ['第{1}章', '{1}.{2}', '（{3}）'],
      reference: ['第{1}章', '{1}.{2}', '（{3}）'],
      referenceFromOtherChapter: ['第{1}章', '{1}.{2}', '{1}.{2}（{3}）'],
      separator: ['　', '　', ''],
    },
    en: {
      styles: ['upper-roman', 'upper-alpha', 'decimal'],
      heading: ['{1}.', '{2}.', '{3}.'],
      reference: ['Part {1}', 'Part {1}.{2}', 'Part {1}.{2}.{3}'],
      separator: [' ', ' ', ' '],
    },
  },
  strings: {
    en: { figureLabel: 'Exhibit {n}', tableLabel: 'Table {n}', figureCaption: '{label}: {caption}', notes: 'Notes' },
    ja: { figureLabel: '図{n}', tableLabel: '表{n}', notes: '注' },
  },
  notes: { placement: 'chapter-end' },
  titleBlock: { showContents: false, showNotices: true, showSeries: true },
});
