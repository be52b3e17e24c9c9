/**
 * A lifecycle declaration: the single source of truth from which the fast engine, the xstate machine, diagrams
 * and test arbitraries are derived. It is plain data plus small pure functions; nothing in it reads the clock,
 * makes ids or does I/O.
 */
import * as z from 'zod';
import { instantSchema, type Instant } from './dates.js';
import { markBare } from './bare-events.js';
import { eager, lazyObject } from './lazy.js';
import type { EffectDraft } from './effects.js';
import { LifecycleError, caught, describeValue } from './errors.js';
import type { Migrations } from './migrations.js';

/** Fields every event carries. `at` is when it happened; `actor` and `reason` go into audit trails. */
export interface BaseEvent {
  readonly type: string;
  readonly at: Instant;
  readonly actor?: string | undefined;
  readonly reason?: string | undefined;
}

/** The state of one engagement: an immutable value. */
export interface EngagementState<S extends string = string, D = unknown> {
  /** The id of the lifecycle declaration the state belongs to (`plextrac`, `defectdojo`, a workflow's id). */
  readonly lifecycle: string;
  /** The declaration's version; a state of another version is refused rather than misread. */
  readonly lifecycleVersion: number;
  readonly id: string;
  readonly status: S;
  /** 1 after creation; grows by exactly one with every applied change. */
  readonly version: number;
  readonly createdAt: Instant;
  /** The `at` of the last applied change. Events dated earlier are refused. */
  readonly updatedAt: Instant;
  readonly data: D;
}

/** What a guard, an update or an effects function sees. */
export interface StepContext<S extends string, D, E extends BaseEvent, O> {
  readonly state: EngagementState<S, D>;
  readonly event: E;
  readonly settings: O;
  /** `event.at` in epoch milliseconds. */
  readonly now: number;
}

/** What a creation's `init` sees. */
export interface CreateContext<E extends BaseEvent, O> {
  /** The new engagement's id (the event's own, or one from the id generator). */
  readonly id: string;
  readonly event: E;
  readonly settings: O;
  readonly now: number;
}

/** The next status and data, as passed to `effects`. */
export interface NextState<S extends string, D> {
  readonly status: S;
  readonly data: D;
}

/**
 * A target chosen at run time among a declared set. The set is what the xstate machine and the diagrams show;
 * `select` must return one of its members.
 */
export interface DynamicTarget<S extends string, C, D> {
  readonly oneOf: readonly S[];
  readonly select: (ctx: C, data: D) => S;
}

/** Where a transition or creation goes: one status, or one chosen at run time among a declared set. */
export type Target<S extends string, C, D> = S | DynamicTarget<S, C, D>;

type EventOf<E extends BaseEvent, K extends E['type']> = Extract<E, { type: K }>;

/** One transition: in `from`, on event `on`, if `guard`, go `to`, with new data from `update` and `effects`. */
export type TransitionSpec<S extends string, D, E extends BaseEvent, O, X extends EffectDraft> = {
  [K in E['type']]: {
    /** Statuses it leaves from; `'*'` means every non-terminal status. */
    readonly from: readonly S[] | '*';
    readonly on: K;
    readonly guard?: (ctx: StepContext<S, D, EventOf<E, K>, O>) => boolean;
    /** Said when no transition for the event applies and this one's guard refused. */
    readonly refusal?: string;
    /**
     * Like a guard, with the error to refuse with: return a `LifecycleError` (e.g. `invalid_input` for a date
     * order, `operation_not_allowed` for a policy) to make this transition not apply, `null` to let it. When no
     * transition applies, the first such error is the refusal.
     */
    readonly reject?: (ctx: StepContext<S, D, EventOf<E, K>, O>) => LifecycleError | null;
    /** The next status; when omitted, the status does not change. */
    readonly to?: Target<S, StepContext<S, D, EventOf<E, K>, O>, D>;
    /** The next data; when omitted, the data does not change. Keep unchanged fields by reference. */
    readonly update?: (ctx: StepContext<S, D, EventOf<E, K>, O>) => D;
    /** Effects beyond the automatic `status_changed`. */
    readonly effects?: (ctx: StepContext<S, D, EventOf<E, K>, O>, next: NextState<S, D>) => readonly X[];
    /** A short label for diagrams. */
    readonly label?: string;
  };
}[E['type']];

/** How an engagement comes into existence: a creation event, its first status and data. */
export type CreationSpec<S extends string, D, E extends BaseEvent, O, X extends EffectDraft> = {
  [K in E['type']]: {
    readonly on: K;
    readonly to: Target<S, CreateContext<EventOf<E, K>, O>, D>;
    readonly init: (ctx: CreateContext<EventOf<E, K>, O>) => D;
    readonly effects?: (ctx: CreateContext<EventOf<E, K>, O>, next: NextState<S, D>) => readonly X[];
    readonly label?: string;
  };
}[E['type']];

/** What storage indexes an engagement by, besides its status and lifecycle. */
export interface EngagementFacets {
  /** The asset (DefectDojo product, PlexTrac client) the engagement belongs to, or null. */
  readonly asset: string | null;
  /** Whether the engagement counts as active (DefectDojo's `active` flag; not finished for PlexTrac). */
  readonly active: boolean;
}

/** An orthogonal view of the data, shown as a parallel region of the xstate machine (e.g. on track / overdue). */
export interface RegionSpec<D> {
  readonly values: readonly string[];
  readonly of: (data: D) => string;
}

/**
 * A declaration's (or workflow's) authoring hook for "when is this engagement next due": the earliest instant at
 * which the clock event would change the engagement, as **epoch milliseconds** (what date-fns arithmetic gives,
 * cheap to compare), or null when time alone never changes it. Only the engines call it. Every public `nextDue`
 * (`lifecycle.nextDue(state, options)`, `lifecycle.with(options).nextDue(state)`) returns `NextDueResult`: the
 * same instant as an ISO string (`{ ok: true, due }`), or the refusal of an invalid state; stores index that instant
 * as `dueAt`. The engines skip terminal states, so the hook need not.
 */
export type NextDueHook<S extends string = string, D = unknown, O = unknown> = (state: EngagementState<S, D>, settings: O) => number | null;

/** A whole lifecycle as data: statuses, schemas, creations, transitions and time rules, from which everything is derived. */
export interface LifecycleDeclaration<
  S extends string = string,
  D = unknown,
  E extends BaseEvent = BaseEvent,
  O = unknown,
  X extends EffectDraft = EffectDraft,
> {
  /** Stable id, stored in every state and effect id. */
  readonly id: string;
  /** Bump when the meaning of stored states changes. */
  readonly version: number;
  readonly statuses: readonly S[];
  /** Statuses nothing leaves. Every event on them is refused with `terminal_state`. */
  readonly terminal: readonly S[];
  /** Schema of the engagement data. */
  readonly data: z.ZodType<D>;
  /** Schema per event type; build them with `eventSchema`. */
  readonly events: { readonly [K in E['type']]: z.ZodType<EventOf<E, K>, unknown> };
  /** Schema of the settings, with defaults for every field (parsing `{}` must succeed). */
  readonly settings: z.ZodType<O, unknown>;
  readonly create: readonly CreationSpec<S, D, E, O, X>[];
  readonly transitions: readonly TransitionSpec<S, D, E, O, X>[];
  /** The event the host sends to tell the time (hourly jobs, sweeps). */
  readonly clockEvent?: E['type'];
  /** The authoring hook behind every public `nextDue`: epoch milliseconds here, an instant there (see `NextDueHook`). */
  readonly nextDue?: NextDueHook<S, D, O>;
  readonly regions?: Readonly<Record<string, RegionSpec<D>>>;
  /**
   * How stored states of older versions upgrade: `migrations[N]` turns a state of version N into the status and
   * data of version N + 1 (pure; the result is validated). Without a path to `version`, old states are refused.
   */
  readonly migrations?: Migrations;
  /** Asset and active flag for storage filters; by default no asset, and active unless terminal. */
  readonly facets?: (state: EngagementState<S, D>) => EngagementFacets;
  /**
   * The lifecycle's own consistency rule for states read from outside (`parseState`, `apply` on a stored state,
   * store loads): what disagrees (for example "status is Complete but the facts give Scheduled"), or null when the
   * state is consistent. `settings` are the caller's parsed settings, or `undefined` when none were given (then a
   * rule that depends on them must accept every reading they allow). Refusals are `invalid_input`.
   */
  readonly consistency?: (state: EngagementState<S, D>, settings: O | undefined) => string | null;
  /** Extra words for refusals of an event, e.g. why it is not allowed before approval. */
  readonly hints?: Partial<Record<E['type'], string>>;
}

/** The fields every event schema starts from. */
// Built on first use; its `at` is the built instant schema, so that event parsing does not go through a stand-in.
export const baseEventShape = /* @__PURE__ */ lazyObject(() => ({
  at: eager(instantSchema),
  actor: z.string().min(1).optional(),
  reason: z.string().optional(),
}));

/**
 * A `status_changed` effect of a lifecycle with these statuses, as a public function that maps one reads it: the
 * statuses, its instant and its type checked; the envelope's other fields pass through.
 */
export function statusChangeSchema<const S extends string>(statuses: readonly S[]) {
  const status = z.enum(statuses);
  return z.looseObject({ type: z.literal('status_changed'), from: status.nullable(), to: status, at: eager(instantSchema) });
}

/**
 * A strict schema for one event type: `{ type, at, actor?, reason? }` plus `shape`. Unknown keys are refused so
 * that a misspelt field is reported instead of ignored.
 * @throws LifecycleError `invalid_declaration` when `type` is not a non-empty string or `shape` not an object of zod
 * schemas.
 */
export function eventSchema<T extends string, Shape extends z.ZodRawShape>(type: T, shape: Shape) {
  return caught('eventSchema', () => {
    const fields = checkedShape('eventSchema', type, shape);
    const schema = z.strictObject({ type: z.literal(type), ...eager(baseEventShape), ...fields });
    // No fields of its own (a clock, a close): the engines may read `{ type, at }` without zod (bare-events.ts).
    return Object.keys(fields).length === 0 ? markBare(schema) : schema;
  });
}

/** Like `eventSchema`, plus an optional `id` for the new engagement (else the injected id generator makes one). */
export function creationEventSchema<T extends string, Shape extends z.ZodRawShape>(type: T, shape: Shape) {
  return caught('creationEventSchema', () =>
    z.strictObject({ type: z.literal(type), ...eager(baseEventShape), id: z.string().min(1).optional(), ...checkedShape('creationEventSchema', type, shape) }),
  );
}

/** A copy of an event's shape, read once and checked: what is checked is what zod gets (zod keeps what it is given). */
function checkedShape<Shape extends z.ZodRawShape>(what: string, type: unknown, shape: Shape): Shape {
  if (typeof type !== 'string' || type.length === 0) throw new LifecycleError('invalid_declaration', `${what} expects a non-empty event type, got ${describeValue(type)}`);
  if (shape === null || typeof shape !== 'object' || Array.isArray(shape)) {
    throw new LifecycleError('invalid_declaration', `${what}("${type}") expects a shape object of zod schemas, got ${describeValue(shape)}`);
  }
  const fields: Shape = { ...shape };
  for (const [key, field] of Object.entries(fields)) {
    if (!isZodSchema(field)) throw new LifecycleError('invalid_declaration', `${what}("${type}"): field "${key}" is not a zod schema (${describeValue(field)})`);
  }
  return fields;
}

/**
 * `z.array(item).readonly()` that never freezes the caller's value. zod's `.readonly()` freezes whatever its inner
 * schema hands back, and on a refusal that is the caller's own object (or a typed array, which cannot be frozen and
 * throws): here the freeze happens only on success, when `z.array` has built a fresh array.
 */
export function readonlyArray<T extends z.ZodType>(item: T): z.ZodReadonly<z.ZodArray<T>> {
  const schema = z.array(item).readonly();
  const inner = schema._zod.def.innerType;
  // `run` is `parse` itself for a schema without checks (zod copies the reference at construction): replace both.
  schema._zod.parse = schema._zod.run = (payload, ctx) => {
    if (ctx.direction === 'backward') return inner._zod.run(payload, ctx);
    const result = inner._zod.run(payload, ctx);
    if (result instanceof Promise) throw new Error('readonlyArray: async item schemas are not supported');
    // As zod's own: a repeat visit (memo) hands back a node still being built, which must stay unfrozen.
    if (result.issues.length === 0 && !(result as { memo?: unknown }).memo) result.value = Object.freeze(result.value);
    return result;
  };
  return schema;
}

/** Whether `value` is a zod schema, from this copy of zod or another: what a declaration's schema fields must hold. */
function isZodSchema(value: unknown): value is z.ZodType {
  return value !== null && typeof value === 'object' && typeof (value as { safeParse?: unknown }).safeParse === 'function';
}

/**
 * The fields a declaration must have, with their kinds: checked first, so a wrong field is named, not crashed on.
 * Built on first use and kept: importing a built-in lifecycle (whose declaration is checked when it is first used)
 * then never builds or compiles these schemas, which are a large part of a cold import.
 */
let declarationShapeSchema: z.ZodType | undefined;
function declarationShape(): z.ZodType {
  if (declarationShapeSchema) return declarationShapeSchema;
  const zodSchema = z.custom<z.ZodType>(isZodSchema, { message: 'expected a zod schema' });
  const optionalFunction = z.custom<(...args: never[]) => unknown>((value) => typeof value === 'function', { message: 'expected a function' }).optional();
  const step = z.looseObject({ on: z.string().min(1) });
  return (declarationShapeSchema = z.looseObject({
    id: z.string().min(1),
    version: z.number().int().min(1),
    statuses: z.array(z.string()),
    terminal: z.array(z.string()),
    data: zodSchema,
    events: z.record(z.string(), zodSchema),
    settings: zodSchema,
    create: z.array(step),
    transitions: z.array(step.extend({ from: z.union([z.literal('*'), z.array(z.string())]) })),
    clockEvent: z.string().optional(),
    nextDue: optionalFunction,
    facets: optionalFunction,
    consistency: optionalFunction,
    regions: z.record(z.string(), z.looseObject({ values: z.array(z.string()), of: optionalFunction.unwrap() })).optional(),
    hints: z.record(z.string(), z.string()).optional(),
  }));
}

/** The refusal of a declaration, naming the lifecycle. */
export function declarationError(id: string, message: string): LifecycleError {
  return new LifecycleError('invalid_declaration', `Lifecycle "${id}": ${message}`, { details: { lifecycle: id } });
}

/**
 * Checks that every field of a declaration has the kind it must have (the rest is checked when it is compiled).
 * @throws LifecycleError `invalid_declaration` naming the first faulty field.
 */
export function checkDeclarationShape(declaration: unknown): void {
  const shape = declarationShape().safeParse(declaration);
  if (shape.success) return;
  const issue = shape.error.issues[0]!;
  const field = issue.path.map(String).join('.') || '(the declaration)';
  const id = (shape.error.issues.some((i) => i.path[0] === 'id') ? undefined : (declaration as { id?: unknown } | null)?.id);
  throw declarationError(typeof id === 'string' ? id : '(unnamed)', `field "${field}": ${issue.message}`);
}

/**
 * Returns the declaration with its types inferred, once the kinds of its fields are checked (its consistency is
 * checked by `defineLifecycle`).
 * @throws LifecycleError `invalid_declaration` naming the first faulty field.
 */
export function declareLifecycle<S extends string, D, E extends BaseEvent, O, X extends EffectDraft>(
  declaration: LifecycleDeclaration<S, D, E, O, X>,
): LifecycleDeclaration<S, D, E, O, X> {
  caught('declareLifecycle', () => checkDeclarationShape(declaration));
  return declaration;
}

/**
 * A built-in lifecycle's declaration (PlexTrac, DefectDojo, review), typed as `declareLifecycle` types it but not
 * checked here: `builtInLifecycle` checks and compiles it on first use, so that importing the entry builds no
 * checking schema (a large part of a cold import). Not public: a user's declaration is checked where it is written.
 */
export function builtInDeclaration<S extends string, D, E extends BaseEvent, O, X extends EffectDraft>(
  declaration: LifecycleDeclaration<S, D, E, O, X>,
): LifecycleDeclaration<S, D, E, O, X> {
  return declaration;
}
