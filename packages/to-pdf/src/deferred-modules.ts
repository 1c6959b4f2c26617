/**
 * Modules that PDFKit and fontkit load as they load, but that a build uses
 * only for what it never makes, or seldom: PDFKit's encryption
 * (`@noble/ciphers`' AES, `@noble/hashes`' SHA-2 and byte helpers), fontkit's
 * WOFF2 reader (`brotli`, whose dictionary alone takes 25 ms to load),
 * PDFKit's line breaking (`linebreak`: text is drawn where the layout placed
 * it, never wrapped by PDFKit) and fontkit's character properties
 * (`unicode-properties`, 25 ms to inflate its tables: runs are shaped by
 * HarfBuzz, or taken from the build cache). Each is put into the require
 * cache as a stand-in that loads the module on first use, so an encrypted
 * PDF, a WOFF2 font or a run fontkit shapes still works: about 90 ms less
 * for every thread that draws a PDF from kept runs. fontkit also makes three
 * lookup tables of `unicode-trie` as it loads (for its Arabic, Indic and
 * universal shapers, 10 ms to inflate): each is made when first looked up.
 */
import { createRequire, Module } from 'node:module';

/** Put the stand-ins in place before PDFKit is loaded (`pdfkit`: its main file). */
export function deferUnusedModules(pdfkit: string): void {
  const fromPdfkit = createRequire(pdfkit);
  const fromFontkit = createRequire(fromPdfkit.resolve('fontkit'));
  standIn(fromFontkit, 'brotli/decompress.js', 'function');
  standIn(fromFontkit, 'unicode-properties', 'object');
  standIn(fromPdfkit, 'linebreak', 'function');
  standIn(fromFontkit, 'unicode-trie', 'lookup table');
  standIn(fromPdfkit, '@noble/ciphers/aes', 'object');
  standIn(fromPdfkit, '@noble/hashes/sha2', 'object');
  standIn(fromPdfkit, '@noble/hashes/utils', 'object');
}

/** Whether the module `id`, as `from` would load it, is still a stand-in (for tests). */
export function isStandIn(from: string, id: string): boolean {
  const require = createRequire(from);
  const exports: unknown = require.cache[require.resolve(id)]?.exports;
  return exports !== undefined && standIns.has(exports as object);
}

const standIns = new WeakSet<object>();

type Loaded = ((...args: unknown[]) => unknown) & Record<PropertyKey, unknown>;

/**
 * The class of `unicode-trie`, whose objects are read only by `get(codePoint)`
 * (fontkit, `unicode-properties` and `linebreak` read nothing else): each
 * object made with it holds its data until `get` is first called, which
 * loads the module, makes the table and looks up in it from then on.
 */
function lazyTable(load: () => (...args: unknown[]) => unknown): object {
  return function LookupTable(this: { get(codePoint: number): unknown }, ...args: unknown[]) {
    let table: { get(codePoint: number): unknown } | undefined;
    this.get = (codePoint) => {
      table ??= Reflect.construct(load(), args) as { get(codePoint: number): unknown };
      return table.get(codePoint);
    };
  };
}

/**
 * A module whose exports are a function or a class (`function`), an object
 * of functions (`object`) or `unicode-trie`'s class (`lookup table`), put
 * into the cache under the file `from` resolves `id` to, unless it is loaded
 * already. The first call, `new` or property read loads the module itself
 * (in place of the stand-in) and forwards to it.
 */
function standIn(from: NodeJS.Require, id: string, kind: 'function' | 'object' | 'lookup table'): void {
  const filename = from.resolve(id);
  if (from.cache[filename]) return;
  let loaded: Loaded | undefined;
  const load = (): Loaded => {
    if (!loaded) {
      if (from.cache[filename]?.exports === exports) delete from.cache[filename];
      loaded = from(filename) as Loaded;
    }
    return loaded;
  };
  const exports: object =
    kind === 'lookup table'
      ? lazyTable(load)
      : kind === 'function'
        ? function (this: unknown, ...args: unknown[]) {
            // Made with `new` (a class): the loaded class makes the object.
            if (new.target) return Reflect.construct(load(), args);
            return Reflect.apply(load(), this, args);
          }
        : new Proxy(
            {},
            {
              get: (_, key) => Reflect.get(load(), key),
              has: (_, key) => Reflect.has(load(), key),
              ownKeys: () => Reflect.ownKeys(load()),
              getOwnPropertyDescriptor: (_, key) => {
                const d = Reflect.getOwnPropertyDescriptor(load(), key);
                return d && { ...d, configurable: true };
              },
            },
          );
  standIns.add(exports);
  const module = new Module(filename);
  module.filename = filename;
  module.loaded = true;
  module.exports = exports;
  from.cache[filename] = module;
}
