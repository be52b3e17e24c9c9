/**
 * Input handling shared by the aggregate's entry points: zod parsing into `LifecycleError`s, deep copies of plain
 * data (so that outputs never share an object with inputs), and validation of lists of engagement states.
 */
import * as z from 'zod';
import { fromZodError, LifecycleError, type InputIssue } from '../core/errors.js';
import { generateId, type IdGenerator } from '../core/index.js';
import { defectdojo, type DefectDojoState } from './lifecycle.js';
import type { DefectDojoSettings } from './settings.js';

export { cloneData } from './clone.js';

/** Parses `input` with `schema`; the error names every field path. */
export function parseWith<T>(schema: z.ZodType<T, unknown>, input: unknown, what: string): T | LifecycleError {
  const r = schema.safeParse(input);
  return r.success ? r.data : fromZodError(what, r.error);
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

/** Validates one engagement state (engine-made states are recognised without a new check). */
export function parseEngagement(input: unknown, path: readonly PropertyKey[] = ['engagement']): DefectDojoState | LifecycleError {
  const r = defectdojo.safeParseState(input);
  return r.ok ? r.state : prefixed(r.error, path, 'engagement');
}

/** Validates a list of engagement states; an error names the position of the first invalid one. */
export function parseEngagements(input: unknown, name = 'engagements'): readonly DefectDojoState[] | LifecycleError {
  if (!Array.isArray(input)) {
    return new LifecycleError('invalid_input', `Invalid ${name}: expected an array of DefectDojo engagement states`, {
      issues: [{ path: [name], message: 'expected an array of engagement states', code: 'invalid_type' }],
    });
  }
  const out: DefectDojoState[] = [];
  for (let i = 0; i < input.length; i++) {
    const s = parseEngagement(input[i], [name, i]);
    if (s instanceof LifecycleError) return s;
    out.push(s);
  }
  return out;
}

/** Validates settings (every field defaulted). */
export function parseSettings(input: unknown): DefectDojoSettings | LifecycleError {
  const r = defectdojo.safeParseSettings(input);
  return r.ok ? r.settings : r.error;
}

/** A zod schema for the injected id generator. */
export const idGeneratorSchema = z.custom<IdGenerator>((v) => typeof v === 'function', {
  message: 'newId must be a function that returns a new id (the library never makes ids itself)',
});

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
      throw new LifecycleError('invalid_input', `The id generator returned "${id}" for a ${kind}, an id already in use: it must return a new id on every call`, {
        details: { id, kind },
      });
    }
    mine.add(id);
    return id;
  };
}

/** Runs `body`, turning a thrown `LifecycleError` into the error value (anything else is a bug and propagates). */
export function catching<T>(body: () => T): T | LifecycleError {
  try {
    return body();
  } catch (error) {
    if (error instanceof LifecycleError) return error;
    throw error;
  }
}
