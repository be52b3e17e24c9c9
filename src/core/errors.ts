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
    super(message);
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
  return (
    value instanceof LifecycleError ||
    (value instanceof Error && value.name === 'LifecycleError' && typeof (value as { code?: unknown }).code === 'string')
  );
}

/** Turns a zod error into an `invalid_input` error whose message lists every problem. */
export function fromZodError(what: string, error: z.ZodError, details?: ErrorDetails<'invalid_input'>): LifecycleError<'invalid_input'> {
  return new LifecycleError('invalid_input', `Invalid ${what}:\n${z.prettifyError(error)}`, {
    issues: zodIssues(error),
    ...(details ? { details } : {}),
  });
}

/** A zod error's issues as `LifecycleError` issues (path, message, code): for errors of another code than `invalid_input`. */
export function zodIssues(error: z.ZodError): InputIssue[] {
  return error.issues.map((issue) => ({ path: issue.path, message: issue.message, code: issue.code }));
}

/** The outcome of an operation that can be refused: the value, or the error. Never both, never a throw. */
export type Result<T> = ({ readonly ok: true } & T) | { readonly ok: false; readonly error: LifecycleError };

/** Returns the success part of a result, or throws its `LifecycleError`. */
export function unwrap<T>(result: Result<T>): { readonly ok: true } & T {
  if (!result.ok) throw result.error;
  return result;
}

/** The failed side of a `Result`. */
export function failure(error: LifecycleError): { readonly ok: false; readonly error: LifecycleError } {
  return { ok: false, error };
}
