/** Working faces: a Japanese face cut to the ideographs an edition uses sets every character it holds as the whole face does. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import * as hb from 'harfbuzzjs';
import { afterAll, describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import { cutNamedFaces, cutWorkingFaces, faceHasGlyph, fontBytes, fontFiles, isIdeograph, subsetFace, withWorkingFaces, workingFont, type WorkingFaceCut } from './index.js';
import { holdsSubsetter, subsetFont, workingFaceKept } from './subset.js';

const dir = mkdtempSync(join(tmpdir(), 'brief-fonts-working-'));
process.env.BRIEF_CACHE_DIR = dir;
delete process.env.BRIEF_CACHE;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const whole = fontFiles('Noto Serif JP').normal;

function open(bytes: Uint8Array) {
  const face = new hb.Face(new hb.Blob(bytes), 0);
  const font = new hb.Font(face);
  return { face, font, unicodes: new Set(face.collectUnicodes()) };
}

/** The names a face holds (name ID → present). */
function nameIds(bytes: Uint8Array): number[] {
  const table = new hb.Face(new hb.Blob(bytes), 0).referenceTable('name')!;
  const view = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const count = view.getUint16(2);
  return [...new Set(Array.from({ length: count }, (_, i) => view.getUint16(6 + i * 12 + 6)))].sort((a, b) => a - b);
}

describe('workingFont', () => {
  const full = fontBytes(whole);
  const kept = '日本外交関税';
  const cut = workingFont(full, kept);
  const a = open(full);
  const b = open(cut);

  it('keeps every character but the ideographs not asked for, a sixth of the size', () => {
    for (const cp of a.unicodes) {
      const wanted = !isIdeograph(cp) || kept.includes(String.fromCodePoint(cp));
      if (b.unicodes.has(cp) !== wanted) throw new Error(`U+${cp.toString(16)}: kept ${b.unicodes.has(cp)}, wanted ${wanted}`);
    }
    expect(b.unicodes.has('国'.codePointAt(0)!)).toBe(false);
    expect(b.unicodes.has('あ'.codePointAt(0)!)).toBe(true);
    expect(cut.byteLength).toBeLessThan(full.byteLength / 4);
  });

  it('sets the kept characters with the same advances and shaping, and keeps every name', () => {
    const shape = (f: ReturnType<typeof open>, text: string) => {
      const buffer = new hb.Buffer();
      buffer.addText(text);
      buffer.guessSegmentProperties();
      hb.shape(f.font, buffer);
      return buffer.getGlyphPositions().map((p) => [p.xAdvance, p.xOffset, p.yOffset]);
    };
    const text = '「日本外交」と関税、（ABC）。';
    expect(shape(b, text)).toEqual(shape(a, text));
    expect(a.face.upem).toBe(b.face.upem);
    expect(nameIds(cut)).toEqual(nameIds(full));
  });

  it('gives the same subsets for embedding as the whole face', () => {
    const options = { noLayoutClosure: true, preserveNameIds: [0, 13, 14] };
    expect(Buffer.from(subsetFont(cut, '日本 ABC', options)).equals(Buffer.from(subsetFont(full, '日本 ABC', options)))).toBe(true);
  });
});

describe('withWorkingFaces', () => {
  it('draws Japanese families from working faces inside, whole faces outside; Latin families always whole', async () => {
    expect(fontFiles('Noto Serif JP').normal).toBe(whole);
    const inside = withWorkingFaces('本文は日本語', () => fontFiles('Noto Serif JP').normal);
    expect(inside).not.toBe(whole);
    expect(basename(inside), 'the file name stays (messages name it)').toBe(basename(whole));
    expect(withWorkingFaces('本文は日本語', () => fontFiles('Noto Serif').normal)).toBe(fontFiles('Noto Serif').normal);
    // The same ideographs name the same faces; others, other faces.
    expect(withWorkingFaces('語日本文', () => fontFiles('Noto Serif JP').normal)).toBe(inside);
    expect(withWorkingFaces('英語', () => fontFiles('Noto Serif JP').normal)).not.toBe(inside);
    const cut = await withWorkingFaces('日本', () => subsetFace(fontFiles('Noto Serif JP').normal, '日本'));
    expect(Buffer.from(cut).equals(Buffer.from(await subsetFace(whole, '日本')))).toBe(true);
  });

  it('answers coverage for the characters of its text as the whole face does', () => {
    const cp = (ch: string) => ch.codePointAt(0)!;
    expect(withWorkingFaces('外交', () => faceHasGlyph('Noto Serif JP', 'normal', cp('外')))).toBe(true);
    expect(withWorkingFaces('外交', () => faceHasGlyph('Noto Serif JP', 'normal', cp('国')))).toBe(false);
    expect(faceHasGlyph('Noto Serif JP', 'normal', cp('国'))).toBe(true);
  });

  it('keeps each rendering to its own faces across awaits', async () => {
    const tick = () => new Promise((resolve) => setTimeout(resolve, 1));
    const render = (text: string) =>
      withWorkingFaces(text, async () => {
        const before = fontFiles('Noto Sans JP').bold;
        await tick();
        return [before, fontFiles('Noto Sans JP').bold];
      });
    const [one, two] = await Promise.all([render('一'), render('二')]);
    expect(one![0]).toBe(one![1]);
    expect(two![0]).toBe(two![1]);
    expect(one![0]).not.toBe(two![0]);
  });

  it('cut ahead for the workers, leave this thread no subsetter holding the memory the whole faces took', () => {
    subsetFont(fontBytes(fontFiles('Noto Serif').normal), 'a');
    expect(holdsSubsetter()).toBe(true);
    cutWorkingFaces('先に切る', ['Noto Sans JP']);
    expect(holdsSubsetter()).toBe(false);
    expect(withWorkingFaces('先に切る', () => faceHasGlyph('Noto Sans JP', 'normal', '切'.codePointAt(0)!))).toBe(true);
  });

  it('share every second face still to cut with another thread, largest file first, and wait for it', () => {
    const text = '分けて切る顔';
    const families = ['Noto Sans JP'];
    const paths = withWorkingFaces(text, () => families.flatMap((f) => [fontFiles(f).normal, fontFiles(f).bold]));
    let shared: WorkingFaceCut[] = [];
    let keptAtWait: boolean[] = [];
    cutWorkingFaces(text, families, (cuts) => {
      shared = [...cuts];
      return () => {
        // This thread has cut its own faces and left the shared ones alone; the other thread is done now.
        keptAtWait = paths.map(workingFaceKept);
        cutNamedFaces(shared);
      };
    });
    // Largest file first, dealt out in turn: the second is the other thread's.
    const wholeFiles = families.flatMap((f) => [fontFiles(f).normal, fontFiles(f).bold]).sort((a, b) => statSync(b).size - statSync(a).size);
    expect(shared.map((cut) => cut.face.file)).toEqual([wholeFiles[1]]);
    expect(keptAtWait).toEqual(paths.map((path) => !shared.some((cut) => cut.path === path)));
    expect(withWorkingFaces(text, () => faceHasGlyph('Noto Sans JP', 'bold', '顔'.codePointAt(0)!))).toBe(true);
    let asked = false;
    cutWorkingFaces(text, families, () => {
      asked = true;
      return undefined;
    });
    expect(asked).toBe(false);
  });
});
