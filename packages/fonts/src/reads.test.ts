/**
 * Each font file is read once per thread, whoever needs it first: measuring
 * (`openFace`, `textWidth`), cutting (`subsetFace`) or keying the cache
 * (`fontDigest`). Reads are counted by wrapping `node:fs`.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const reads = vi.hoisted(() => new Map<string, number>());

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const count = (path: unknown) => {
    if (typeof path === 'string' && /\.(ttf|otf)$/.test(path)) reads.set(path, (reads.get(path) ?? 0) + 1);
  };
  const readFileSync = ((path: Parameters<typeof fs.readFileSync>[0], ...rest: unknown[]) => {
    count(path);
    return (fs.readFileSync as (...a: unknown[]) => unknown)(path, ...rest);
  }) as typeof fs.readFileSync;
  const readFile = ((path: unknown, ...rest: unknown[]) => {
    count(path);
    return (fs.readFile as (...a: unknown[]) => unknown)(path, ...rest);
  }) as typeof fs.readFile;
  return { ...fs, default: { ...fs, readFileSync, readFile }, readFileSync, readFile };
});

const { fontBytes, fontDigest, fontFiles, openFace, subsetFace, textWidth } = await import('./index.js');

describe('font files are read once per thread', () => {
  beforeEach(() => reads.clear());

  it('serves measuring, cutting and cache keys from one read', async () => {
    const serif = fontFiles('Noto Serif JP').bold;
    const face = openFace(serif);
    expect(face.hasGlyph('日'.codePointAt(0)!)).toBe(true);
    expect(textWidth('日本 AB', [serif], 10)).toBeGreaterThan(0);
    expect(fontDigest(serif)).toMatch(/^[0-9a-f]{64}$/);
    const cut = await subsetFace(serif, '日本');
    expect(cut.byteLength).toBeLessThan(fontBytes(serif).byteLength);
    await subsetFace(serif, '外交');
    expect(reads.get(serif)).toBe(1);
  });

  it('reads a file the subsetter used first once, also when it is measured afterwards', async () => {
    const sans = fontFiles('Noto Sans').bold;
    await subsetFace(sans, 'AB');
    openFace(sans);
    textWidth('AB', [sans], 12);
    expect(reads.get(sans)).toBe(1);
  });
});
