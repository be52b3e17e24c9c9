/**
 * The engines' fast path for the commonest events: a schema made by `eventSchema(type, {})` (no fields of its own,
 * such as a clock) given exactly `{ type, at }` with `at` in the library's canonical form. zod would accept such
 * an input and return `{ type, at }` unchanged; reading that directly costs a tenth of zod's parse, which was most
 * of a no-op clock event's cost. Anything else (another key, `actor` or `reason`, another form of instant, a
 * derived schema such as `.refine()` of a bare one) goes to zod as before, so refusals keep zod's issues.
 * `test/core/bare-events.test.ts` checks the fast path against zod itself on generated inputs.
 */
import type { Instant } from './dates.js';
import { canonicalMs } from './instant-reader.js';

/** The schemas `eventSchema` made with no fields of their own (by identity: a derived schema is not one). */
const bareSchemas = new WeakSet<object>();

/** Records `schema` as bare (called by `eventSchema` for an empty shape). Returns the schema. */
export function markBare<T extends object>(schema: T): T {
  bareSchemas.add(schema);
  return schema;
}

/**
 * The validated event for `input` when `schema` is bare and `input` is exactly `{ type, at }` with a canonical
 * `at`; otherwise null (zod then decides). `type` is the input's own `type`, already read and matched to `schema`.
 */
export function bareEvent(schema: object, input: object, type: string): { readonly type: string; readonly at: Instant } | null {
  if (!bareSchemas.has(schema)) return null;
  // zod's strict object walks `for…in` (inherited enumerable keys too): the same walk, and no key but these two
  // (`type` is the input's own; a missing `at` reads as undefined below).
  for (const key in input) if (key !== 'type' && key !== 'at') return null;
  const at = (input as { at?: unknown }).at;
  // canonicalMs accepts only a real moment in the canonical form from the year 0100 on: what zod's ISO check and
  // the instant schema accept unchanged. Everything else (earlier years, offsets) is zod's to read.
  if (typeof at !== 'string' || canonicalMs(at) === undefined) return null;
  // Cast: canonicalMs has just checked that `at` is an instant in the canonical form.
  return Object.freeze({ type, at: at as Instant });
}
