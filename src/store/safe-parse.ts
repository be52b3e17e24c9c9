/**
 * The `safeParse*` forms of the store's `parse*` functions: the same validation, returning a `Result` instead of
 * throwing (zod's `parse`/`safeParse` pairing). Each is derived from its `parse*`, so the two cannot disagree.
 */
import { asLifecycleError, deepFreeze, failure, type Result } from '../core/index.js';
import {
  parseDeletePlan,
  parseDueQuery,
  parseKey,
  parseListQuery,
  parseRecord,
  parseTenant,
  parseTenantQuery,
  parseWrite,
} from './schemas.js';

/** What a `safeParse*` returns: `{ ok: true, value }` or `{ ok: false, error }`. */
export type ParseResult<T> = Result<{ readonly value: T }>;

/** The safe form of a `parse*` function: its `LifecycleError` becomes a failed result. */
export function safely<T>(parse: (input: unknown) => T): (input: unknown) => ParseResult<T> {
  return (input) => {
    try {
      return deepFreeze({ ok: true, value: parse(input) });
    } catch (error) {
      // A caller's getter or Proxy trap that threw becomes invalid_input with it as cause (see docs/robustness.md).
      return failure(asLifecycleError('a store parser', error));
    }
  };
}

/** `parseWrite` returning a result. */
export const safeParseWrite = safely(parseWrite);
/** `parseKey` returning a result. */
export const safeParseKey = safely(parseKey);
/** `parseDeletePlan` returning a result. */
export const safeParseDeletePlan = safely(parseDeletePlan);
/** `parseRecord` returning a result. */
export const safeParseRecord = safely(parseRecord);
/** `parseListQuery` returning a result. */
export const safeParseListQuery = safely(parseListQuery);
/** `parseDueQuery` returning a result. */
export const safeParseDueQuery = safely(parseDueQuery);
/** `parseTenant` returning a result. */
export const safeParseTenant = safely(parseTenant);
/** `parseTenantQuery` returning a result. */
export const safeParseTenantQuery = safely(parseTenantQuery);
