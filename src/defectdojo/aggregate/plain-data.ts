/** Deep copies of plain data, so that a frozen output never shares an object with an input. */

/** Sets an own enumerable property, also for keys such as `__proto__` that plain assignment would not store. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * A deep copy of JSON-like data (plain objects, arrays, primitives). Used before freezing: values a schema keeps
 * as they are (`z.unknown()`, e.g. Jira custom fields) would otherwise stay shared with the caller's objects.
 */
export function cloneData<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => cloneData(v)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) setOwn(out, k, cloneData(v));
  return out as T;
}
