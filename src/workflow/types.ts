/**
 * The types of custom workflows: the spec a team writes (`WorkflowSpec`, `WorkflowExtension`), the events its
 * zod shapes make, and the `Workflow` lifecycle that `defineWorkflow` and `extendWorkflow` return.
 */
import type * as z from 'zod';
import type {
  LifecycleError,
  BaseEvent,
  CreateContext,
  DynamicTarget,
  EffectDraft,
  EngagementFacets,
  EngagementState,
  Instant,
  InstantInput,
  Lifecycle,
  LifecycleDeclaration,
  NextDueHook,
  NextState,
  StepContext,
  TimeZone,
} from '../core/index.js';

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

/**
 * The data of a workflow that declares no `data` schema: the creation event's payload fields, as the runtime keeps
 * them (`defineWorkflow` then parses the creation fields with the creation event's own shape).
 */
export type CreationData<Ev extends EventShapes, C extends string> = C extends keyof Ev ? Readonly<OutputFields<Ev[C]>> : Record<never, never>;

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

/** What `defineWorkflow` takes: statuses, events as zod shapes, transitions, and optional data, settings and time rules. */
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
  /** Schema of the engagement data (default: the creation event's payload fields, with their types). */
  readonly data?: z.ZodType<D>;
  /** The first data, from the creation event. Default: the creation event's payload fields, parsed by `data`. */
  readonly init?: (ctx: CreateContext<Extract<WorkflowEventOf<Ev, C>, { type: C }>, O>) => D;
  /** Schema of the settings; every field needs a default (default: `{ timeZone }`, UTC). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly settings?: z.ZodType<O, any>;
  /** The event the host sends to tell the time. */
  readonly clockEvent?: keyof Ev & string;
  /** When a clock event would next change the engagement, as epoch ms: the authoring hook (see `NextDueHook`). */
  readonly nextDue?: NextDueHook<S, D, O>;
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

/** A workflow's declaration: a `LifecycleDeclaration` that also records its lineage. */
export type WorkflowDeclaration<S extends string, D, E extends BaseEvent, O, X extends EffectDraft> = LifecycleDeclaration<S, D, E, O, X> & {
  readonly workflow: WorkflowInfo;
};

/** A workflow: an ordinary `Lifecycle` whose declaration also records its lineage. */
export type Workflow<S extends string, D, E extends BaseEvent, O, X extends EffectDraft, I, OIn> = Lifecycle<S, D, E, O, X, I, OIn> & {
  readonly declaration: WorkflowDeclaration<S, D, E, O, X>;
  readonly workflow: WorkflowInfo;
};

/** What `extendWorkflow` takes: statuses, events and transitions to add to a base lifecycle, or to remove from it. */
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
