import { describe, expect, it } from 'vitest';
import { repeatedAttributes } from './repeated-attributes.js';

describe('repeatedAttributes', () => {
  it('names an attribute given twice, once', () => {
    expect(repeatedAttributes(':::figure{#fig-a source="A" source=\'B\' source=C}')).toEqual(['source']);
  });
  it('counts an id written as #id and as id=', () => {
    expect(repeatedAttributes(':::figure{#fig-a id="fig-b"}')).toEqual(['id']);
    expect(repeatedAttributes(':::figure{#fig-a #fig-b alt="x"}')).toEqual(['id']);
  });
  it('lets classes add up, and reads values with spaces and braces-free text', () => {
    expect(repeatedAttributes(':::figure{#fig-a .wide .tall source="政府資料 (2024) を基に作成" alt="a = b"}')).toEqual([]);
  });
  it('finds nothing on a line without attributes', () => {
    expect(repeatedAttributes(':::figure')).toEqual([]);
  });
});
