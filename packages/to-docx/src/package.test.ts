import { afterEach, describe, expect, it, vi } from 'vitest';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { Document, ExternalHyperlink, Footer, Packer, Paragraph, TextRun } from 'docx';
import { fixCoreProperties, fixFootnoteSeparators, normalizePackage, packageDocument, partOrder, relsOwner, renumberBookmarks, renumberDrawings, renumberRelationships, zipsOnce } from './package.js';

describe('relationship ids', () => {
  it('finds the owner of a relationships part', () => {
    expect(relsOwner('word/_rels/document.xml.rels')).toBe('word/document.xml');
    expect(relsOwner('_rels/.rels')).toBeUndefined();
    expect(relsOwner('word/document.xml')).toBeUndefined();
  });

  it('renumbers random ids in order of use, after the plain ones, in both parts', () => {
    const rels =
      '<Relationships><Relationship Id="rId1" Target="styles.xml"/>' +
      '<Relationship Id="rIdzz9x" Target="https://b.example" TargetMode="External"/>' +
      '<Relationship Id="rIdaa1y" Target="https://a.example" TargetMode="External"/>' +
      '<Relationship Id="rId3" Target="settings.xml"/></Relationships>';
    const owner = '<w:hyperlink r:id="rIdaa1y"/><w:hyperlink r:id="rIdzz9x"/><w:hyperlink r:id="rIdaa1y"/>';
    const fixed = renumberRelationships(rels, owner);
    expect(fixed.owner).toBe('<w:hyperlink r:id="rId4"/><w:hyperlink r:id="rId5"/><w:hyperlink r:id="rId4"/>');
    expect(fixed.rels).toContain('Id="rId5" Target="https://b.example"');
    expect(fixed.rels).toContain('Id="rId4" Target="https://a.example"');
    expect(fixed.rels).toContain('Id="rId1" Target="styles.xml"');
  });

  it('leaves parts with plain ids alone', () => {
    const rels = '<Relationships><Relationship Id="rId1" Target="x"/></Relationships>';
    expect(renumberRelationships(rels, '<a r:id="rId1"/>')).toEqual({ rels, owner: '<a r:id="rId1"/>' });
  });
});

describe('bookmarks and drawings', () => {
  it('numbers bookmarks and _Toc names in order of appearance across parts', () => {
    const doc =
      '<w:hyperlink w:anchor="_Toc7"/><w:instrText>PAGEREF _Toc7 \\h</w:instrText>' +
      '<w:bookmarkStart w:name="_Toc7" w:id="7"/><w:bookmarkStart w:name="x" w:id="3"/><w:bookmarkEnd w:id="3"/><w:bookmarkEnd w:id="7"/>';
    const notes = '<w:bookmarkStart w:name="n" w:id="3"/><w:bookmarkEnd w:id="3"/>';
    const [d, n] = renumberBookmarks([doc, notes]);
    expect(d).toBe(
      '<w:hyperlink w:anchor="_Toc1"/><w:instrText>PAGEREF _Toc1 \\h</w:instrText>' +
        '<w:bookmarkStart w:name="_Toc1" w:id="1"/><w:bookmarkStart w:name="x" w:id="2"/><w:bookmarkEnd w:id="2"/><w:bookmarkEnd w:id="1"/>',
    );
    expect(n).toBe('<w:bookmarkStart w:name="n" w:id="3"/><w:bookmarkEnd w:id="3"/>');
  });

  it('numbers drawing ids across parts', () => {
    expect(renumberDrawings(['<wp:docPr id="9" name="a"/><wp:docPr id="4"/>', '<wp:docPr id="9"/>'])).toEqual(['<wp:docPr id="1" name="a"/><wp:docPr id="2"/>', '<wp:docPr id="3"/>']);
  });
});

describe('core properties and notes', () => {
  it('writes the publication date and the language', () => {
    const core =
      '<cp:coreProperties><dcterms:created xsi:type="dcterms:W3CDTF">2030-01-01T10:11:12.123Z</dcterms:created>' +
      '<dcterms:modified xsi:type="dcterms:W3CDTF">2030-01-01T10:11:12.123Z</dcterms:modified></cp:coreProperties>';
    const fixed = fixCoreProperties(core, { date: '2026-03-16', language: 'ja-JP' });
    expect(fixed).toContain('>2026-03-16T00:00:00Z</dcterms:created>');
    expect(fixed).toContain('>2026-03-16T00:00:00Z</dcterms:modified>');
    expect(fixed).toContain('<dc:language>ja-JP</dc:language></cp:coreProperties>');
  });

  it('takes the note mark out of the separator notes only', () => {
    const mark = '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>';
    const xml = `<w:footnote w:type="separator" w:id="-1"><w:p>${mark}<w:r><w:separator/></w:r></w:p></w:footnote>` + `<w:footnote w:id="1"><w:p>${mark}<w:r><w:t>x</w:t></w:r></w:p></w:footnote>`;
    const fixed = fixFootnoteSeparators(xml);
    expect(fixed.split('<w:footnoteRef/>').length - 1).toBe(1);
    expect(fixed).toContain('<w:footnote w:id="1"><w:p><w:r><w:rPr>');
  });
});

describe('zip', () => {
  it('orders parts with the content types first', () => {
    expect(partOrder(['word/document.xml', '_rels/.rels', '[Content_Types].xml', 'docProps/app.xml'])).toEqual(['[Content_Types].xml', '_rels/.rels', 'docProps/app.xml', 'word/document.xml']);
  });

  it('writes the same bytes whatever the time and order of the input', () => {
    const a = zipSync({ 'word/document.xml': strToU8('<a/>'), '[Content_Types].xml': strToU8('<t/>') }, { mtime: new Date(2001, 1, 1) });
    const b = zipSync({ '[Content_Types].xml': strToU8('<t/>'), 'word/document.xml': strToU8('<a/>') }, { mtime: new Date(2024, 5, 5, 5, 5) });
    const fixes = { date: '2026-03-16', language: 'en-US' };
    const na = normalizePackage(a, fixes);
    const nb = normalizePackage(b, fixes);
    expect(Buffer.from(na).equals(Buffer.from(nb))).toBe(true);
    expect(Object.keys(unzipSync(na))).toEqual(['[Content_Types].xml', 'word/document.xml']);
    // DOS date of the first local header: 2026-03-16.
    const view = new DataView(na.buffer, na.byteOffset);
    const dosDate = view.getUint16(12, true);
    expect([(dosDate >> 9) + 1980, (dosDate >> 5) & 15, dosDate & 31]).toEqual([2026, 3, 16]);
  });
});

describe('zipping once', () => {
  afterEach(() => vi.restoreAllMocks());

  /** A small document with the parts the fixes touch: core properties, a hyperlink, a footnote, a footer. */
  const sample = () =>
    new Document({
      creator: 'A',
      footnotes: { 1: { children: [new Paragraph('note')] } },
      sections: [
        {
          footers: { default: new Footer({ children: [new Paragraph('f')] }) },
          children: [new Paragraph({ children: [new TextRun('text'), new ExternalHyperlink({ link: 'https://example.org/', children: [new TextRun('link')] })] })],
        },
      ],
    });
  const fixes = { date: '2026-03-16', language: 'ja-JP' };

  it('zips the parts of a document once, without the library zipping them first', async () => {
    expect(zipsOnce()).toBe(true);
    const pack = vi.spyOn(Packer, 'pack');
    const once = await packageDocument(sample(), fixes);
    expect(pack).not.toHaveBeenCalled();
    pack.mockRestore();
    // The same bytes as the library's zip, unzipped, fixed and zipped again.
    const zipped = await Packer.toBuffer(sample());
    const twice = normalizePackage(new Uint8Array(zipped.buffer, zipped.byteOffset, zipped.byteLength), fixes);
    expect(Buffer.from(once).equals(Buffer.from(twice))).toBe(true);
    expect(Object.keys(unzipSync(once))[0]).toBe('[Content_Types].xml');
  });

  it('lets the thread run other work between its steps', async () => {
    // A callback queued for the next turn of the event loop runs before the package is done.
    let turns = 0;
    const tick = () => {
      turns++;
      if (turns < 10) setImmediate(tick);
    };
    setImmediate(tick);
    await packageDocument(sample(), fixes);
    expect(turns).toBeGreaterThanOrEqual(2);
  });
});
