import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeStressReport } from '../../../scripts/gen-stress.mjs';
import { parseBySections, parseFragment } from './markdown.js';
import { sectionsOf } from './sections.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The whole text parsed at once, nothing kept. */
const whole = (text: string) => parseFragment(text, { line: 1, column: 1, offset: 0 });

/**
 * Parse by sections (after whatever was parsed before; a new body section
 * by section, however short) and check it is the whole parse, key for key.
 */
function same(text: string): void {
  const tree = parseBySections(text, 0);
  expect(JSON.stringify(tree)).toBe(JSON.stringify(whole(text)));
}

function bodies(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...bodies(path));
    else if (name.endsWith('.md') && name !== 'NOTES.md' && name !== 'README.md') out.push(readFileSync(path, 'utf8'));
  }
  return out;
}

/** Seeded choices (the same every run). */
function chooser(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return Math.floor((s / 2147483648) * n);
  };
}

/** Edits a writer makes: a word added to a line, a line dropped, a definition or note added, a heading added. */
function edited(text: string, pick: (n: number) => number): string {
  const lines = text.split('\n');
  const at = pick(lines.length);
  switch (pick(6)) {
    case 0:
      lines[at] = `${lines[at]} Edited [later] and [^late].`;
      break;
    case 1:
      lines.splice(at, 1);
      break;
    case 2:
      lines.splice(at, 0, '', '[Later]: https://example.org/later', '');
      break;
    case 3:
      lines.splice(at, 0, '', '[^late]: A note defined late.', '');
      break;
    case 4:
      lines.splice(at, 0, '', '## An added heading', '');
      break;
    default:
      lines[at] = `${lines[at]}x`;
  }
  return lines.join('\n');
}

describe('parsing a body by sections', () => {
  it('cuts at headings after a blank line, outside code and container directives', () => {
    const text = '# One\n\nText.\n\n```\n\n# code\n```\n\n:::note\n\n# inside\n:::\n\n## Two\n\nMore.\n';
    expect(sectionsOf(text).map((s) => [s.line, s.text.split('\n')[0]])).toEqual([
      [1, '# One'],
      [15, '## Two'],
    ]);
    expect(
      sectionsOf(text)
        .map((s) => s.text)
        .join(''),
    ).toBe(text);
  });

  it('does not cut what it cannot follow: HTML comments, carriage returns, a fence left open', () => {
    expect(sectionsOf('# A\n\n<!--\n\n# B\n-->\n')).toHaveLength(1);
    expect(sectionsOf('# A\r\n\r\n# B\r\n')).toHaveLength(1);
    expect(sectionsOf('# A\n\n```\n\n# B\n')).toHaveLength(1);
    expect(sectionsOf('# A\n\n::::note\n\n:::\n\n# B\n')).toHaveLength(1);
  });

  it('gives the whole parse when labels are defined in one section and used in another', () => {
    const first = '# One\n\nSee [the site] and [^n] and [Foo\nBar][].\n\n## Two\n\n[The Site]: https://example.org\n\n[^n]: A note.\n\n## Three\n\n[foo bar]: https://example.net "t"\n';
    same(first);
    // The definition dropped: the reference in section one is text again.
    same(first.replace('[The Site]: https://example.org\n', ''));
    same(first);
    // A section that adds a definition used elsewhere.
    same(first.replace('## Three\n\n', '## Three\n\n[^m]: Another.\n\n').replace('and [^n]', 'and [^n] [^m]'));
    same(`${first}\nNo newline at the end`);
  });

  it('gives the whole parse of a new body parsed section by section, whatever lines look like definitions', () => {
    // A label over two lines is found only by parsing; a line in code that looks like a definition is not one.
    const text = '# One\n\nSee [two\nlines], [coded] and [^far].\n\n## Two\n\n[Two\n Lines]: https://example.org\n\n```\n[coded]: https://example.net\n```\n\n## Three\n\n[^far]: A note.\n';
    same(text);
    same(text.replace('[^far]: A note.', 'No note.'));
  });

  it('parses a body whose definitions stand inside other nodes whole (they hold only for what is parsed after them)', () => {
    const text = '# One\n\nSee [later].\n\n## Two\n\n:::note\n[later]\n\n[Later]: https://example.org\n:::\n';
    same(text);
    same(text.replace('See', 'Look at'));
    same(`${text}\n> [^q]: quoted\n`);
  });

  it('parses again only the section that changed: the sections before it are the same nodes', () => {
    const text = readFileSync(join(root, 'sources/trump-second-term-year-one/en.md'), 'utf8');
    const before = parseBySections(text);
    const lines = text.split('\n');
    const at = lines.findIndex((l, k) => k > lines.length / 2 && l.length > 80 && !l.startsWith('[^'));
    lines[at] = `${lines[at]} An added sentence.`;
    const after = parseBySections(lines.join('\n'));
    expect(JSON.stringify(after)).toBe(JSON.stringify(whole(lines.join('\n'))));
    expect(after.children[0]).toBe(before.children[0]);
    expect(after.children.at(-1)).not.toBe(before.children.at(-1));
  });

  it('gives the whole parse of every body in the repository, and after edits of each', () => {
    const texts = [...bodies(join(root, 'sources')), ...bodies(join(root, 'tests'))];
    const dir = mkdtempSync(join(tmpdir(), 'sections-'));
    try {
      writeStressReport(dir, 'sections', { pages: 6, seed: 5 });
      texts.push(readFileSync(join(dir, 'en.md'), 'utf8'), readFileSync(join(dir, 'ja.md'), 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(texts.filter((t) => sectionsOf(t).length > 2).length).toBeGreaterThanOrEqual(4);
    const pick = chooser(11);
    // A body of one section is parsed whole, as it always was.
    for (const text of texts.filter((t) => sectionsOf(t).length > 1)) {
      same(text);
      let current = text;
      for (let k = 0; k < 4; k++) {
        current = edited(current, pick);
        same(current);
      }
    }
  });
});
