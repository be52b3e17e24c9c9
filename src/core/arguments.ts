/**
 * Argument checks for public functions whose arguments are not already parsed by a schema: small helpers (dates,
 * ids, mappings) that callers reach with values from requests and databases. Each check reads only `typeof` (and
 * the value itself once it is known to be a primitive), so it never runs a caller's getter or Proxy trap, and
 * refuses with `invalid_input` naming the function and the argument.
 */
import * as z from 'zod';
import { LifecycleError, caught, describeValue, fromZodError } from './errors.js';

/** The refusal of argument `name` of `what`: `invalid_input`, the value described without reading it. */
export function argumentError(what: string, name: string, expected: string, value: unknown): LifecycleError<'invalid_input'> {
  return new LifecycleError('invalid_input', `Invalid argument "${name}" of ${what}: expected ${expected}, got ${describeValue(value)}`);
}

/** `value` if it is a string (non-empty unless `allowEmpty`), else the typed refusal. */
export function stringArgument(what: string, name: string, value: unknown, allowEmpty = false): string {
  if (typeof value !== 'string' || (!allowEmpty && value.length === 0)) throw argumentError(what, name, allowEmpty ? 'a string' : 'a non-empty string', value);
  return value;
}

/** `value` if it is a safe integer at least `min`, else the typed refusal. */
export function integerArgument(what: string, name: string, value: unknown, min = Number.MIN_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw argumentError(what, name, min === Number.MIN_SAFE_INTEGER ? 'a safe integer' : `an integer of at least ${min}`, value);
  }
  return value;
}

/**
 * Checks the arguments of a public function against zod schemas, one per argument, named in order (extra
 * arguments are ignored, as JavaScript does). A caller's throwing getter or Proxy trap becomes `invalid_input` with
 * the original as `cause`. Returns the parsed values by name: zod's copies, so the caller's objects are never kept
 * or frozen.
 */
export function parseArguments<T extends Readonly<Record<string, z.ZodType>>>(
  what: string,
  schemas: T,
  args: readonly unknown[],
): { readonly [K in keyof T]: z.output<T[K]> } {
  return caught(what, () => {
    const parsed: Record<string, unknown> = {};
    Object.keys(schemas).forEach((name, i) => {
      const result = schemas[name]!.safeParse(args[i]);
      if (!result.success) throw fromZodError(`argument "${name}" of ${what}`, result.error);
      parsed[name] = result.data;
    });
    return parsed as { readonly [K in keyof T]: z.output<T[K]> };
  });
}

/**
 * True for a value shaped like a lifecycle from `defineLifecycle`: its id, version, declaration, and a function at
 * each of `methods` (the members the caller will call, so that a look-alike is refused before it meets a
 * TypeError). Reads the value: callers run it inside `caught`, so that a throwing getter or trap is refused too.
 */
export function isLifecycleShaped(value: unknown, methods: readonly string[]): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const l = value as Record<string, unknown>;
  const declaration = l['declaration'];
  return (
    typeof l['id'] === 'string' &&
    typeof l['version'] === 'number' &&
    typeof declaration === 'object' &&
    declaration !== null &&
    methods.every((m) => typeof l[m] === 'function')
  );
}
