/**
 * `defineLifecycle` turns a declaration into the object users work with: the fast engine (`create`, `apply`) and
 * helpers to validate, persist and schedule states. The xstate machine is in its own entry
 * (`engagement-lifecycle/machine`, machine-api.ts), so that this object never loads xstate.
 */
import type { BaseEvent, EngagementFacets, EngagementState, LifecycleDeclaration } from './declaration.js';
import type { Effect, EffectDraft, StatusChangedDraft } from './effects.js';
import type { Instant, InstantInput } from './dates.js';
import { msToInstant } from './dates.js';
import { LifecycleError, asLifecycleError, caught, caughtResult, failure, type Result } from './errors.js';
import { deepFreeze } from './immutable.js';
import { compiled, type Compiled } from './compile.js';
import { applyWith, createWith, nextDueWith } from './engine.js';
import {
  validateEvent,
  validateState,
  resolveOptions,
  type ApplyResult,
  type CreateResult,
  type EngineOptions,
  type IdGenerator,
  type ResolvedOptions,
} from './inputs.js';

/** Distributes `Effect` over a union of drafts. */
export type EffectOf<X> = X extends EffectDraft ? Effect<X> : never;

/** What callers may pass for an event: the parsed shape, with `at` also as a `Date`. */
export type EventInputOf<E> = E extends BaseEvent ? Omit<E, 'at'> & { readonly at: InstantInput } : never;

/** The functions of a lifecycle with options fixed (validated once): for sweeps and hot loops. */
export interface BoundLifecycle<S extends string, D, E extends BaseEvent, X extends EffectDraft, I> {
  create(event: I): CreateResult<EngagementState<S, D>, EffectOf<X | StatusChangedDraft<S>>, E>;
  apply(state: EngagementState<S, D>, event: I): ApplyResult<EngagementState<S, D>, EffectOf<X | StatusChangedDraft<S>>, E>;
  /**
   * When a clock event would next change this engagement (`due: null`: never, by time alone): the same result as
   * `lifecycle.nextDue(state, options)`, with the options bound. Never throws.
   */
  nextDue(state: EngagementState<S, D>): NextDueResult;
}

/** What every `nextDue` returns: the next due instant (null: time alone never changes the engagement), or the refusal. */
export type NextDueResult = Result<{ readonly due: Instant | null }>;

/**
 * A defined lifecycle: the fast engine, validation, persistence and scheduling helpers for one declaration.
 * `R` names the values of its regions (`{ schedule: 'on_track' | 'overdue' }`), which its machine's state value has.
 */
export interface Lifecycle<
  S extends string,
  D,
  E extends BaseEvent,
  O,
  X extends EffectDraft,
  I = EventInputOf<E>,
  OIn = unknown,
  R extends Readonly<Record<string, string>> = {},
> {
  readonly id: string;
  readonly version: number;
  readonly statuses: readonly S[];
  readonly terminal: readonly S[];
  /** The declaration's regions and their values (empty without regions): the keys of its machine's state value. */
  readonly regions: { readonly [K in keyof R]: readonly R[K][] };
  readonly declaration: LifecycleDeclaration<S, D, E, O, X>;

  /**
   * Creates an engagement from a creation event. Never throws.
   * @example
   * ```ts
   * import assert from 'node:assert/strict';
   * import { plextrac } from 'engagement-lifecycle/plextrac';
   *
   * const created = plextrac.create({
   *   type: 'request', id: 'eng-1', at: '2026-03-02T09:00:00Z', clientId: 'acme', name: 'Web app test', startDate: '2026-04-01',
   * });
   * assert.ok(created.ok);
   * assert.equal(created.state.status, 'Pending');
   * assert.deepEqual(created.effects.map((effect) => effect.type), ['status_changed']);
   * ```
   */
  create(event: I, options?: EngineOptions<OIn>): CreateResult<EngagementState<S, D>, EffectOf<X | StatusChangedDraft<S>>, E>;
  /**
   * Applies one event: the next state and its effects, or a typed error. Never throws; never mutates its inputs.
   * @example
   * ```ts
   * import assert from 'node:assert/strict';
   * import { unwrap } from 'engagement-lifecycle';
   * import { plextrac } from 'engagement-lifecycle/plextrac';
   *
   * const { state } = unwrap(plextrac.create({
   *   type: 'request', id: 'eng-1', at: '2026-03-02T09:00:00Z', clientId: 'acme', name: 'Web app test', startDate: '2026-04-01',
   * }));
   * const approved = plextrac.apply(state, { type: 'approve', at: '2026-03-03T09:00:00Z', operators: ['ana'] });
   * assert.ok(approved.ok);
   * assert.equal(approved.state.status, 'Scheduled');
   * assert.deepEqual(approved.effects.map((effect) => effect.type), ['status_changed', 'create_report', 'assign_operators']);
   *
   * const refused = plextrac.apply(approved.state, { type: 'approve', at: '2026-03-04T09:00:00Z' });
   * assert.ok(!refused.ok);
   * assert.equal(refused.error.code, 'transition_not_allowed');
   * ```
   */
  apply(
    state: EngagementState<S, D>,
    event: I,
    options?: EngineOptions<OIn>,
  ): ApplyResult<EngagementState<S, D>, EffectOf<X | StatusChangedDraft<S>>, E>;
  /** The same functions with the options validated once. Throws `invalid_input` on bad options. */
  with(options: EngineOptions<OIn>): BoundLifecycle<S, D, E, X, I>;
  /** When a clock event would next change this engagement (null: never, by time alone). */
  nextDue(state: EngagementState<S, D>, options?: EngineOptions<OIn>): NextDueResult;

  /** The asset and active flag storage indexes the engagement by. */
  facets(state: EngagementState<S, D>): EngagementFacets;

  /** Validates an event (for example one received as JSON). Throws the typed `LifecycleError` when it is invalid. */
  parseEvent(input: unknown): E;
  /** Validates an event: the result, never a throw. */
  safeParseEvent(input: unknown): Result<{ readonly event: E }>;
  /** Validates a state (for example one loaded from a database). Throws the typed `LifecycleError` when it is invalid. */
  parseState(input: unknown): EngagementState<S, D>;
  /** Validates a state: the result, never a throw. */
  safeParseState(input: unknown): Result<{ readonly state: EngagementState<S, D> }>;
  /** Validates settings and fills in defaults. Throws the typed `LifecycleError` when they are invalid. */
  parseSettings(input: unknown): O;
  /** Validates settings and fills in defaults: the result, never a throw. */
  safeParseSettings(input: unknown): Result<{ readonly settings: O }>;
}

/** The value, or its error thrown: the `parse*` side of the `parse*` / `safeParse*` pair. */
function orThrow<T>(value: T | LifecycleError): T {
  if (value instanceof LifecycleError) throw value;
  return value;
}

/**
 * Builds the engines of a declaration. Throws `invalid_declaration` when the declaration is inconsistent.
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import * as z from 'zod';
 * import { creationEventSchema, declareLifecycle, defineLifecycle, eventSchema, unwrap } from 'engagement-lifecycle';
 *
 * const events = { open: creationEventSchema('open', {}), close: eventSchema('close', {}) };
 * type DoorEvent = z.output<(typeof events)[keyof typeof events]>;
 * const door = defineLifecycle(declareLifecycle<'Open' | 'Closed', {}, DoorEvent, {}, never>({
 *   id: 'door', version: 1, statuses: ['Open', 'Closed'], terminal: ['Closed'],
 *   data: z.object({}), events, settings: z.object({}),
 *   create: [{ on: 'open', to: 'Open', init: () => ({}) }],
 *   transitions: [{ from: ['Open'], on: 'close', to: 'Closed' }],
 * }));
 * const opened = unwrap(door.create({ type: 'open', id: 'd1', at: '2026-01-01T00:00:00Z' }));
 * const closed = unwrap(door.apply(opened.state, { type: 'close', at: '2026-01-01T01:00:00Z' }));
 * assert.equal(closed.state.status, 'Closed');
 * ```
 */
export function defineLifecycle<
  S extends string,
  D,
  E extends BaseEvent,
  O,
  X extends EffectDraft,
  I = EventInputOf<E>,
  OIn = unknown,
  R extends Readonly<Record<string, string>> = {},
>(declaration: LifecycleDeclaration<S, D, E, O, X>): Lifecycle<S, D, E, O, X, I, OIn, R> {
  const compiledDeclaration = caught('defineLifecycle', () => compiled(declaration));
  return lifecycleOf<S, D, E, O, X, I, OIn, R>(declaration, () => compiledDeclaration);
}

/**
 * `defineLifecycle` for the library's own lifecycles (from `builtInDeclaration`), compiled on first use instead of at
 * definition: importing `engagement-lifecycle/plextrac` then neither checks nor compiles the declaration, the larger
 * part of its cold import. The declaration is the library's, and the tests compile every built-in one; a compile
 * error would surface from the first call as the typed `invalid_declaration`. Not public.
 */
export function builtInLifecycle<
  S extends string,
  D,
  E extends BaseEvent,
  O,
  X extends EffectDraft,
  I = EventInputOf<E>,
  OIn = unknown,
  R extends Readonly<Record<string, string>> = {},
>(declaration: LifecycleDeclaration<S, D, E, O, X>): Lifecycle<S, D, E, O, X, I, OIn, R> {
  let compiledDeclaration: Compiled | undefined;
  return lifecycleOf<S, D, E, O, X, I, OIn, R>(declaration, () => (compiledDeclaration ??= compiled(declaration)));
}

/** The lifecycle object of a declaration; `compile` hands back its compiled form (built once). */
function lifecycleOf<
  S extends string,
  D,
  E extends BaseEvent,
  O,
  X extends EffectDraft,
  I = EventInputOf<E>,
  OIn = unknown,
  R extends Readonly<Record<string, string>> = {},
>(declaration: LifecycleDeclaration<S, D, E, O, X>, compile: () => Compiled): Lifecycle<S, D, E, O, X, I, OIn, R> {
  type St = EngagementState<S, D>;
  type Ef = EffectOf<X | StatusChangedDraft<S>>;
  type Bound = BoundLifecycle<S, D, E, X, I>;
  const name = declaration.id;
  // Every method is a public boundary: a throw from the caller's getters or Proxies becomes the typed error
  // (thrown, or the failed result for the methods that return one), and every output leaves deeply frozen.
  const result = <T extends { readonly ok: boolean }>(what: string, body: () => T): T => deepFreeze(caughtResult(`${name}.${what}`, body) as T);
  const value = <T>(what: string, body: () => T): T => deepFreeze(caught(`${name}.${what}`, body));

  // zod's pairing, stated once for the three validators: `parse*` throws the typed error, `safeParse*` returns it.
  const parser =
    <T>(what: string, validate: (input: unknown) => T | LifecycleError) =>
    (input: unknown): T =>
      value(`parse${what}`, () => orThrow(validate(input)));
  const safeParser =
    <T, V extends { readonly ok: true }>(what: string, validate: (input: unknown) => T | LifecycleError, ok: (parsed: T) => V) => {
      const label = `safeParse${what}`;
      return (input: unknown) =>
        result(label, () => {
          const parsed = validate(input);
          return parsed instanceof LifecycleError ? failure(parsed) : ok(parsed);
        });
    };
  const eventOf = (input: unknown) => validateEvent(compile(), input) as E | LifecycleError;
  const stateOf = (input: unknown) => validateState(compile(), input) as St | LifecycleError;
  const settingsOf = (input: unknown): O | LifecycleError => {
    const resolved = resolveOptions(compile(), { settings: input });
    return resolved instanceof LifecycleError ? resolved : (resolved.settings as O);
  };

  const due = (state: St, options: ResolvedOptions): Instant | null => {
    const ms = nextDueWith(compile(), state, options.settings);
    return ms === null ? null : msToInstant(ms);
  };
  // The bound engine is the hot path (a sweep, an event stream): no closure or label string per call, and no walk
  // of the result, which the engine froze deeply where it made it (engine.ts). Only a throw needs turning here.
  const bind = (options: ResolvedOptions, compiledDeclaration: Compiled): Bound => ({
    create: (event) => {
      try {
        return createWith(compiledDeclaration, event, options) as CreateResult<St, Ef, E>;
      } catch (error) {
        return failure(asLifecycleError(`${name}.create`, error));
      }
    },
    apply: (state, event) => {
      try {
        return applyWith(compiledDeclaration, state, event, options) as ApplyResult<St, Ef, E>;
      } catch (error) {
        return failure(asLifecycleError(`${name}.apply`, error));
      }
    },
    nextDue: (state) =>
      result('nextDue', () => {
        const parsed = validateState(compiledDeclaration, state, options.settings);
        if (parsed instanceof LifecycleError) return failure(parsed);
        return { ok: true, due: due(parsed as St, options) } as const;
      }),
  });
  return {
    id: declaration.id,
    version: declaration.version,
    statuses: declaration.statuses,
    terminal: declaration.terminal,
    // Cast: `R` exists only in the types (the caller names its regions' values); at run time the values are the
    // declaration's own, so this is R's one checked place. `test/machine/machine.test-d.ts` checks what callers see.
    regions: deepFreeze(Object.fromEntries(Object.entries(declaration.regions ?? {}).map(([name, region]) => [name, [...region.values]]))) as unknown as Lifecycle<S, D, E, O, X, I, OIn, R>['regions'],
    declaration,
    create(event, options) {
      return result('create', () => {
        const resolved = resolveOptions(compile(), options);
        if (resolved instanceof LifecycleError) return failure(resolved);
        return createWith(compile(), event, resolved) as CreateResult<St, Ef, E>;
      });
    },
    apply(state, event, options) {
      return result('apply', () => {
        const resolved = resolveOptions(compile(), options);
        if (resolved instanceof LifecycleError) return failure(resolved);
        return applyWith(compile(), state, event, resolved) as ApplyResult<St, Ef, E>;
      });
    },
    with(options) {
      return caught(`${name}.with`, () => {
        const compiledDeclaration = compile();
        return bind(orThrow(resolveOptions(compiledDeclaration, options)), compiledDeclaration);
      });
    },
    nextDue(state, options) {
      return result('nextDue', () => {
        const resolved = resolveOptions(compile(), options);
        if (resolved instanceof LifecycleError) return failure(resolved);
        const parsed = validateState(compile(), state, resolved.settings);
        if (parsed instanceof LifecycleError) return failure(parsed);
        return { ok: true, due: due(parsed as St, resolved) } as const;
      });
    },
    facets(state) {
      return value('facets', () => {
        const parsed = orThrow(validateState(compile(), state)) as St;
        if (declaration.facets) return declaration.facets(parsed);
        return { asset: null, active: !compile().terminal.has(parsed.status) };
      });
    },
    parseEvent: parser('Event', eventOf),
    safeParseEvent: safeParser('Event', eventOf, (event) => ({ ok: true, event }) as const),
    parseState: parser('State', stateOf),
    safeParseState: safeParser('State', stateOf, (state) => ({ ok: true, state }) as const),
    parseSettings: parser('Settings', settingsOf),
    safeParseSettings: safeParser('Settings', settingsOf, (settings) => ({ ok: true, settings }) as const),
  };
}

/** Re-exported beside `defineLifecycle`: the options every call takes. */
export type { IdGenerator, EngineOptions };
