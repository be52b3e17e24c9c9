/**
 * Input handling shared by the aggregate's entry points: zod parsing into `LifecycleError`s, deep copies of plain
 * data (so that outputs never share an object with inputs), and validation of lists of engagement states.
 */
import * as z from 'zod';
import { asLifecycleError, failure, fromZodError, generateId, lazyObject, LifecycleError, unwrap, type IdGenerator, type InputIssue, type Result } from '../../core/index.js';
import { defectdojo, type DefectDojoSettings, type DefectDojoState } from '../lifecycle/index.js';

export { cloneData } from './plain-data.js';

/**
 * What a `safeParse*` helper returns: the value, or the typed error. The helpers pair as zod's do: `parse*` throws
 * the `LifecycleError`, `safeParse*` returns it.
 */
export type Parsed<T> = Result<{ readonly value: T }>;

/** Parses `input` with `schema`: the value, or the `invalid_input` error naming every field path. */
export function safeParseWith<T>(schema: z.ZodType<T, unknown>, input: unknown, what: string): Parsed<T> {
  // zod runs the caller's getters and Proxy traps: what they throw is this input's refusal.
  const r = catching(() => schema.safeParse(input), what);
  if (r instanceof LifecycleError) return failure(r);
  return r.success ? { ok: true, value: r.data } : failure(fromZodError(what, r.error));
}

/**
 * Parses `input` with `schema`.
 * @throws LifecycleError `invalid_input` naming every field path.
 */
export function parseWith<T>(schema: z.ZodType<T, unknown>, input: unknown, what: string): T {
  return unwrap(safeParseWith(schema, input, what)).value;
}

/** The same error with every issue's path prefixed (for an element of a list, a field of a larger input). */
export function prefixed(error: LifecycleError, prefix: readonly PropertyKey[], what: string): LifecycleError {
  const issues: InputIssue[] = error.issues.map((i) => ({ ...i, path: [...prefix, ...i.path] }));
  const where = prefix.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  return new LifecycleError(error.code, `Invalid ${what} (${where}): ${error.message}`, {
    issues: issues.length > 0 ? issues : [{ path: [...prefix], message: error.message, code: error.code }],
    details: error.details,
  });
}

/** Validates one engagement state (engine-made states are recognised without a new check); errors name `path`. */
export function safeParseEngagement(input: unknown, path: readonly PropertyKey[] = ['engagement']): Parsed<DefectDojoState> {
  const r = defectdojo.safeParseState(input);
  return r.ok ? { ok: true, value: r.state } : failure(prefixed(r.error, path, 'engagement'));
}

/**
 * Validates one engagement state, as `safeParseEngagement`.
 * @throws LifecycleError `invalid_input` or `lifecycle_mismatch`, its issues under `path`.
 */
export function parseEngagement(input: unknown, path: readonly PropertyKey[] = ['engagement']): DefectDojoState {
  return unwrap(safeParseEngagement(input, path)).value;
}

/** Validates a list of engagement states; an error names the position of the first invalid one. */
export function safeParseEngagements(input: unknown, name = 'engagements'): Parsed<readonly DefectDojoState[]> {
  // Reading the list runs the caller's Proxy traps: what they throw is the list's refusal.
  const parsed = catching(() => parseList(input, name), name);
  return parsed instanceof LifecycleError ? failure(parsed) : parsed;
}

function parseList(input: unknown, name: string): Parsed<readonly DefectDojoState[]> {
  if (!Array.isArray(input)) {
    const error = new LifecycleError('invalid_input', `Invalid ${name}: expected an array of DefectDojo engagement states`, {
      issues: [{ path: [name], message: 'expected an array of engagement states', code: 'invalid_type' }],
    });
    return failure(error);
  }
  const out: DefectDojoState[] = [];
  for (let i = 0; i < input.length; i++) {
    const s = safeParseEngagement(input[i], [name, i]);
    if (!s.ok) return s;
    out.push(s.value);
  }
  return { ok: true, value: out };
}

/**
 * Validates a list of engagement states, as `safeParseEngagements`.
 * @throws LifecycleError `invalid_input` (or `lifecycle_mismatch`) naming the position of the first invalid one.
 */
export function parseEngagements(input: unknown, name = 'engagements'): readonly DefectDojoState[] {
  return unwrap(safeParseEngagements(input, name)).value;
}

/** Validates settings (every field defaulted). */
export function safeParseSettings(input: unknown): Parsed<DefectDojoSettings> {
  const r = defectdojo.safeParseSettings(input);
  return r.ok ? { ok: true, value: r.settings } : r;
}

/**
 * Validates settings (every field defaulted).
 * @throws LifecycleError `invalid_input` naming the invalid fields.
 */
export function parseSettings(input: unknown): DefectDojoSettings {
  return unwrap(safeParseSettings(input)).value;
}

/** A zod schema for the injected id generator. */
export const idGeneratorSchema = /* @__PURE__ */ lazyObject(() => z.custom<IdGenerator>((v) => typeof v === 'function', {
  message: 'newId must be a function that returns a new id (the library never makes ids itself)',
}));

/**
 * Calls the injected id generator for records of a kind, and checks what it returns: a non-empty string, never
 * one it returned before for that kind in this operation, nor one `taken` lists for that kind.
 * @throws LifecycleError `invalid_input` when the generator throws or misbehaves (use inside `catching`).
 */
export function idMaker(newId: IdGenerator, taken: ReadonlyMap<string, ReadonlySet<string>> = new Map()): (kind: string) => string {
  const seen = new Map<string, Set<string>>();
  return (kind) => {
    const id = generateId(newId);
    if (id instanceof LifecycleError) throw id;
    let mine = seen.get(kind);
    if (!mine) seen.set(kind, (mine = new Set()));
    if (mine.has(id) || taken.get(kind)?.has(id)) {
      const record = `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind.replaceAll('_', ' ')}`;
      throw new LifecycleError('invalid_input', `The id generator returned "${id}" for ${record}, an id already in use: it must return a new id on every call`, {
        details: { id, kind },
      });
    }
    mine.add(id);
    return id;
  };
}

/**
 * The body of an entry point that never throws, as a `Result`: the body validates its inputs one after another
 * with the throwing `parse*` helpers, and the first error thrown becomes the failed result (see `catching`). So
 * each input is one line, not a `safeParse*`, a check and an unwrap.
 */
export function refusing<R extends { readonly ok: boolean }>(body: () => R): R | ReturnType<typeof failure> {
  const outcome = catching(body);
  // The envelope is frozen here, once for every function that answers through this (its contents already are).
  return outcome instanceof LifecycleError ? failure(outcome) : Object.freeze(outcome);
}

/**
 * Runs `body`, turning what it throws into the error value: a `LifecycleError` as it is, anything else (a caller's
 * getter or Proxy trap, a revoked Proxy) as `invalid_input` about `what` with the original as `cause`, as the
 * core's `caught` does.
 */
export function catching<T>(body: () => T, what = 'the DefectDojo engagement functions'): T | LifecycleError {
  try {
    return body();
  } catch (error) {
    return asLifecycleError(what, error);
  }
}
