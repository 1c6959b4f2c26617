import { x } from 'xastscript';
import { describe, expect, it } from 'vitest';
import { escapeAttribute, escapeText, toXml, xhtmlVoids, xmlChars } from './xml.js';

describe('escaping', () => {
  it('escapes markup with named references and drops characters XML forbids', () => {
    expect(escapeText('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d');
    expect(escapeAttribute('say "a<b" & \'c\'')).toBe("say &quot;a&lt;b&quot; &amp; 'c'");
    expect(xmlChars('a\u0001b\u000bc\ufffe')).toBe('abc');
    expect(xmlChars('😀')).toBe('😀');
    expect(xmlChars('a\ud800b')).toBe('ab');
    expect(escapeText(']]>')).toBe(']]&gt;');
  });
});

describe('serialiser', () => {
  it('writes elements with attributes in order, skipping absent ones', () => {
    expect(toXml(x('a', { class: 'x', href: 'b?c=1&d=2', rel: undefined }, 'T'))).toBe('<a class="x" href="b?c=1&amp;d=2">T</a>');
  });

  it('closes empty elements itself in XML, only void elements in XHTML', () => {
    expect(toXml(x('r', [x('item', { id: 'a' }), x('meta', { property: 'p' }, '')]))).toBe('<r><item id="a"/><meta property="p"></meta></r>');
    expect(toXml(x('p', [x('br'), x('td'), x('img', { src: 'a.png', alt: '' })]), { voids: xhtmlVoids })).toBe('<p><br/><td></td><img src="a.png" alt=""/></p>');
  });

  it('writes declarations, doctypes, comments and CDATA', () => {
    const tree = x(null, [
      { type: 'instruction', name: 'xml', value: 'version="1.0"' },
      '\n',
      { type: 'doctype', name: 'html' },
      { type: 'comment', value: ' c ' },
      x('s', [{ type: 'cdata', value: 'a<b' }]),
    ]);
    expect(toXml(tree)).toBe('<?xml version="1.0"?>\n<!DOCTYPE html><!-- c --><s><![CDATA[a<b]]></s>');
  });
});
