/**
 * `lazyObject` (`src/core/lazy.ts`), stated from its documentation: whatever the first use of the stand-in is (a
 * read, a write, `in`, a key listing, a descriptor, a definition, a deletion, the prototype read or set, an
 * extensibility check or a freeze), the object is built then, once, and that use sees the built object.
 */
import { describe, expect, it } from 'vitest';
import { lazyObject } from '../../src/core/lazy.js';

class Built {
  a = 1;
}

/** A fresh stand-in for a `Built` (frozen when asked), and how many times it was built. */
function standIn(frozen = false): { readonly proxy: Built & Record<string, unknown>; readonly builds: () => number } {
  let builds = 0;
  const proxy = lazyObject(() => {
    builds++;
    const value = new Built();
    return frozen ? Object.freeze(value) : value;
  }) as Built & Record<string, unknown>;
  return { proxy, builds: () => builds };
}

describe('the first use of a stand-in builds it, and sees the built object', () => {
  it('in', () => {
    const { proxy, builds } = standIn();
    expect('a' in proxy).toBe(true);
    expect(builds()).toBe(1);
  });

  it('a key listing and a descriptor', () => {
    const listed = standIn();
    expect(Object.keys(listed.proxy)).toEqual(['a']);
    expect(listed.builds()).toBe(1);
    const described = standIn();
    expect(Object.getOwnPropertyDescriptor(described.proxy, 'a')).toEqual({ value: 1, writable: true, enumerable: true, configurable: true });
    expect(described.builds()).toBe(1);
  });

  it('a write, a definition and a deletion', () => {
    const written = standIn();
    written.proxy.b = 2;
    expect(written.builds()).toBe(1);
    expect({ ...written.proxy }).toEqual({ a: 1, b: 2 });
    const defined = standIn();
    Object.defineProperty(defined.proxy, 'c', { value: 3, enumerable: true });
    expect(defined.builds()).toBe(1);
    expect({ ...defined.proxy }).toEqual({ a: 1, c: 3 });
    const deleted = standIn();
    expect(Reflect.deleteProperty(deleted.proxy, 'a')).toBe(true);
    expect(deleted.builds()).toBe(1);
    expect('a' in deleted.proxy).toBe(false);
  });

  it('the prototype, read or set', () => {
    const read = standIn();
    expect(Object.getPrototypeOf(read.proxy)).toBe(Built.prototype);
    expect(read.builds()).toBe(1);
    const set = standIn();
    Object.setPrototypeOf(set.proxy, null);
    expect(set.builds()).toBe(1);
    expect(Object.getPrototypeOf(set.proxy)).toBeNull();
    expect(set.proxy.a).toBe(1);
  });

  it('an extensibility check, and preventing extensions', () => {
    const frozen = standIn(true);
    expect(Object.isExtensible(frozen.proxy)).toBe(false);
    expect(frozen.builds()).toBe(1);
    const sealed = standIn();
    Object.preventExtensions(sealed.proxy);
    expect(sealed.builds()).toBe(1);
    expect(sealed.proxy.a).toBe(1);
    expect(Object.isExtensible(sealed.proxy)).toBe(false);
  });
});
