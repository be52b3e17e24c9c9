/** Deep copies of plain data, so that a frozen output never shares an object with an input. */
import { LifecycleError } from '../../core/index.js';

/** Sets an own enumerable property, also for keys such as `__proto__` that plain assignment would not store. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * A deep copy of JSON-like data (plain objects, arrays, primitives). Used before freezing: values a schema keeps
 * as they are (`z.unknown()`, e.g. Jira custom fields) would otherwise stay shared with the caller's objects.
 */
export function cloneData<T>(value: T): T {
  return copy(value, new Set());
}

/** The copy, refusing a cycle (a value that contains itself is not data) with `invalid_input`, not a stack overflow. */
function copy<T>(value: T, path: Set<object>): T {
  if (value === null || typeof value !== 'object') return value;
  if (path.has(value)) throw new LifecycleError('invalid_input', 'Invalid input: a value contains itself (a cycle); expected plain JSON-like data');
  path.add(value);
  let out: unknown;
  if (Array.isArray(value)) {
    out = value.map((v) => copy(v, path));
  } else {
    const record: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) setOwn(record, k, copy(v, path));
    out = record;
  }
  path.delete(value);
  return out as T;
}
