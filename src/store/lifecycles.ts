/**
 * The lifecycles a store-level operation handles (a sweep, a reindex, the engagements facade), each with the
 * tenant's settings for it. The settings are validated once here; every due instant is computed with them.
 */
import * as z from 'zod';
import { caught, describeValue, eager, fromZodError, isLifecycleShaped, lazyObject, LifecycleError, type BoundLifecycle, type EngineOptions, type Lifecycle } from '../core/index.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
/** Any lifecycle: PlexTrac's, DefectDojo's, a workflow's. */
export type AnyLifecycle = Lifecycle<any, any, any, any, any, any, any>;
type AnyBound = BoundLifecycle<any, any, any, any, any>;
/* eslint-enable @typescript-eslint/no-explicit-any */

export interface LifecycleSet {
  /** The lifecycles to handle; engagements of other lifecycles are left alone. */
  readonly lifecycles: readonly AnyLifecycle[];
  /** Settings per lifecycle id (`{ plextrac: { timeZone: 'Europe/Paris' } }`); a lifecycle without uses its defaults. */
  readonly settings?: Readonly<Record<string, unknown>> | undefined;
}

/** A lifecycle with its settings bound. */
export interface Handled {
  readonly lifecycle: AnyLifecycle;
  readonly bound: AnyBound;
  /** The options it was bound with (`{ settings }`), to bind it again with more (an id generator). */
  readonly options: EngineOptions;
  /** The event that tells the time, if the lifecycle has one. */
  readonly clockEvent: string | undefined;
}

/** The members of a lifecycle the store calls: checked before the first call, so a look-alike cannot reach a TypeError. */
const LIFECYCLE_METHODS = ['with', 'create', 'apply', 'nextDue', 'safeParseState', 'facets'] as const;

/** True for a value shaped like a lifecycle with the members the store calls. */
function isLifecycle(v: unknown): v is AnyLifecycle {
  return isLifecycleShaped(v, LIFECYCLE_METHODS);
}

/**
 * Refuses, with `invalid_input` naming the argument, a value that is not a lifecycle (a caller's getter or Proxy
 * trap that throws while it is looked at is refused the same way, with the original as `cause`).
 */
export function requireLifecycle(value: unknown, what: string): AnyLifecycle {
  const ok = caught(what, () => isLifecycle(value));
  if (!ok) throw new LifecycleError('invalid_input', `${what} must be a lifecycle (from defineLifecycle, e.g. plextrac), got ${describeValue(value)}`);
  return value as AnyLifecycle;
}

/** A non-empty list of lifecycles: the `lifecycles` option of every store command and of `typedStore`. */
export const lifecycleListSchema = /* @__PURE__ */ lazyObject(() =>
  z.array(z.custom<AnyLifecycle>(isLifecycle, { message: 'expected a lifecycle (from defineLifecycle, e.g. plextrac)' })).min(1, 'name at least one lifecycle'));

const setSchema = /* @__PURE__ */ lazyObject(() => z.object({
  lifecycles: eager(lifecycleListSchema),
  settings: z.record(z.string(), z.unknown()).optional(),
}));

/**
 * Validates a lifecycle set and binds each lifecycle to its settings.
 * @throws LifecycleError `invalid_input` (no lifecycle, a lifecycle twice, settings for an unknown lifecycle, bad settings)
 */
export function resolveLifecycles(input: LifecycleSet): ReadonlyMap<string, Handled> {
  return caught('the lifecycles option', () => resolve(input));
}

function resolve(input: LifecycleSet): ReadonlyMap<string, Handled> {
  const parsed = setSchema.safeParse(input);
  if (!parsed.success) throw fromZodError('lifecycles', parsed.error);
  const settings = parsed.data.settings ?? {};
  const out = new Map<string, Handled>();
  for (const lifecycle of parsed.data.lifecycles) {
    if (out.has(lifecycle.id)) throw new LifecycleError('invalid_input', `Lifecycle "${lifecycle.id}" is listed twice`);
    const own = Object.prototype.hasOwnProperty.call(settings, lifecycle.id) ? settings[lifecycle.id] : undefined;
    // `with` validates the settings once and throws `invalid_input` on bad ones.
    const options: EngineOptions = own === undefined ? {} : { settings: own };
    out.set(lifecycle.id, { lifecycle, bound: lifecycle.with(options), options, clockEvent: lifecycle.declaration.clockEvent });
  }
  for (const id of Object.keys(settings)) {
    if (!out.has(id)) {
      throw new LifecycleError('invalid_input', `Settings given for lifecycle "${id}", which is not among the lifecycles (${[...out.keys()].join(', ')})`);
    }
  }
  return out;
}

/** The handled lifecycle of a state. @throws LifecycleError `invalid_input` for a lifecycle not in the set. */
export function handledFor(set: ReadonlyMap<string, Handled>, lifecycle: string): Handled {
  if (typeof lifecycle !== 'string') throw new LifecycleError('invalid_input', `Expected a lifecycle id, got ${describeValue(lifecycle)}`);
  const h = set.get(lifecycle);
  if (!h) throw new LifecycleError('invalid_input', `Lifecycle "${lifecycle}" is not among the handled lifecycles (${[...set.keys()].join(', ')})`);
  return h;
}
