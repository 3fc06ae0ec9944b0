import { describe, expect, it } from 'vitest';
import { nulCharacterAt, nulCharacterMessage } from '../../engine/index';

describe('the NUL character in a document', () => {
  it('is found in a value or a key, with its path', () => {
    expect(nulCharacterAt({ a: ['x', { b: 'ok' }] })).toBeUndefined();
    expect(nulCharacterAt({ a: ['x', { b: 'o\u0000k' }] })).toEqual(['a', 1, 'b']);
    expect(nulCharacterAt({ a: { 'k\u0000': 1 } })).toEqual(['a', 'k\u0000']);
    expect(nulCharacterAt('\u0000')).toEqual([]);
    expect(nulCharacterAt(JSON.parse('{"text":"\\\\u0000 is only text"}'))).toBeUndefined();
  });

  it('is refused in both languages', () => {
    expect(nulCharacterMessage('en', 'id')).toBe('id: contains the NUL character (U+0000), which cannot be stored');
    expect(nulCharacterMessage('zh-CN', 'data.note')).toBe('data.note：包含无法保存的空字符（U+0000）');
  });
});
