/**
 * Diet minutes (`type: legislation` with a session `number`): session
 * numbers must not run backwards against the dates of the minutes cited, and
 * a sitting must fall within its session (第N回国会) where the session's
 * dates are known, or after its close when the item is marked as a
 * sitting after the close (閉会後 / 閉会中).
 */
import { diagnostic, type Diagnostic, type SourceSpan } from '@brief/document-model';
import { kanjiNumber, legislationKind, writtenSessionNumber, type CslItem, type ReferenceLibrary } from '@brief/citations';
import type { ValidationInput } from './index.js';
import { citedKeys, fullDay, textValues, where } from './util.js';

export interface DietSession {
  /** 第N回国会 */
  number: number;
  kind: 'ordinary' | 'extraordinary' | 'special';
  /** Convened (召集日), ISO date. */
  start: string;
  /** Closed (閉会日) or dissolved, ISO date; absent while the session is open or its end is not yet certain. */
  end?: string;
}

/**
 * Sessions of the National Diet whose dates are certain (extensions
 * included). A session not listed is not checked.
 */
export const dietSessions: readonly DietSession[] = [
  { number: 196, kind: 'ordinary', start: '2018-01-22', end: '2018-07-22' },
  { number: 197, kind: 'extraordinary', start: '2018-10-24', end: '2018-12-10' },
  { number: 198, kind: 'ordinary', start: '2019-01-28', end: '2019-06-26' },
  { number: 199, kind: 'extraordinary', start: '2019-08-01', end: '2019-08-05' },
  { number: 200, kind: 'extraordinary', start: '2019-10-04', end: '2019-12-09' },
  { number: 201, kind: 'ordinary', start: '2020-01-20', end: '2020-06-17' },
  { number: 202, kind: 'extraordinary', start: '2020-09-16', end: '2020-09-18' },
  { number: 203, kind: 'extraordinary', start: '2020-10-26', end: '2020-12-05' },
  { number: 204, kind: 'ordinary', start: '2021-01-18', end: '2021-06-16' },
  { number: 205, kind: 'extraordinary', start: '2021-10-04', end: '2021-10-14' },
  { number: 206, kind: 'special', start: '2021-11-10', end: '2021-11-12' },
  { number: 207, kind: 'extraordinary', start: '2021-12-06', end: '2021-12-21' },
  { number: 208, kind: 'ordinary', start: '2022-01-17', end: '2022-06-15' },
  { number: 209, kind: 'extraordinary', start: '2022-08-03', end: '2022-08-05' },
  { number: 210, kind: 'extraordinary', start: '2022-10-03', end: '2022-12-10' },
  { number: 211, kind: 'ordinary', start: '2023-01-23', end: '2023-06-21' },
  { number: 212, kind: 'extraordinary', start: '2023-10-20', end: '2023-12-13' },
  { number: 213, kind: 'ordinary', start: '2024-01-26', end: '2024-06-23' },
  { number: 214, kind: 'extraordinary', start: '2024-10-01', end: '2024-10-09' },
  { number: 215, kind: 'special', start: '2024-11-11', end: '2024-11-14' },
  { number: 216, kind: 'extraordinary', start: '2024-11-28', end: '2024-12-24' },
  { number: 217, kind: 'ordinary', start: '2025-01-24', end: '2025-06-22' },
  { number: 218, kind: 'extraordinary', start: '2025-08-01', end: '2025-08-05' },
  { number: 219, kind: 'extraordinary', start: '2025-10-21', end: '2025-12-17' },
  // Convened and dissolved (衆議院解散) on the same day.
  { number: 220, kind: 'ordinary', start: '2026-01-23', end: '2026-01-23' },
  { number: 221, kind: 'special', start: '2026-02-18' },
];

const byNumber = new Map(dietSessions.map((s) => [s.number, s]));

export function findSession(number: number): DietSession | undefined {
  return byNumber.get(number);
}

/** The session number of an item (`219`, `"219"`, `"第219回"`, `"第二百十九回"`), or undefined. */
export function sessionNumber(item: CslItem): number | undefined {
  return writtenSessionNumber(item.number);
}

/** Diet minutes: a legislation item with a session number. */
function isDietMinutes(item: CslItem): boolean {
  return legislationKind(item) === 'minutes' && sessionNumber(item) !== undefined;
}

/** Fields where a sitting after the session's close may be marked. */
const closeMarkerFields = ['genre', 'note', 'event', 'event-title', 'section', 'status', 'committee', 'title', 'container-title', 'collection-title', 'medium', 'annote'];
const closeMarker = /閉会後|閉会中|\b(?:after|following)\s+the\s+(?:close|closing|end)\b|\bclosed\s+session\b|\bintersession\b|\brecess\b/i;

/** Whether an item says it records a sitting held after its session closed (閉会後 / 閉会中審査). */
export function isAfterClose(item: CslItem): boolean {
  if (item['after-close'] === true) return true;
  return closeMarkerFields.some((f) => textValues(item[f]).some((t) => closeMarker.test(t)));
}

/** The words an item marks a sitting after the close with, as written (閉会中, after the close), else 閉会後. */
function closeWords(item: CslItem): string {
  for (const f of closeMarkerFields)
    for (const t of textValues(item[f])) {
      const m = closeMarker.exec(t);
      if (m) return m[0];
    }
  return '閉会後';
}

function span(library: ReferenceLibrary, key: string, field: string): SourceSpan {
  return library.fieldSpans.get(key)?.get(field) ?? library.spans.get(key) ?? { file: library.file ?? 'references.yaml', start: { line: 1, column: 1 } };
}

interface Minutes {
  item: CslItem;
  number: number;
  date: string;
}

export function checkDietMinutes(input: ValidationInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { library } = input;
  const cited = citedKeys(input.editions);
  const minutes: Minutes[] = [];
  for (const item of library.items.values()) {
    if (!isDietMinutes(item)) continue;
    checkMinutesIssue(library, item, out);
    const number = sessionNumber(item)!;
    const date = fullDay(item.issued);
    if (date === undefined) continue;
    if (cited.has(item.id)) minutes.push({ item, number, date });
    checkSessionDates(library, item, number, date, out);
  }
  // Session numbers must not decrease as the dates advance. The minutes kept
  // are the longest run in order; the others are the ones out of place.
  minutes.sort((a, b) => a.date.localeCompare(b.date) || a.number - b.number);
  const length: number[] = [];
  const previous: number[] = [];
  minutes.forEach((m, i) => {
    length[i] = 1;
    previous[i] = -1;
    for (let j = 0; j < i; j++) {
      if (minutes[j]!.number <= m.number && length[j]! + 1 > length[i]!) {
        length[i] = length[j]! + 1;
        previous[i] = j;
      }
    }
  });
  const kept = new Set<number>();
  let best = -1;
  length.forEach((n, i) => {
    if (best < 0 || n > length[best]!) best = i;
  });
  for (let i = best; i >= 0; i = previous[i]!) kept.add(i);
  minutes.forEach((m, i) => {
    if (kept.has(i)) return;
    // The nearest minutes in order that this one contradicts.
    let partner: Minutes | undefined;
    for (let j = i + 1; j < minutes.length && !partner; j++) if (kept.has(j) && minutes[j]!.number < m.number && minutes[j]!.date > m.date) partner = minutes[j];
    for (let j = i - 1; j >= 0 && !partner; j--) if (kept.has(j) && minutes[j]!.number > m.number && minutes[j]!.date < m.date) partner = minutes[j];
    if (!partner) return;
    const relation =
      partner.date > m.date ? `dated later (${partner.date}), are of the earlier session ${partner.number}` : `dated earlier (${partner.date}), are of the later session ${partner.number}`;
    out.push(
      diagnostic(
        'diet-session-order',
        'error',
        `Diet minutes "${m.item.id}" are of session ${m.number} (第${m.number}回国会) dated ${m.date}, but "${partner.item.id}" (${where(span(library, partner.item.id, 'number'))}), ${relation}: session numbers run backwards against the dates`,
        span(library, m.item.id, 'number'),
        'check the session number and the date of both minutes',
      ),
    );
  });
  return out;
}

function checkSessionDates(library: ReferenceLibrary, item: CslItem, number: number, date: string, out: Diagnostic[]): void {
  const session = findSession(number);
  if (!session) return;
  const next = findSession(number + 1);
  const period = `${session.start} to ${session.end ?? 'its close'}`;
  const at = span(library, item.id, 'issued');
  const marker = 'mark a sitting held after the close with `genre: 閉会後`';
  if (isAfterClose(item)) {
    if (session.end === undefined) return;
    if (date <= session.end) {
      out.push(
        diagnostic(
          'diet-session-dates',
          'error',
          `Diet minutes "${item.id}" are marked as a sitting after the close of session ${number} ("${closeWords(item)}"), but their date ${date} is not after the session closed on ${session.end}`,
          at,
          `check the date, the session number, or remove "${closeWords(item)}"`,
        ),
      );
    } else if (next && date >= next.start) {
      out.push(
        diagnostic(
          'diet-session-dates',
          'error',
          `Diet minutes "${item.id}" dated ${date} are marked as after the close of session ${number}, but session ${next.number} had already been convened on ${next.start}`,
          at,
          `cite them as session ${next.number}, or check the date`,
        ),
      );
    }
    return;
  }
  if (date < session.start || (session.end !== undefined && date > session.end)) {
    out.push(
      diagnostic(
        'diet-session-dates',
        'error',
        `Diet minutes "${item.id}" are dated ${date}, outside session ${number} (第${number}回国会, ${period})`,
        at,
        `check the session number and the date; ${marker}`,
      ),
    );
  }
}

/**
 * The number of the minutes (会議録第N号) is printed in both editions (第12号,
 * No. 12): written in kanji or with words, the English edition would print
 * it so.
 */
function checkMinutesIssue(library: ReferenceLibrary, item: CslItem, out: Diagnostic[]): void {
  const values = textValues(item.issue);
  const bad = values.find((v) => !/^\d+$/.test(v.normalize('NFKC').trim()));
  if (bad === undefined) return;
  // The number as written, in figures or kanji, with what is often typed around it (会議録第3号, No. 3).
  const written = /^(?:会議録)?(?:第|No\.?)?\s*(\d+|[一二三四五六七八九十百]+)\s*号?$/iu.exec(bad.normalize('NFKC').trim())?.[1];
  const value = written === undefined ? undefined : /^\d+$/.test(written) ? Number(written) : kanjiNumber(written);
  out.push(
    diagnostic(
      'diet-minutes-issue',
      'warning',
      `the number of Diet minutes "${item.id}" is written "${bad}": it prints as written in both editions (会議録第${bad}号, No. ${bad})`,
      span(library, item.id, 'issue'),
      value !== undefined ? `write it in figures: issue: ${value}` : 'write it in figures (issue: 12)',
    ),
  );
}
