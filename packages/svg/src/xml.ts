/**
 * The one XML escaper and serialiser of the writers. Markup is built as xast
 * trees (`xastscript`) and written here, so escaping lives in one place:
 * text escapes `&`, `<` and `>`; attribute values (always double-quoted)
 * escape `"` too; characters XML 1.0 forbids are dropped from both. Named
 * references (`&amp;`, not `&#x26;`) and `<br/>` without a space keep the
 * output as it was when the writers concatenated strings.
 */
import type { Element, Nodes } from 'xast';

/** Remove characters that XML 1.0 does not allow (C0 controls other than tab/LF/CR, U+FFFE, U+FFFF, lone surrogates). */
export function xmlChars(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
}

/** Escape text content. */
export function escapeText(text: string): string {
  return xmlChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escape an attribute value (for double-quoted attributes). */
export function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

export interface XmlOptions {
  /**
   * Elements written `<name/>` when they have no children; any other empty
   * element is written `<name></name>` (XHTML: the void elements). Without
   * it every element without children is written `<name/>`.
   */
  voids?: ReadonlySet<string>;
}

/** The void elements of XHTML (written `<br/>`, never `<br></br>`). */
export const xhtmlVoids: ReadonlySet<string> = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

function element(node: Element, options: XmlOptions): string {
  let open = `<${node.name}`;
  for (const [name, value] of Object.entries(node.attributes)) {
    if (value !== null && value !== undefined) open += ` ${name}="${escapeAttribute(String(value))}"`;
  }
  const selfClosing = node.children.length === 0 && (options.voids ? options.voids.has(node.name) : true);
  if (selfClosing) return `${open}/>`;
  return `${open}>${node.children.map((c) => toXml(c, options)).join('')}</${node.name}>`;
}

/** Serialise an xast tree (or a list of nodes) as XML text. */
export function toXml(tree: Nodes | readonly Nodes[], options: XmlOptions = {}): string {
  if (Array.isArray(tree)) return tree.map((n: Nodes) => toXml(n, options)).join('');
  const node = tree as Nodes;
  switch (node.type) {
    case 'root':
      return node.children.map((c) => toXml(c, options)).join('');
    case 'element':
      return element(node, options);
    case 'text':
      return escapeText(node.value);
    case 'instruction':
      return `<?${node.name}${node.value ? ` ${node.value}` : ''}?>`;
    case 'doctype':
      return `<!DOCTYPE ${node.name}${node.public ? ` PUBLIC "${node.public}"` : ''}${node.system ? `${node.public ? '' : ' SYSTEM'} "${node.system}"` : ''}>`;
    case 'comment':
      return `<!--${node.value}-->`;
    case 'cdata':
      return `<![CDATA[${node.value}]]>`;
    default:
      throw new Error(`cannot serialise a ${(node as { type: string }).type} node as XML`);
  }
}
