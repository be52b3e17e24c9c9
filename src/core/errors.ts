/**
 * The one error type of the library. Every refusal carries a stable `code` that programs switch on and a message
 * written for the person reading a log or an API response.
 */
import * as z from 'zod';

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
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem with an input, as zod reports it: where (`path`) and what (`message`). */
export interface InputIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly code: string;
}

export interface LifecycleErrorOptions {
  readonly issues?: readonly InputIssue[];
  readonly details?: Readonly<Record<string, unknown>>;
}

export class LifecycleError extends Error {
  override readonly name = 'LifecycleError';
  readonly code: ErrorCode;
  /** For `invalid_input`: every problem found, with its path. Empty otherwise. */
  readonly issues: readonly InputIssue[];
  /** Machine-readable facts about the refusal (status, event type, versions...). */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, options: LifecycleErrorOptions = {}) {
    super(message);
    this.code = code;
    this.issues = options.issues ?? [];
    this.details = options.details ?? {};
  }

  /** A plain object for logs and API responses. */
  toJSON(): { code: ErrorCode; message: string; issues: readonly InputIssue[]; details: Readonly<Record<string, unknown>> } {
    return { code: this.code, message: this.message, issues: this.issues, details: this.details };
  }
}

/** True for a `LifecycleError`, also one thrown by another copy of the library (ESM next to CommonJS). */
export function isLifecycleError(value: unknown): value is LifecycleError {
  return (
    value instanceof LifecycleError ||
    (value instanceof Error && value.name === 'LifecycleError' && typeof (value as { code?: unknown }).code === 'string')
  );
}

/** Turns a zod error into an `invalid_input` error whose message lists every problem. */
export function fromZodError(what: string, error: z.ZodError, details?: Record<string, unknown>): LifecycleError {
  const issues: InputIssue[] = error.issues.map((issue) => ({
    path: issue.path,
    message: issue.message,
    code: issue.code,
  }));
  return new LifecycleError('invalid_input', `Invalid ${what}:\n${z.prettifyError(error)}`, {
    issues,
    ...(details ? { details } : {}),
  });
}

/** The outcome of an operation that can be refused: the value, or the error. Never both, never a throw. */
export type Result<T> = ({ readonly ok: true } & T) | { readonly ok: false; readonly error: LifecycleError };

/** Returns the success part of a result, or throws its `LifecycleError`. */
export function unwrap<T>(result: Result<T>): { readonly ok: true } & T {
  if (!result.ok) throw result.error;
  return result;
}

export function failure(error: LifecycleError): { readonly ok: false; readonly error: LifecycleError } {
  return { ok: false, error };
}
