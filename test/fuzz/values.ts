/**
 * Values of unusual shapes, as fast-check arbitraries: unstructured values, Proxies whose traps throw or lie,
 * cyclic values, getters that throw. Every Proxy made here is remembered, so that the checks can treat it as an
 * opaque value instead of walking it (walking would run its traps).
 */
import * as fc from 'fast-check';

/** The Proxies this harness made; the snapshot and freeze checks do not look inside them. */
export const harnessProxies = new WeakSet<object>();

/** The error a hostile getter or trap throws: a plain `Error`, so that a leak of it is recognisable. */
export class CallerTrap extends Error {
  override readonly name = 'CallerTrap';
}

const trap = (): never => {
  throw new CallerTrap('a trap of the caller threw');
};

/** fast-check itself asks every generated value for its clone method; only that question gets an answer. */
const guarded =
  (thrower: () => never) =>
  (target: object, key?: PropertyKey): unknown =>
    key === fc.cloneMethod ? (Reflect.get(target, key) as unknown) : thrower();
const guardedHas =
  (thrower: () => never) =>
  (target: object, key: PropertyKey): boolean =>
    key === fc.cloneMethod ? false : thrower();
/** What a revoked Proxy throws on every operation. */
const revoked = (): never => {
  throw new TypeError('Cannot perform an operation on a proxy that has been revoked');
};

function proxyOf(target: object, handler: ProxyHandler<object>): object {
  const proxy = new Proxy(target, handler);
  harnessProxies.add(proxy);
  return proxy;
}

/** Proxies: every trap throws; `get` throws; `get` lies (a different value each read); `ownKeys` lies. */
const proxyArb = (inner: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.tuple(fc.constantFrom('throw-all', 'throw-get', 'lie-get', 'lie-keys', 'revoked'), inner).map(([kind, value]) => {
    const target = value !== null && typeof value === 'object' ? (Array.isArray(value) ? [...value] : { ...value }) : { value };
    switch (kind) {
      case 'throw-all':
        return proxyOf(target, { get: guarded(trap), has: guardedHas(trap), ownKeys: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap });
      case 'throw-get':
        return proxyOf(target, { get: guarded(trap) });
      case 'lie-get': {
        let reads = 0;
        return proxyOf(target, { get: (t, key) => (key === fc.cloneMethod || reads++ % 2 === 0 ? Reflect.get(t, key) : `lie-${String(reads)}`) });
      }
      case 'lie-keys':
        return proxyOf(target, { ownKeys: () => ['ghost', 'type', 'id'] });
      default:
        // A revoked Proxy, except that fast-check may still ask it for its clone method.
        return proxyOf(target, { get: guarded(revoked), has: guardedHas(revoked), ownKeys: revoked, getOwnPropertyDescriptor: revoked, getPrototypeOf: revoked });
    }
  });

/** An object whose own property throws when read. */
const throwingGetterArb = (inner: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<unknown> =>
  fc.tuple(inner, fc.constantFrom('type', 'id', 'at', 'status', 'data', 'settings', 'lifecycle', 'x')).map(([value, key]) => {
    const copy: Record<string, unknown> = { ...value };
    Object.defineProperty(copy, key, { get: trap, enumerable: true, configurable: true });
    return copy;
  });

/** A plain object or array that contains itself. */
const cyclicArb = (inner: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<unknown> =>
  fc.tuple(inner, fc.boolean()).map(([value, asArray]) => {
    if (asArray) {
      const list: unknown[] = [value];
      list.push(list);
      return list;
    }
    const copy: Record<string, unknown> = { ...value };
    copy['self'] = copy;
    copy['data'] = { parent: copy };
    return copy;
  });

/** An object with an own `__proto__` key (as `JSON.parse` makes it), which must not reach any prototype. */
const protoKeyArb = fc.constantFrom(
  '{"__proto__":{"polluted":1}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  '{"data":{"__proto__":{"polluted":1}},"__proto__":{"status":"Complete"}}',
).map((json) => JSON.parse(json) as unknown);

/** Strings that are dates, zones or ids in form but not in fact, and a few very long ones. */
const trickyStringArb = fc.oneof(
  fc.constantFrom(
    '',
    'Mars/Phobos',
    'America/New_Yorkk',
    'UTC+25',
    '2024-02-30',
    '2024-13-01',
    '+275760-09-13T00:00:00.001Z',
    '2024-03-01T25:00:00Z',
    'NaN',
    'Infinity',
    '__proto__',
    'constructor',
    '\u0000',
    '\ud800',
  ),
  fc.constantFrom(1e5, 1e6).map((n) => 'x'.repeat(n)),
);

/** Numbers at the edges. */
const trickyNumberArb = fc.constantFrom(-1, -0, 0.5, 2 ** 53, -(2 ** 53), 1e308, Number.MAX_VALUE, Infinity, -Infinity, NaN, Number.MIN_VALUE);

/** Other built-in objects: invalid dates, boxed values, typed arrays, maps, symbols, functions. */
const oddObjectArb = fc.constantFrom<() => unknown>(
  () => new Date(Number.NaN),
  () => new Date(8.64e15 + 1),
  () => new Uint8Array([1, 2, 3]),
  () => new Float64Array(2),
  () => new DataView(new ArrayBuffer(4)),
  () => new Map([['type', 'clock']]),
  () => new Set(['a']),
  () => Object.create(null) as unknown,
  () => Object.assign(Object.create(null) as object, { type: 'clock', at: '2026-01-01T00:00:00Z' }),
  () => Symbol('odd'),
  () => 10n,
  () => () => undefined,
  () => Promise.resolve(1),
  () => new Error('not a lifecycle error'),
  () => new (class Custom {})(),
  () => Object.freeze({ frozen: true }),
).map((make) => make());

const plainObjectArb = fc.dictionary(fc.constantFrom('type', 'id', 'at', 'status', 'data', 'version', 'settings', 'lifecycle', 'x'), fc.jsonValue(), { maxKeys: 4 });

/** `fc.anything` with every odd kind of value fast-check knows. */
const anythingArb = fc.anything({
  maxDepth: 3,
  maxKeys: 5,
  withNullPrototype: true,
  withTypedArray: true,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withObjectString: true,
  withSparseArray: true,
  key: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'type', 'status')),
});

/** Any single value of an unusual shape. */
export const weirdValueArb: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: anythingArb, weight: 6 },
  { arbitrary: trickyStringArb, weight: 2 },
  { arbitrary: trickyNumberArb, weight: 2 },
  { arbitrary: oddObjectArb, weight: 3 },
  { arbitrary: protoKeyArb, weight: 1 },
  { arbitrary: proxyArb(fc.oneof(plainObjectArb, fc.array(fc.jsonValue(), { maxLength: 3 }))), weight: 2 },
  { arbitrary: throwingGetterArb(plainObjectArb), weight: 1 },
  { arbitrary: cyclicArb(plainObjectArb), weight: 1 },
);

/**
 * A shell is applied to what a mutation finds at its path, which may already be hostile (a Proxy, a throwing
 * getter from an earlier mutation): such a value is left as it is rather than read by the harness.
 */
const safely =
  (shell: (value: unknown) => unknown) =>
  (value: unknown): unknown => {
    if (isHarnessProxy(value)) return value;
    try {
      return shell(value);
    } catch {
      return value;
    }
  };

/** Wraps a valid value in a hostile shell of the same content (used by mutations). */
export const hostileShellArb: fc.Arbitrary<(value: unknown) => unknown> = fc.constantFrom<(value: unknown) => unknown>(
  (value: unknown) => (value !== null && typeof value === 'object' ? Object.assign(Object.create(null) as object, value) : value),
  (value: unknown) => (value !== null && typeof value === 'object' ? proxyOf(value as object, { get: guarded(trap) }) : value),
  (value: unknown) => (value !== null && typeof value === 'object' ? proxyOf(value as object, {}) : value),
  (value: unknown) => (value !== null && typeof value === 'object' ? Object.freeze(Array.isArray(value) ? [...value] : { ...value }) : value),
  (value: unknown) => (Array.isArray(value) ? Object.fromEntries(Array.from(value, (v, i) => [String(i), v])) : value),
  (value: unknown) => (typeof value === 'string' ? Object(value) : value),
  (value: unknown) => (typeof value === 'string' ? new Date(value) : value),
  (value: unknown) => (typeof value === 'number' ? String(value) : typeof value === 'string' ? Number(value) : value),
).map(safely);

/** True for a value this harness made hostile on purpose (its reads may throw). */
export function isHarnessProxy(value: unknown): boolean {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && harnessProxies.has(value);
}
