import { afterAll, describe, expect, it } from 'vitest';
import { check, errorLines, ofRule, referencesYaml, removeSources } from './test-source.js';

afterAll(removeSources);
import { kanjiNumber } from '@brief/citations';
import { dietSessions, findSession, isAfterClose } from './diet.js';

function minutes(id: string, number: number | string, issued: string, extra = ''): string {
  return `id: ${id}\ntype: legislation\nnumber: ${number}\nchamber: 衆議院\ncommittee: 外務委員会\nissue: 5\npage: 5\nissued: ${issued}${extra ? `\n${extra}` : ''}`;
}

function citing(...keys: string[]): string {
  return `本文${keys.map((_, i) => `[^n${i}]`).join('')}。\n\n${keys.map((k, i) => `[^n${i}]: [@${k}]\n`).join('\n')}`;
}

describe('diet-session-order', () => {
  it('accepts session numbers that rise with the dates', () => {
    const result = check({
      'ja.md': citing('a', 'b', 'c'),
      'references.yaml': referencesYaml(minutes('a', 217, '2025-04-02'), minutes('b', 219, '2025-11-20'), minutes('c', 200, '2019-10-07')),
    });
    expect(errorLines(result)).toEqual([]);
  });

  it('reports minutes whose session number runs backwards against the dates, naming both', () => {
    const result = check({
      'ja.md': citing('a', 'b'),
      // 300 is after every listed session, so only the order rule can see it.
      'references.yaml': referencesYaml(minutes('a', 301, '2030-04-02'), minutes('b', 300, '2030-11-20')),
    });
    const found = ofRule(result, 'diet-session-order');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: 'references.yaml', line: 12, severity: 'error' });
    expect(found[0]!.message).toContain('"b"');
    expect(found[0]!.message).toContain('"a" (references.yaml:4:');
  });

  it('only compares minutes that the report cites', () => {
    const result = check({
      'ja.md': citing('a'),
      'references.yaml': referencesYaml(minutes('a', 301, '2030-04-02'), minutes('b', 300, '2030-11-20')),
    });
    expect(ofRule(result, 'diet-session-order')).toEqual([]);
  });
});

describe('diet-minutes-issue', () => {
  it('warns when the number of the minutes is not written in figures, and gives it in figures', () => {
    const result = check({ 'ja.md': citing('a'), 'references.yaml': referencesYaml(minutes('a', 217, '2025-04-02').replace('issue: 5', 'issue: 十二')) });
    const found = ofRule(result, 'diet-minutes-issue');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: 'references.yaml', line: 7, severity: 'warning' });
    expect(found[0]!.message).toContain('No. 十二');
    expect(found[0]!.hint).toBe('write it in figures: issue: 12');
    // The number found in what was typed around it is the one given.
    for (const [typed, hint] of [
      ['会議録第3号', 'write it in figures: issue: 3'],
      ['第十二号', 'write it in figures: issue: 12'],
      ['No. 7', 'write it in figures: issue: 7'],
      ['第3回', 'write it in figures (issue: 12)'],
    ]) {
      const told = check({ 'ja.md': citing('a'), 'references.yaml': referencesYaml(minutes('a', 217, '2025-04-02').replace('issue: 5', `issue: ${typed}`)) });
      expect(ofRule(told, 'diet-minutes-issue').map((d) => d.hint)).toEqual([hint]);
    }
    const figures = check({ 'ja.md': citing('a'), 'references.yaml': referencesYaml(minutes('a', 217, '2025-04-02').replace('issue: 5', 'issue: "１２"')) });
    expect(ofRule(figures, 'diet-minutes-issue')).toEqual([]);
  });

  it('reads numbers written in kanji', () => {
    const cases: [string, number | undefined][] = [
      ['十二', 12],
      ['五', 5],
      ['十', 10],
      ['二十', 20],
      ['百五', 105],
      ['二〇', 20],
      ['百二十三', 123],
      ['十十', undefined],
      ['第五', undefined],
    ];
    for (const [written, value] of cases) expect(kanjiNumber(written), written).toBe(value);
  });
});

describe('diet-session-dates', () => {
  it('reports minutes dated outside their session', () => {
    const result = check({ 'ja.md': citing('a'), 'references.yaml': referencesYaml(minutes('a', 217, '2025-07-02')) });
    const found = ofRule(result, 'diet-session-dates');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 9, severity: 'error' });
    expect(found[0]!.message).toContain('2025-01-24 to 2025-06-22');
  });

  it('accepts a committee sitting after the close when it is marked so', () => {
    const marked = check({
      'ja.md': citing('a'),
      'references.yaml': referencesYaml(minutes('a', 218, '2025-09-12', 'genre: 閉会後').replace('外務委員会', '予算委員会')),
    });
    expect(errorLines(marked)).toEqual([]);
    const unmarked = check({ 'ja.md': citing('a'), 'references.yaml': referencesYaml(minutes('a', 218, '2025-09-12')) });
    expect(ofRule(unmarked, 'diet-session-dates')).toHaveLength(1);
  });

  it('reports a sitting marked after the close that lies within the session or after the next one opened', () => {
    const within = check({ 'ja.md': citing('a'), 'references.yaml': referencesYaml(minutes('a', 219, '2025-11-20', 'genre: 閉会後')) });
    expect(ofRule(within, 'diet-session-dates')).toHaveLength(1);
    const tooLate = check({ 'ja.md': citing('a'), 'references.yaml': referencesYaml(minutes('a', 218, '2025-10-22', 'note: 閉会後')) });
    expect(ofRule(tooLate, 'diet-session-dates')).toHaveLength(1);
  });

  it('does not check sessions whose dates are not in the table, nor the days after an open session began', () => {
    const result = check({
      'ja.md': citing('a', 'b'),
      'references.yaml': referencesYaml(minutes('a', 150, '2000-01-01'), minutes('b', 221, '2026-02-25')),
    });
    expect(ofRule(result, 'diet-session-dates')).toEqual([]);
    const early = check({ 'ja.md': citing('b'), 'references.yaml': referencesYaml(minutes('b', 221, '2026-02-10')) });
    expect(ofRule(early, 'diet-session-dates')).toHaveLength(1);
  });

  it('reads the session number written as 第N回', () => {
    const result = check({ 'ja.md': citing('a'), 'references.yaml': referencesYaml(minutes('a', '第217回', '2025-07-02')) });
    expect(ofRule(result, 'diet-session-dates')).toHaveLength(1);
  });
});

describe('the table of Diet sessions', () => {
  it('runs in order without overlaps, each session ending before the next begins', () => {
    for (let i = 0; i < dietSessions.length; i++) {
      const s = dietSessions[i]!;
      if (s.end) expect(s.end >= s.start).toBe(true);
      const next = dietSessions[i + 1];
      if (next) {
        expect(next.number).toBe(s.number + 1);
        expect(s.end).toBeDefined();
        expect(next.start > s.end!).toBe(true);
      }
    }
  });

  it('has ordinary sessions of 150 days unless extended', () => {
    const day = 86_400_000;
    for (const s of dietSessions.filter((x) => x.kind === 'ordinary' && x.end && x.end !== x.start)) {
      const days = (Date.parse(s.end!) - Date.parse(s.start)) / day + 1;
      expect(days).toBeGreaterThanOrEqual(150);
    }
    expect(findSession(217)).toEqual({ number: 217, kind: 'ordinary', start: '2025-01-24', end: '2025-06-22' });
  });

  it('recognises the after-close marker in Japanese and English', () => {
    const base = { id: 'x', type: 'legislation' };
    expect(isAfterClose({ ...base, genre: '閉会後' })).toBe(true);
    expect(isAfterClose({ ...base, title: '第218回国会閉会後参議院予算委員会会議録第1号' })).toBe(true);
    expect(isAfterClose({ ...base, note: { ja: '閉会中審査', en: 'after the close of the session' } })).toBe(true);
    expect(isAfterClose({ ...base, committee: '予算委員会' })).toBe(false);
  });
});
