import { createRequire } from 'node:module';
import { brotliCompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isStandIn } from './deferred-modules.js';
import { loadPdfmake } from './pdfmake-adapter.js';

const require = createRequire(import.meta.url);

describe('modules PDFKit and fontkit load but a build does not use', () => {
  it('stay stand-ins while a PDF is drawn, and load on first use', async () => {
    loadPdfmake();
    const pdfkit = createRequire(require.resolve('pdfmake')).resolve('pdfkit');
    const fontkit = createRequire(pdfkit).resolve('fontkit');
    expect(isStandIn(fontkit, 'brotli/decompress.js')).toBe(true);
    expect(isStandIn(pdfkit, '@noble/ciphers/aes')).toBe(true);
    expect(isStandIn(pdfkit, '@noble/hashes/sha2')).toBe(true);
    expect(isStandIn(fontkit, 'unicode-properties')).toBe(true);
    expect(isStandIn(pdfkit, 'linebreak')).toBe(true);
    // fontkit made its shapers' lookup tables as it loaded: none is inflated until looked up.
    expect(isStandIn(fontkit, 'unicode-trie')).toBe(true);

    // fontkit's WOFF2 reader calls brotli's decompress: the stand-in loads it and answers as it would.
    const decompress = createRequire(fontkit)('brotli/decompress.js') as (bytes: Uint8Array) => Uint8Array;
    const text = 'a WOFF2 table, compressed';
    expect(Buffer.from(decompress(brotliCompressSync(text))).toString()).toBe(text);
    expect(isStandIn(fontkit, 'brotli/decompress.js')).toBe(false);

    // PDFKit's encryption reads the hash functions from the module object.
    const sha2 = createRequire(pdfkit)('@noble/hashes/sha2') as { sha256: (b: Uint8Array) => Uint8Array };
    expect(Buffer.from(sha2.sha256(new Uint8Array())).toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(isStandIn(pdfkit, '@noble/hashes/sha2')).toBe(false);

    // fontkit reads character properties from the module object when it shapes a run itself.
    const properties = createRequire(fontkit)('unicode-properties') as { getCategory(cp: number): string; isMark(cp: number): boolean };
    expect(properties.getCategory(0x61)).toBe('Ll');
    expect(properties.isMark(0x301)).toBe(true);
    expect(isStandIn(fontkit, 'unicode-properties')).toBe(false);
    // Its tables, made with the stand-in class, were made when first looked up.
    expect(isStandIn(fontkit, 'unicode-trie')).toBe(false);

    // PDFKit wraps text (a width given) with `new LineBreaker(text)`: the stand-in makes the loaded class's object.
    const LineBreaker = createRequire(pdfkit)('linebreak') as new (text: string) => { nextBreak(): { position: number } | null };
    const breaker = new LineBreaker('two words');
    expect(breaker.nextBreak()?.position).toBe(4);
    expect(isStandIn(pdfkit, 'linebreak')).toBe(false);
  });
});
