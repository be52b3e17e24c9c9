/**
 * Argument checks of the testing kit's functions: a value that is not a lifecycle, an options object or a list
 * where one is expected is refused with `invalid_input` naming the argument, before anything reads it, and a
 * caller's getter or Proxy trap that throws while it is read becomes `invalid_input` with the original as `cause`.
 */
import type * as z from 'zod';
import { LifecycleError, caught, checkDeclarationShape, describeValue, isLifecycleError, isLifecycleShaped } from '../core/index.js';
import type { AnyLifecycle } from './invariants.js';

/** The members of a lifecycle the kit calls (`grep -o 'lifecycle\.[a-zA-Z]*(' src/testing` lists them). */
const LIFECYCLE_METHODS = ['with', 'create', 'apply', 'nextDue', 'safeParseState', 'parseState', 'safeParseSettings'] as const;

/**
 * True for a zod 4 schema, from this copy of zod or another: the kit derives arbitraries by walking `_zod.def`, so
 * a value with only a `safeParse` (a zod 3 schema, a look-alike) is not enough. Reads the value: run it inside
 * `caught`.
 */
export function isZod4Schema(value: unknown): value is z.ZodType {
  if (typeof value !== 'object' || value === null) return false;
  const internals: unknown = (value as { _zod?: unknown })._zod;
  if (typeof internals !== 'object' || internals === null) return false;
  const def: unknown = (internals as { def?: unknown }).def;
  return typeof def === 'object' && def !== null && typeof (def as { type?: unknown }).type === 'string';
}

/**
 * What keeps `value` from being a lifecycle the kit can read, or null: the members it calls, `statuses`, and the
 * declaration's fields with their kinds (core's one shape check), whose event and settings schemas the kit walks.
 */
function lifecycleProblem(value: unknown): string | null {
  if (!isLifecycleShaped(value, LIFECYCLE_METHODS) || !Array.isArray((value as { statuses?: unknown }).statuses)) return `got ${describeValue(value)}`;
  const declaration = (value as { declaration: Record<string, unknown> }).declaration;
  try {
    checkDeclarationShape(declaration);
  } catch (error) {
    if (isLifecycleError(error)) return `its declaration is not one (${error.message})`;
    throw error;
  }
  for (const [type, schema] of Object.entries(declaration['events'] as Record<string, unknown>)) {
    if (!isZod4Schema(schema)) return `its declaration's event "${type}" is not a zod 4 schema (got ${describeValue(schema)})`;
  }
  if (!isZod4Schema(declaration['settings'])) return `its declaration's settings are not a zod 4 schema (got ${describeValue(declaration['settings'])})`;
  return null;
}

/**
 * `value` when it is a lifecycle (from `defineLifecycle`, `defineWorkflow`, or a built-in) whose declaration holds
 * what the kit reads, else `invalid_input` naming what is missing.
 */
export function requireLifecycle<L extends AnyLifecycle>(value: L, what: string): L {
  const problem = caught(what, () => lifecycleProblem(value));
  if (problem !== null) throw new LifecycleError('invalid_input', `${what} must be a lifecycle (from defineLifecycle or defineWorkflow, e.g. plextrac), ${problem}`);
  return value;
}

/**
 * The options object (`{}` for `undefined`), copied with its own enumerable keys read once inside a guard: what
 * the kit reads afterwards is its copy, never the caller's object (whose getters could answer differently).
 */
export function optionsObject<T extends object>(value: T | undefined, what: string): T {
  if (value === undefined) return {} as T;
  // `Array.isArray` of a revoked Proxy throws: inside the guard like every other read.
  if (value === null || typeof value !== 'object' || caught(what, () => Array.isArray(value))) {
    throw new LifecycleError('invalid_input', `${what} must be an options object, got ${describeValue(value)}`);
  }
  return caught(what, () => ({ ...value }));
}

/**
 * Whether `value` is a fast-check arbitrary: duck-typed, not `instanceof`, so that arbitraries from the host's own
 * copy of fast-check work with ours. A caller's throwing getter or Proxy trap is `invalid_input` naming `what`.
 */
export function isArbitrary(value: unknown, what = 'arbitrary'): boolean {
  if (value === null || typeof value !== 'object') return false;
  return caught(what, () => typeof (value as { generate?: unknown }).generate === 'function' && typeof (value as { shrink?: unknown }).shrink === 'function');
}
