/**
 * Marks on the library's own frozen values (engine states, store writes) that say "valid by construction, skip
 * re-validating". A mark is a non-enumerable own symbol property, set before the value is frozen: invisible to
 * `Object.keys`, JSON, spreading, `structuredClone` and deep-equality checks, so a copy is never marked and is
 * validated as any input. It replaced a `WeakSet` of every marked value: a store of 10^6 engagements kept 10^6
 * entries in it, and marking that ephemeron table took 5 to 6 s of each full garbage collection.
 */

/** A mark: `set` on a value not yet frozen, `has` for its own mark only (an inherited one does not count). */
export interface Brand {
  /** Marks `value` (not yet frozen: a frozen value cannot take the mark and stays unmarked). Returns it. */
  set<T extends object>(value: T): T;
  has(value: unknown): boolean;
}

/** A new mark, named for debugging (`Symbol(engagement-lifecycle.<name>)`). */
export function brand(name: string): Brand {
  const key = Symbol(`engagement-lifecycle.${name}`);
  // Presence is the mark (`has` never reads its value): an empty descriptor makes it non-enumerable, read-only and fixed.
  const descriptor: PropertyDescriptor = {};
  return {
    set(value) {
      if (Object.isExtensible(value)) Object.defineProperty(value, key, descriptor);
      return value;
    },
    has(value) {
      return typeof value === 'object' && value !== null && Object.prototype.hasOwnProperty.call(value, key);
    },
  };
}
