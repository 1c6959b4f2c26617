/**
 * Small helpers for writing XML text: escaping, characters XML forbids,
 * and language attributes.
 */

/** Remove characters that XML 1.0 does not allow (C0 controls other than tab/LF/CR, U+FFFE, U+FFFF, lone surrogates). */
export function xmlChars(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
}

/** Escape text content. */
export function esc(text: string): string {
  return xmlChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escape an attribute value (for double-quoted attributes). */
export function attr(text: string): string {
  return esc(text).replace(/"/g, '&quot;');
}

/** `lang` and `xml:lang` attributes, with a leading space. */
export function langAttrs(lang: string): string {
  return ` lang="${attr(lang)}" xml:lang="${attr(lang)}"`;
}

/**
 * Fill a `{name}` pattern whose literal parts are text and whose values are
 * XHTML fragments (already escaped). Unknown placeholders stay as written.
 */
export function fillXhtml(pattern: string, values: Record<string, string | undefined>): string {
  let out = '';
  let last = 0;
  for (const m of pattern.matchAll(/\{([a-zA-Z0-9]+)\}/g)) {
    const value = values[m[1]!];
    if (value === undefined) continue;
    out += esc(pattern.slice(last, m.index)) + value;
    last = m.index + m[0].length;
  }
  return out + esc(pattern.slice(last));
}

/** The XHTML document wrapper shared by every content document. */
export function xhtmlDocument(opts: { lang: string; title: string; css: string[]; body: string; bodyType?: string; bodyClass?: string }): string {
  const links = opts.css.map((href) => `<link rel="stylesheet" type="text/css" href="${attr(href)}"/>`).join('\n');
  const bodyAttrs = (opts.bodyType ? ` epub:type="${attr(opts.bodyType)}"` : '') + (opts.bodyClass ? ` class="${attr(opts.bodyClass)}"` : '');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<!DOCTYPE html>\n' +
    `<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"${langAttrs(opts.lang)}>\n` +
    '<head>\n' +
    '<meta charset="UTF-8"/>\n' +
    `<title>${esc(opts.title)}</title>\n` +
    (links ? `${links}\n` : '') +
    '</head>\n' +
    `<body${bodyAttrs}>\n` +
    opts.body +
    '</body>\n' +
    '</html>\n'
  );
}
