/**
 * Drawing pictures reads each font file once per thread, and shares that read
 * with measuring (`openFace`): the faces are cut down from `fontBytes`, and
 * resvg reads only the cut-down files. Reads are counted by wrapping `node:fs`.
 */
import { describe, expect, it, vi } from 'vitest';

const reads = vi.hoisted(() => new Map<string, number>());

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const readFileSync = ((path: Parameters<typeof fs.readFileSync>[0], ...rest: unknown[]) => {
    if (typeof path === 'string' && /\.(ttf|otf)$/.test(path)) reads.set(path, (reads.get(path) ?? 0) + 1);
    return (fs.readFileSync as (...a: unknown[]) => unknown)(path, ...rest);
  }) as typeof fs.readFileSync;
  return { ...fs, default: { ...fs, readFileSync }, readFileSync };
});

const { fontFiles, openFace } = await import('@brief/fonts');
const { svgToPng } = await import('./index.js');

describe('font reads while drawing', () => {
  it('reads each whole font file once for several pictures and for measuring', async () => {
    const sans = fontFiles('Noto Sans JP');
    const fonts = { files: [sans.normal, sans.bold], defaultFamily: 'Noto Sans JP' };
    const svg = (text: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"><text x="10" y="40" font-family="Noto Sans JP" font-size="24">${text}</text></svg>`;
    await svgToPng(svg('日本'), { fonts });
    await svgToPng(svg('外交 A'), { fonts, width: 400 });
    openFace(sans.normal);
    expect(reads.get(sans.normal)).toBe(1);
    expect(reads.get(sans.bold)).toBe(1);
  });
});
