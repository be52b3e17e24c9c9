import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { keyHash, keyString, partitionOf } from '../../src/store/index.js';

const id = fc.string({ minLength: 1, maxLength: 8, unit: 'grapheme-ascii' });

describe('keys', () => {
  test.prop([id, id, id, id])('keyString orders keys as (lifecycle, id)', (l1, i1, l2, i2) => {
    const byString = Math.sign(keyString(l1, i1) < keyString(l2, i2) ? -1 : keyString(l1, i1) > keyString(l2, i2) ? 1 : 0);
    const byPair = l1 !== l2 ? (l1 < l2 ? -1 : 1) : i1 === i2 ? 0 : i1 < i2 ? -1 : 1;
    expect(byString).toBe(byPair);
  });

  it('keyHash is a stable 32-bit FNV-1a of lifecycle NUL id (adapters store it; it must never change)', () => {
    // FNV-1a of the single byte 0 is the published test vector 0x050c5d1f.
    expect(keyHash({ lifecycle: '', id: '' })).toBe(0x050c5d1f);
    expect(keyHash({ lifecycle: 'a', id: 'b' })).toBe(0x10f3abd2);
  });

  test.prop([id, id, fc.integer({ min: 1, max: 64 })])('partitionOf is in range and depends on the whole key', (lifecycle, i, count) => {
    const p = partitionOf({ lifecycle, id: i }, count);
    expect(Number.isInteger(p) && p >= 0 && p < count).toBe(true);
    expect(keyHash({ lifecycle, id: i })).toBeGreaterThanOrEqual(0);
  });
});
