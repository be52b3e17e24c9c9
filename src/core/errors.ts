/**
 * The one error type of the library. Every refusal carries a stable `code` that programs switch on and a message
 * written for the person reading a log or an API response.
 */
import * as z from 'zod';

/** Every error code the library uses, each with its meaning. Codes are stable: programs switch on them. */
export const ERROR_CODES = [
  /** An event, a state, settings or another input does not match its schema; `issues` says where. */
  'invalid_input',
  /** The event's `type` is not one the lifecycle knows. */
  'unknown_event',
  /** The lifecycle does not allow this event in the engagement's current status. */
  'transition_not_allowed',
  /** The engagement is in a terminal status; nothing may happen to it any more. */
  'terminal_state',
  /** The event is dated before the engagement's last change; time only moves forward. */
  'out_of_order',
  /** The state belongs to another lifecycle, or to another version of this one. */
  'lifecycle_mismatch',
  /** A lifecycle or workflow declaration is inconsistent (unknown status, unreachable status, dead end...). */
  'invalid_declaration',
  /** A save expected another version than the stored one (optimistic concurrency). */
  'version_conflict',
  /** The engagement (or another record) does not exist. */
  'not_found',
  /** An operation that the policy forbids (for example writing into a closed engagement). */
  'operation_not_allowed',
  /** Input from a product (a webhook delivery) whose signature is missing, malformed or does not match its body. */
  'invalid_signature',
  /** A delivery already processed (a product's retry): acknowledge it and do nothing. */
  'duplicate_delivery',
] as const;

/** One of `ERROR_CODES`. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem with an input, as zod reports it: where (`path`) and what (`message`). */
export interface InputIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly code: string;
}

/**
 * The machine-readable facts each error `code` carries, keyed by code (as zod 4 types its issues by `code`).
 * The fields listed are the ones programs may rely on; a lifecycle may add facts of its own beside them.
 */
export interface ErrorDetailsByCode {
  readonly invalid_input: { readonly event?: string };
  readonly unknown_event: { readonly event: string; readonly lifecycle: string };
  readonly transition_not_allowed: { readonly event?: string; readonly engagementId?: string; readonly status?: string };
  readonly terminal_state: { readonly engagementId?: string; readonly status?: string; readonly event?: string };
  readonly out_of_order: { readonly engagementId: string; readonly at: string; readonly updatedAt: string; readonly event?: string };
  readonly lifecycle_mismatch: {
    readonly expected?: { readonly lifecycle: string; readonly version: number };
    readonly received?: { readonly lifecycle: unknown; readonly lifecycleVersion: unknown };
  };
  readonly invalid_declaration: { readonly lifecycle?: string; readonly workflow?: string; readonly where?: string };
  readonly version_conflict: { readonly expectedVersion: number | null; readonly actualVersion: number };
  readonly not_found: { readonly id?: string; readonly lifecycle?: string };
  readonly operation_not_allowed: { readonly engagementId?: string | null; readonly status?: string; readonly operation?: string };
  readonly invalid_signature: { readonly header: string; readonly problem: 'missing' | 'malformed' | 'mismatch' };
  readonly duplicate_delivery: { readonly deliveryId: string; readonly by: 'id' | 'fingerprint' };
}

/** The details of an error with code `C`: its typed facts, plus any a lifecycle adds. */
export type ErrorDetails<C extends ErrorCode = ErrorCode> = ErrorDetailsByCode[C] & { readonly [fact: string]: unknown };

/** What a `LifecycleError` is built with besides its code and message. */
export interface LifecycleErrorOptions<C extends ErrorCode = ErrorCode> {
  readonly issues?: readonly InputIssue[];
  readonly details?: ErrorDetails<C>;
  /** What the caller's code threw (a getter, a Proxy trap, an injected function), kept as the standard `cause`. */
  readonly cause?: unknown;
}

/** The options argument: required, with its `details`, for the codes whose details have required facts. */
type OptionsArgument<C extends ErrorCode> = object extends ErrorDetailsByCode[C]
  ? [options?: LifecycleErrorOptions<C>]
  : [options: LifecycleErrorOptions<C> & { readonly details: ErrorDetails<C> }];

/** A `LifecycleError` as a union over its codes: check `code` and `details` is typed for that code. */
export type AnyLifecycleError = { [C in ErrorCode]: LifecycleError<C> }[ErrorCode];

/** The one error type of the library: a stable `code`, a readable message, typed `details`, and input `issues`. */
export class LifecycleError<C extends ErrorCode = ErrorCode> extends Error {
  override readonly name = 'LifecycleError';
  readonly code: C;
  /** For `invalid_input`: every problem found, with its path. Empty otherwise. */
  readonly issues: readonly InputIssue[];
  /** Machine-readable facts about the refusal (status, event type, versions...), typed per code. */
  readonly details: ErrorDetails<C>;

  constructor(code: C, message: string, ...[options]: OptionsArgument<C>) {
    super(message, options && 'cause' in options ? { cause: options.cause } : undefined);
    this.code = code;
    this.issues = options?.issues ?? [];
    // Codes whose details have required facts cannot be built without them (see OptionsArgument).
    this.details = options?.details ?? ({} as ErrorDetails<C>);
  }

  /** A plain object for logs and API responses. */
  toJSON(): { code: C; message: string; issues: readonly InputIssue[]; details: ErrorDetails<C> } {
    return { code: this.code, message: this.message, issues: this.issues, details: this.details };
  }
}

/** True for a `LifecycleError`, also one thrown by another copy of the library (ESM next to CommonJS). */
export function isLifecycleError(value: unknown): value is AnyLifecycleError {
  try {
    return (
      value instanceof LifecycleError ||
      (value instanceof Error && value.name === 'LifecycleError' && typeof (value as { code?: unknown }).code === 'string')
    );
  } catch {
    // A Proxy whose prototype or fields cannot be read (a throwing trap, revoked) is not one of our errors.
    return false;
  }
}

/**
 * Turns a zod error into an `invalid_input` error whose message lists every problem.
 * @throws LifecycleError `invalid_input` when `what` is not a string or `error` not a zod error (one with `issues`).
 */
export function fromZodError(what: string, error: z.ZodError, details?: ErrorDetails<'invalid_input'>): LifecycleError<'invalid_input'> {
  return caught('fromZodError', () => {
    if (typeof what !== 'string') throw new LifecycleError('invalid_input', `fromZodError expects a description string, got ${describeValue(what)}`);
    if (!(error instanceof z.core.$ZodError)) throw new LifecycleError('invalid_input', `fromZodError expects a zod error, got ${describeValue(error)}`);
    if (details !== undefined && (details === null || typeof details !== 'object')) {
      throw new LifecycleError('invalid_input', `fromZodError expects details to be an object, got ${describeValue(details)}`);
    }
    return new LifecycleError('invalid_input', `Invalid ${what}:\n${z.prettifyError(error)}`, {
      issues: zodIssues(error),
      ...(details ? { details } : {}),
    });
  });
}

/** A zod error's issues as `LifecycleError` issues (path, message, code): for errors of another code than `invalid_input`. */
export function zodIssues(error: z.ZodError): InputIssue[] {
  return error.issues.map((issue) => ({ path: issue.path, message: issue.message, code: issue.code }));
}

/** The outcome of an operation that can be refused: the value, or the error. Never both, never a throw. */
export type Result<T> = ({ readonly ok: true } & T) | { readonly ok: false; readonly error: LifecycleError };

/**
 * Returns the success part of a result, or throws its `LifecycleError`. What is not a result, or holds another
 * error, is refused with `invalid_input` (the typed-error promise holds for `unwrap` too).
 */
export function unwrap<T>(result: Result<T>): { readonly ok: true } & T {
  return caught('unwrap', () => {
    if (result === null || typeof result !== 'object' || typeof result.ok !== 'boolean') {
      throw new LifecycleError('invalid_input', `unwrap expects a result ({ ok: true, ... } or { ok: false, error }), got ${describeValue(result)}`);
    }
    if (result.ok) return result;
    const { error } = result;
    if (isLifecycleError(error)) throw error;
    throw new LifecycleError('invalid_input', `unwrap was given a failed result whose error is not a LifecycleError: ${describeValue(error)}`, { cause: error });
  });
}

/** The failed side of a `Result` (frozen, as every output is). */
export function failure(error: LifecycleError): { readonly ok: false; readonly error: LifecycleError } {
  return Object.freeze({ ok: false, error });
}

/**
 * A short description of any value for an error message: never calls the value's own `toString`, getters or
 * Proxy traps beyond `typeof`, so building a message cannot throw (a `null`-prototype object has no `toString`).
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
    case 'number':
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'bigint':
      return `${value.toString()}n`;
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default:
      if (value === null) return 'null';
      try {
        return Array.isArray(value) ? 'an array' : 'an object';
      } catch {
        return 'a revoked Proxy';
      }
  }
}

/**
 * Runs `body` at a public boundary: a `LifecycleError` passes through; anything else thrown (a caller's getter or
 * Proxy trap, a revoked Proxy, a cycle that overflows the stack) becomes `invalid_input` with the original as
 * `cause`. The library's own bugs would surface the same way, which the fuzzer's checks keep honest.
 */
export function caught<T>(what: string, body: () => T): T {
  try {
    return body();
  } catch (error) {
    throw asLifecycleError(what, error);
  }
}

/** `error` if it is a `LifecycleError`, else `invalid_input` about `what` with `error` as its `cause`. */
export function asLifecycleError(what: string, error: unknown): LifecycleError {
  if (isLifecycleError(error)) return error;
  let reason: string;
  try {
    reason = error instanceof Error ? `${String(error.name)}: ${String(error.message)}` : describeValue(error);
  } catch {
    reason = 'an unreadable error';
  }
  return new LifecycleError('invalid_input', `Invalid input to ${what}: reading it threw (${reason})`, { cause: error });
}

/** Like `caught`, for functions that return a `Result`: any throw becomes the failed result. */
export function caughtResult<T extends { readonly ok: boolean }>(what: string, body: () => T): T | ReturnType<typeof failure> {
  try {
    return body();
  } catch (error) {
    return failure(asLifecycleError(what, error));
  }
}
