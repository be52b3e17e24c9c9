/**
 * Custom workflows: `defineWorkflow` for a team's own statuses and transitions, `extendWorkflow` for a built-in
 * lifecycle with statuses or transitions added or removed. Both produce an ordinary `LifecycleDeclaration` and
 * `Lifecycle`, so the two engines, the xstate machine, diagrams and the testing kit work for them unchanged. They
 * check the workflow when it is defined and throw `invalid_declaration` naming every culprit.
 */
import * as z from 'zod';
import {
  DEFAULT_TIME_ZONE,
  LifecycleError,
  creationEventSchema,
  defineLifecycle,
  eventSchema,
  timeZoneSchema,
  type BaseEvent,
  type CreateContext,
  type CreationSpec,
  type DynamicTarget,
  type EffectDraft,
  type EngagementFacets,
  type EngagementState,
  type Instant,
  type InstantInput,
  type Lifecycle,
  type LifecycleDeclaration,
  type NextState,
  type StepContext,
  type TimeZone,
  type TransitionSpec,
} from '../core/index.js';
import { NameCheck, graphProblems, throwProblems, type WorkflowProblem } from './checks.js';

/* ---------- types ---------- */

/** Payload fields per event type, as zod shapes: `{ approve: { operators: z.array(z.string()) }, hold: {} }`. */
export type EventShapes = { readonly [type: string]: z.ZodRawShape };

interface EventBase<K extends string, At> {
  readonly type: K;
  readonly at: At;
  readonly actor?: string | undefined;
  readonly reason?: string | undefined;
}

/** The payload fields of a shape (zod types an empty shape as `Record<string, never>`, which no event could satisfy). */
type OutputFields<Shape extends z.ZodRawShape> = keyof Shape extends never ? Record<never, never> : z.core.$InferObjectOutput<Shape, Record<never, never>>;
type InputFields<Shape extends z.ZodRawShape> = keyof Shape extends never ? Record<never, never> : z.core.$InferObjectInput<Shape, Record<never, never>>;

/** The creation event may carry the new engagement's `id`. */
type CreationFields<K, C> = [K] extends [C] ? { readonly id?: string | undefined } : Record<never, never>;

/** The validated events of a workflow; the creation event `C` may also carry the new engagement's `id`. */
export type WorkflowEventOf<Ev extends EventShapes, C extends string = never> = {
  [K in keyof Ev & string]: EventBase<K, Instant> & CreationFields<K, C> & Readonly<OutputFields<Ev[K]>>;
}[keyof Ev & string];

/** What callers may pass as a workflow event: `at` as an ISO string or a `Date`, defaulted fields optional. */
export type WorkflowEventInputOf<Ev extends EventShapes, C extends string = never> = {
  [K in keyof Ev & string]: EventBase<K, InstantInput> & CreationFields<K, C> & Readonly<InputFields<Ev[K]>>;
}[keyof Ev & string];

type Ctx<S extends string, D, E extends BaseEvent, O, K> = StepContext<S, D, Extract<E, { type: K }>, O>;

/** A transition of a workflow: like the core's, with `from` also a single status and `effects` also a fixed list. */
export type WorkflowTransition<S extends string, D, E extends BaseEvent, O, X extends EffectDraft> = {
  [K in E['type']]: {
    /** Statuses it leaves from; `'*'` means every non-terminal status. */
    readonly from: S | readonly S[] | '*';
    readonly on: K;
    readonly guard?: (ctx: Ctx<S, D, E, O, K>) => boolean;
    /** Said when no transition for the event applies and this one's guard refused. */
    readonly refusal?: string;
    /** Like a guard, with the error to refuse with (a `LifecycleError`), or null to let the transition apply. */
    readonly reject?: (ctx: Ctx<S, D, E, O, K>) => LifecycleError | null;
    /** The next status (or `{ oneOf, select }`); when omitted, the status does not change. */
    readonly to?: S | DynamicTarget<S, Ctx<S, D, E, O, K>, D>;
    /** The next data; when omitted, the data does not change. */
    readonly update?: (ctx: Ctx<S, D, E, O, K>) => D;
    /** Effects beyond `status_changed`: a fixed list, or a function of the step. */
    readonly effects?: readonly X[] | ((ctx: Ctx<S, D, E, O, K>, next: NextState<S, D>) => readonly X[]);
    readonly label?: string;
  };
}[E['type']];

/** What an entry effect sees: the event, and the state being left (`null` at creation). */
export interface EntryContext<S extends string, D, E extends BaseEvent, O> {
  readonly event: E;
  readonly settings: O;
  readonly now: number;
  readonly state: EngagementState<S, D> | null;
}

/** Effects emitted whenever an engagement enters a status (creation included): a list, or a function. */
export type EntryEffects<S extends string, D, E extends BaseEvent, O, X extends EffectDraft> =
  | readonly X[]
  | ((ctx: EntryContext<S, D, E, O>, next: NextState<S, D>) => readonly X[]);

/** An effect of a workflow that does not name its effect types: a `type` and any payload. */
export interface WorkflowEffectDraft extends EffectDraft {
  readonly [field: string]: unknown;
}

/** The settings of a workflow that declares none: the tenant's time zone. */
export interface DefaultWorkflowSettings {
  readonly timeZone: TimeZone;
}

export interface WorkflowSpec<S extends string, Ev extends EventShapes, C extends string, D, O, X extends EffectDraft> {
  /** Stable id, stored in every state and effect id. */
  readonly id: string;
  /** Bump when the meaning of stored states changes (default 1). */
  readonly version?: number;
  readonly statuses: readonly S[];
  /** The status a new engagement starts in. */
  readonly initial: NoInfer<S>;
  /** The event that creates an engagement (default `'create'`); it must be declared in `events`. */
  readonly createOn?: C;
  /** Statuses nothing leaves (default none). */
  readonly terminal?: readonly NoInfer<S>[];
  /** Every event type with its payload fields (`{}` for none); `type`, `at`, `actor` and `reason` are added. */
  readonly events: Ev;
  readonly transitions: readonly WorkflowTransition<NoInfer<S>, D, WorkflowEventOf<Ev, C>, O, NoInfer<X>>[];
  /** Effects emitted on entering a status, whichever transition leads there. */
  readonly effects?: { readonly [K in NoInfer<S>]?: EntryEffects<NoInfer<S>, D, WorkflowEventOf<Ev, C>, O, NoInfer<X>> };
  /** Schema of the engagement data (default: no data, `{}`). */
  readonly data?: z.ZodType<D>;
  /** The first data, from the creation event. Default: the creation event's payload fields, parsed by `data`. */
  readonly init?: (ctx: CreateContext<Extract<WorkflowEventOf<Ev, C>, { type: C }>, O>) => D;
  /** Schema of the settings; every field needs a default (default: `{ timeZone }`, UTC). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly settings?: z.ZodType<O, any>;
  /** The event the host sends to tell the time. */
  readonly clockEvent?: keyof Ev & string;
  readonly nextDue?: (state: EngagementState<S, D>, settings: O) => number | null;
  readonly facets?: (state: EngagementState<S, D>) => EngagementFacets;
  readonly hints?: { readonly [K in keyof Ev & string]?: string };
}

/** What a workflow records beyond an ordinary declaration. */
export interface WorkflowInfo {
  /** The lifecycles it extends, nearest first (`['plextrac']`); empty for a workflow defined from scratch. */
  readonly lineage: readonly string[];
  /** Names of base invariants this workflow no longer promises (see `engagement-lifecycle/testing`). */
  readonly dropInvariants: readonly string[];
}

export type WorkflowDeclaration<S extends string, D, E extends BaseEvent, O, X extends EffectDraft> = LifecycleDeclaration<S, D, E, O, X> & {
  readonly workflow: WorkflowInfo;
};

/** A workflow: an ordinary `Lifecycle` whose declaration also records its lineage. */
export type Workflow<S extends string, D, E extends BaseEvent, O, X extends EffectDraft, I, OIn> = Lifecycle<S, D, E, O, X, I, OIn> & {
  readonly declaration: WorkflowDeclaration<S, D, E, O, X>;
  readonly workflow: WorkflowInfo;
};

export interface WorkflowExtension<S extends string, S2 extends string, D, E extends BaseEvent, Ev2 extends EventShapes, O, X extends EffectDraft> {
  /** The new workflow's id: it must differ from the base's, so that stored states are never misread. */
  readonly id: string;
  readonly version?: number;
  /** Statuses added to the base's. */
  readonly statuses?: readonly S2[];
  /** The complete list of terminal statuses (default: the base's). */
  readonly terminal?: readonly NoInfer<S | S2>[];
  /** Events added to the base's, with their payload fields. */
  readonly events?: Ev2;
  /** Transitions added; they are tried before the base's, so a guarded one can override a base transition. */
  readonly transitions?: readonly WorkflowTransition<NoInfer<S | S2>, D, E | WorkflowEventOf<NoInfer<Ev2>>, O, X>[];
  /** Base transitions removed: all those on `on`, or only their departures from `from`. */
  readonly removeTransitions?: readonly { readonly on: E['type']; readonly from?: NoInfer<S> | readonly NoInfer<S>[] }[];
  /** Base transitions on an event that also leave from these statuses: `{ cancel: ['On Hold'] }`. */
  readonly alsoFrom?: { readonly [K in E['type']]?: readonly NoInfer<S | S2>[] };
  /** Effects emitted on entering a status, base transitions included. */
  readonly effects?: { readonly [K in NoInfer<S | S2>]?: EntryEffects<NoInfer<S | S2>, D, E | WorkflowEventOf<NoInfer<Ev2>>, O, X> };
  readonly hints?: { readonly [K in E['type'] | (keyof NoInfer<Ev2> & string)]?: string };
  /** Base invariants (by name) the extension no longer promises, e.g. `['plextracDerivation']`. */
  readonly dropInvariants?: readonly string[];
}

/* ---------- validation of the spec itself ---------- */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFn = (...args: any[]) => any;
const fn = z.custom<AnyFn>((v) => typeof v === 'function', { message: 'expected a function' });
const zodSchema = z.custom<z.ZodType>((v) => typeof v === 'object' && v !== null && '_zod' in v, { message: 'expected a zod schema' });
const name = z.string().min(1);
const names = z.array(name);
const effectsSpec = z.union([z.array(z.looseObject({ type: name })), fn]);
const transitionSchema = z.strictObject({
  from: z.union([name, names.min(1)]),
  on: name,
  to: z.union([name, z.looseObject({ oneOf: names.min(1), select: fn })]).optional(),
  guard: fn.optional(),
  refusal: z.string().optional(),
  reject: fn.optional(),
  update: fn.optional(),
  effects: effectsSpec.optional(),
  label: z.string().optional(),
});
const shapes = z.record(name, z.record(z.string(), zodSchema));

const specSchema = z.strictObject({
  id: name,
  version: z.number().int().min(1).optional(),
  statuses: names.min(1),
  initial: name,
  createOn: name.optional(),
  terminal: names.optional(),
  events: shapes,
  transitions: z.array(transitionSchema),
  effects: z.record(z.string(), effectsSpec).optional(),
  data: zodSchema.optional(),
  init: fn.optional(),
  settings: zodSchema.optional(),
  clockEvent: name.optional(),
  nextDue: fn.optional(),
  facets: fn.optional(),
  hints: z.record(z.string(), z.string()).optional(),
});

const extensionSchema = z.strictObject({
  id: name,
  version: z.number().int().min(1).optional(),
  statuses: names.optional(),
  terminal: names.optional(),
  events: shapes.optional(),
  transitions: z.array(transitionSchema).optional(),
  removeTransitions: z.array(z.strictObject({ on: name, from: z.union([name, names.min(1)]).optional() })).optional(),
  alsoFrom: z.record(z.string(), names).optional(),
  effects: z.record(z.string(), effectsSpec).optional(),
  hints: z.record(z.string(), z.string()).optional(),
  dropInvariants: names.optional(),
});

function checkShape(schema: z.ZodType, input: unknown, what: string): void {
  const result = schema.safeParse(input);
  if (result.success) return;
  const id = typeof input === 'object' && input !== null && typeof (input as { id?: unknown }).id === 'string' ? (input as { id: string }).id : '?';
  throw new LifecycleError('invalid_declaration', `Workflow "${id}": invalid ${what}:\n${z.prettifyError(result.error)}`, {
    issues: result.error.issues.map((i) => ({ path: i.path, message: i.message, code: i.code })),
    details: { workflow: id },
  });
}

/* ---------- assembly ---------- */

interface LooseTransition {
  readonly from: string | readonly string[] | '*';
  readonly on: string;
  readonly to?: unknown;
  readonly guard?: AnyFn;
  readonly refusal?: string;
  readonly reject?: AnyFn;
  readonly update?: AnyFn;
  readonly effects?: readonly EffectDraft[] | AnyFn;
  readonly label?: string;
}

type EntryMap = ReadonlyMap<string, readonly EffectDraft[] | AnyFn>;

function entryMap(effects: Readonly<Record<string, unknown>> | undefined): EntryMap {
  return new Map(Object.entries(effects ?? {}) as [string, readonly EffectDraft[] | AnyFn][]);
}

function effectsFn(effects: readonly EffectDraft[] | AnyFn | undefined): AnyFn | undefined {
  if (effects === undefined || typeof effects === 'function') return effects;
  const drafts = effects;
  return () => drafts;
}

/** Appends the entry effects of the status entered (when the status changes, or at creation). */
function withEntryEffects(own: AnyFn | undefined, entry: EntryMap): AnyFn | undefined {
  if (entry.size === 0) return own;
  return (ctx: { event: BaseEvent; settings: unknown; now: number; state?: EngagementState }, next: NextState<string, unknown>) => {
    const drafts: EffectDraft[] = own ? [...(own(ctx, next) as readonly EffectDraft[])] : [];
    const leaving = ctx.state?.status ?? null;
    const spec = next.status !== leaving ? entry.get(next.status) : undefined;
    if (spec) {
      drafts.push(
        ...(typeof spec === 'function'
          ? (spec({ event: ctx.event, settings: ctx.settings, now: ctx.now, state: ctx.state ?? null }, next) as readonly EffectDraft[])
          : spec),
      );
    }
    return drafts;
  };
}

function fromList(from: string | readonly string[] | '*'): readonly string[] | '*' {
  return from === '*' ? '*' : typeof from === 'string' ? [from] : [...from];
}

function toTransitionSpec(t: LooseTransition, entry: EntryMap): TransitionSpec<string, unknown, BaseEvent, unknown, EffectDraft> {
  const effects = withEntryEffects(effectsFn(t.effects), entry);
  return {
    from: fromList(t.from),
    on: t.on,
    ...(t.guard ? { guard: t.guard } : {}),
    ...(t.refusal !== undefined ? { refusal: t.refusal } : {}),
    ...(t.reject ? { reject: t.reject } : {}),
    ...(t.to !== undefined ? { to: t.to as string } : {}),
    ...(t.update ? { update: t.update } : {}),
    ...(effects ? { effects } : {}),
    ...(t.label !== undefined ? { label: t.label } : {}),
  };
}

function targetsOf(to: unknown): readonly unknown[] {
  if (to === undefined) return [];
  if (typeof to === 'object' && to !== null && Array.isArray((to as { oneOf?: unknown }).oneOf)) return (to as { oneOf: unknown[] }).oneOf;
  return [to];
}

function checkTransitionNames(check: NameCheck, transitions: readonly LooseTransition[], label: (i: number, t: LooseTransition) => string): void {
  transitions.forEach((t, i) => {
    const where = label(i, t);
    check.event(t.on, where);
    if (t.from !== '*') for (const s of typeof t.from === 'string' ? [t.from] : t.from) check.status(s, `${where}: "from"`);
    for (const s of targetsOf(t.to)) check.status(s, `${where}: "to"`);
  });
}

const transitionLabel = (i: number, t: LooseTransition) => `transition #${i} (on "${t.on}")`;

/** Builds the lifecycle, runs the graph checks and throws every problem at once. */
function finish<S extends string, D, E extends BaseEvent, O, X extends EffectDraft, I, OIn>(
  declaration: WorkflowDeclaration<S, D, E, O, X>,
  problems: readonly WorkflowProblem[],
): Workflow<S, D, E, O, X, I, OIn> {
  throwProblems(declaration.id, problems);
  const lifecycle = defineLifecycle<S, D, E, O, X, I, OIn>(declaration);
  throwProblems(declaration.id, graphProblems(lifecycle));
  return { ...lifecycle, declaration, workflow: declaration.workflow };
}

function payloadFields(event: object): Record<string, unknown> {
  const { type: _type, at: _at, actor: _actor, reason: _reason, id: _id, ...fields } = event as Record<string, unknown>;
  return fields;
}

/**
 * Defines a workflow from its statuses, events and transitions.
 * @throws LifecycleError `invalid_declaration`, naming every culprit: unknown statuses or events, statuses no path
 * reaches, non-terminal statuses with no way out, or a spec of the wrong shape.
 */
export function defineWorkflow<
  const S extends string,
  Ev extends EventShapes,
  C extends string = 'create',
  D = Record<string, never>,
  O = DefaultWorkflowSettings,
  X extends EffectDraft = WorkflowEffectDraft,
>(spec: WorkflowSpec<S, Ev, C, D, O, X>): Workflow<S, D, WorkflowEventOf<Ev, C>, O, X, WorkflowEventInputOf<Ev, C>, unknown> {
  checkShape(specSchema, spec, 'workflow definition');
  type E = WorkflowEventOf<Ev, C>;
  const createOn: string = spec.createOn ?? 'create';
  const statuses = new Set<string>(spec.statuses);
  const eventNames = new Set(Object.keys(spec.events));
  const check = new NameCheck(statuses, eventNames);
  if (statuses.size !== spec.statuses.length) {
    const dup = spec.statuses.find((s, i) => spec.statuses.indexOf(s) !== i)!;
    check.add({ code: 'duplicate_status', culprit: dup, message: `status "${dup}" is declared twice` });
  }
  check.status(spec.initial, '"initial"');
  for (const s of spec.terminal ?? []) check.status(s, '"terminal"');
  check.event(createOn, spec.createOn === undefined ? 'the creation event (default "create"; set "createOn")' : '"createOn"');
  if (spec.clockEvent !== undefined) check.event(spec.clockEvent, '"clockEvent"');
  for (const s of Object.keys(spec.effects ?? {})) check.status(s, '"effects"');
  for (const e of Object.keys(spec.hints ?? {})) check.event(e, '"hints"');
  const transitions = spec.transitions as readonly LooseTransition[];
  checkTransitionNames(check, transitions, transitionLabel);
  const terminal = new Set<string>(spec.terminal ?? []);
  transitions.forEach((t, i) => {
    if (t.on === createOn) {
      check.add({ code: 'unknown_event', culprit: t.on, message: `${transitionLabel(i, t)} uses the creation event "${t.on}"` });
    }
    if (t.from === '*') return;
    for (const s of typeof t.from === 'string' ? [t.from] : t.from) {
      if (terminal.has(s)) check.add({ code: 'dead_end', culprit: s, message: `${transitionLabel(i, t)} leaves from terminal status "${s}"` });
    }
  });

  const entry = entryMap(spec.effects);
  const events = Object.fromEntries(
    Object.entries(spec.events).map(([type, shape]) => [type, type === createOn ? creationEventSchema(type, shape) : eventSchema(type, shape)]),
  );
  const data = (spec.data ?? z.object({})) as z.ZodType<D>;
  const init: AnyFn =
    spec.init ??
    (({ event }: { event: object }) => {
      const parsed = data.safeParse(payloadFields(event));
      if (!parsed.success) {
        throw new LifecycleError('invalid_declaration', `the fields of "${createOn}" do not make valid data (pass "init"): ${z.prettifyError(parsed.error)}`);
      }
      return parsed.data;
    });
  const settings = spec.settings ?? z.strictObject({ timeZone: timeZoneSchema.default(DEFAULT_TIME_ZONE) });
  const createEffects = withEntryEffects(undefined, entry);
  const creation = { on: createOn, to: spec.initial, init, ...(createEffects ? { effects: createEffects } : {}) };

  const declaration = {
    id: spec.id,
    version: spec.version ?? 1,
    statuses: spec.statuses,
    terminal: spec.terminal ?? [],
    data,
    events,
    settings,
    create: [creation],
    transitions: transitions.map((t) => toTransitionSpec(t, entry)),
    ...(spec.clockEvent !== undefined ? { clockEvent: spec.clockEvent } : {}),
    ...(spec.nextDue ? { nextDue: spec.nextDue } : {}),
    ...(spec.facets ? { facets: spec.facets } : {}),
    ...(spec.hints ? { hints: spec.hints } : {}),
    workflow: { lineage: [], dropInvariants: [] },
  } as unknown as WorkflowDeclaration<S, D, E, O, X>;
  return finish(declaration, check.problems);
}

/** The workflow facts of a lifecycle or declaration (lineage, dropped invariants), or null for a plain one. */
export function workflowInfo(source: object): WorkflowInfo | null {
  const declaration = 'declaration' in source ? (source as { declaration: unknown }).declaration : source;
  const info = (declaration as { workflow?: unknown } | null)?.workflow;
  if (typeof info !== 'object' || info === null) return null;
  const { lineage, dropInvariants } = info as Partial<WorkflowInfo>;
  return Array.isArray(lineage) && Array.isArray(dropInvariants) ? { lineage, dropInvariants } : null;
}

/**
 * A built-in lifecycle (or another workflow) with statuses, events and transitions added or removed. The base's
 * `'*'` transitions keep meaning the base's own live statuses: added statuses get only the transitions the
 * extension gives them (`transitions`, `alsoFrom`). The result records its lineage, so the testing kit keeps
 * checking the base's invariants, except those named in `dropInvariants`.
 * @throws LifecycleError `invalid_declaration`, naming every culprit.
 */
export function extendWorkflow<
  S extends string,
  D,
  E extends BaseEvent,
  O,
  X extends EffectDraft,
  I,
  OIn,
  const S2 extends string = never,
  Ev2 extends EventShapes = Record<never, z.ZodRawShape>,
  X2 extends EffectDraft = WorkflowEffectDraft,
>(
  base: Lifecycle<S, D, E, O, X, I, OIn>,
  extension: WorkflowExtension<S, S2, D, E, Ev2, O, X | X2>,
  // NoInfer: assigning the result to a wider type (a list of lifecycles) must not decide what the extension adds.
): Workflow<S | NoInfer<S2>, D, E | WorkflowEventOf<NoInfer<Ev2>>, O, X | NoInfer<X2>, I | WorkflowEventInputOf<NoInfer<Ev2>>, OIn> {
  checkShape(extensionSchema, extension, 'workflow extension');
  const decl = base.declaration as unknown as LifecycleDeclaration<string, unknown, BaseEvent, unknown, EffectDraft>;
  const baseInfo = workflowInfo(decl);
  const added = extension.statuses ?? [];
  const statuses: string[] = [...decl.statuses, ...added];
  const newEvents = extension.events ?? ({} as Ev2);
  const check = new NameCheck(new Set(statuses), new Set([...Object.keys(decl.events), ...Object.keys(newEvents)]));
  if (extension.id === decl.id || baseInfo?.lineage.includes(extension.id)) {
    check.add({ code: 'duplicate_id', culprit: extension.id, message: `the extension needs an id of its own, not "${extension.id}", so that stored states are never misread` });
  }
  for (const s of added) {
    if (decl.statuses.includes(s as never) || added.indexOf(s) !== added.lastIndexOf(s)) {
      check.add({ code: 'duplicate_status', culprit: s, message: `status "${s}" is declared twice (the base already has it, or it is added twice)` });
    }
  }
  for (const e of Object.keys(newEvents)) {
    if (Object.prototype.hasOwnProperty.call(decl.events, e)) {
      check.add({ code: 'duplicate_event', culprit: e, message: `event "${e}" already exists in "${decl.id}"; extensions add events, they do not redefine them` });
    }
  }
  const terminalList: readonly string[] = extension.terminal ?? decl.terminal;
  for (const s of terminalList) check.status(s, '"terminal"');
  for (const s of Object.keys(extension.effects ?? {})) check.status(s, '"effects"');
  for (const e of Object.keys(extension.hints ?? {})) check.event(e, '"hints"');
  const addedTransitions = (extension.transitions ?? []) as readonly LooseTransition[];
  checkTransitionNames(check, addedTransitions, (i, t) => `added transition #${i} (on "${t.on}")`);

  // The base's transitions, with '*' fixed to the base's live statuses.
  const baseTerminal = new Set<string>(decl.terminal);
  const baseLive = decl.statuses.filter((s) => !baseTerminal.has(s));
  type Editable = { spec: TransitionSpec<string, unknown, BaseEvent, unknown, EffectDraft>; from: string[] };
  let baseTransitions: Editable[] = decl.transitions.map((t) => ({ spec: t, from: t.from === '*' ? [...baseLive] : [...t.from] }));

  for (const [i, removal] of (extension.removeTransitions ?? []).entries()) {
    const where = `removeTransitions #${i} (on "${removal.on}")`;
    check.event(removal.on, where);
    const from: readonly string[] | undefined =
      removal.from === undefined ? undefined : typeof removal.from === 'string' ? [removal.from] : [...removal.from];
    for (const s of from ?? []) check.status(s, `${where}: "from"`);
    const matching = baseTransitions.filter((t) => t.spec.on === removal.on && (!from || from.some((s) => t.from.includes(s))));
    if (matching.length === 0) {
      check.add({
        code: 'unmatched_removal',
        culprit: removal.on,
        message: `${where} matches no transition of "${decl.id}"${from ? ` leaving from ${from.join(', ')}` : ''}`,
      });
    }
    baseTransitions = baseTransitions
      .map((t) => (matching.includes(t) ? { ...t, from: from ? t.from.filter((s) => !from.includes(s)) : [] } : t))
      .filter((t) => t.from.length > 0);
  }

  for (const [event, from] of Object.entries((extension.alsoFrom ?? {}) as Record<string, readonly string[]>)) {
    const where = `alsoFrom "${event}"`;
    check.event(event, where);
    for (const s of from) check.status(s, where);
    const matching = baseTransitions.filter((t) => t.spec.on === event);
    if (matching.length === 0 && Object.prototype.hasOwnProperty.call(decl.events, event)) {
      check.add({ code: 'unmatched_removal', culprit: event, message: `${where}: "${decl.id}" has no transition on "${event}" to extend` });
    }
    baseTransitions = baseTransitions.map((t) => (matching.includes(t) ? { ...t, from: [...t.from, ...from.filter((s) => !t.from.includes(s))] } : t));
  }

  // Statuses that became terminal lose the base transitions leaving them; nothing may leave a terminal status.
  const terminal = new Set(terminalList);
  baseTransitions = baseTransitions.map((t) => ({ ...t, from: t.from.filter((s) => !terminal.has(s)) })).filter((t) => t.from.length > 0);
  addedTransitions.forEach((t, i) => {
    if (t.from === '*') return;
    for (const s of typeof t.from === 'string' ? [t.from] : t.from) {
      if (terminal.has(s)) check.add({ code: 'dead_end', culprit: s, message: `added transition #${i} (on "${t.on}") leaves from terminal status "${s}"` });
    }
  });

  const entry = entryMap(extension.effects);
  const wrap = <T extends { effects?: AnyFn | undefined }>(spec: T): T => {
    const effects = withEntryEffects(spec.effects, entry);
    return effects ? { ...spec, effects } : spec;
  };
  const events = {
    ...decl.events,
    ...Object.fromEntries(Object.entries(newEvents).map(([type, shape]) => [type, eventSchema(type, shape)])),
  };
  const hints = { ...(decl.hints ?? {}), ...(extension.hints ?? {}) };
  const declaration = {
    ...decl,
    id: extension.id,
    version: extension.version ?? 1,
    statuses,
    terminal: terminalList,
    events,
    create: decl.create.map((k) => wrap(k as CreationSpec<string, unknown, BaseEvent, unknown, EffectDraft> & { effects?: AnyFn })),
    transitions: [
      ...addedTransitions.map((t) => toTransitionSpec(t, entry)),
      ...baseTransitions.map((t) => wrap({ ...t.spec, from: t.from } as TransitionSpec<string, unknown, BaseEvent, unknown, EffectDraft> & { effects?: AnyFn })),
    ],
    hints,
    workflow: {
      lineage: [decl.id, ...(baseInfo?.lineage ?? [])],
      dropInvariants: [...new Set([...(baseInfo?.dropInvariants ?? []), ...(extension.dropInvariants ?? [])])],
    },
  } as unknown as WorkflowDeclaration<S | S2, D, E | WorkflowEventOf<Ev2>, O, X | X2>;
  return finish(declaration, check.problems) as unknown as Workflow<S | NoInfer<S2>, D, E | WorkflowEventOf<NoInfer<Ev2>>, O, X | NoInfer<X2>, I | WorkflowEventInputOf<NoInfer<Ev2>>, OIn>;
}
