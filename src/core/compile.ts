/**
 * The declaration, compiled once into lookup tables, and the one `step` function that both engines run. Because
 * the fast engine and the xstate machine both call `selectTarget` and `step`, they cannot compute different
 * results for the same transition; they differ only in how they choose it.
 */
import * as z from 'zod';
import { instantMs, instantSchema, type Instant } from './dates.js';
import type {
  BaseEvent,
  CreationSpec,
  DynamicTarget,
  EngagementState,
  LifecycleDeclaration,
  StepContext,
  TransitionSpec,
} from './declaration.js';
import { stampEffects, type Effect, type EffectDraft } from './effects.js';
import { LifecycleError } from './errors.js';
import { deepFreeze, shallowEqual } from './immutable.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type AnyDeclaration = LifecycleDeclaration<any, any, any, any, any>;
type AnyTransition = TransitionSpec<string, any, BaseEvent, any, EffectDraft>;
type AnyCreation = CreationSpec<string, any, BaseEvent, any, EffectDraft>;

export interface CompiledTransition {
  readonly index: number;
  readonly spec: AnyTransition;
  /** Every status the transition may lead to, in declaration order; `[]` when it keeps the status. */
  readonly targets: readonly string[];
  readonly dynamic: DynamicTarget<string, any, any> | null;
}

export interface CompiledCreation {
  readonly index: number;
  readonly spec: AnyCreation;
  readonly targets: readonly string[];
  readonly dynamic: DynamicTarget<string, any, any> | null;
}

export interface Compiled {
  readonly declaration: AnyDeclaration;
  readonly statuses: ReadonlySet<string>;
  readonly terminal: ReadonlySet<string>;
  /** status → event type → candidate transitions, in declaration order. */
  readonly table: ReadonlyMap<string, ReadonlyMap<string, readonly CompiledTransition[]>>;
  readonly transitions: readonly CompiledTransition[];
  readonly creations: readonly CompiledCreation[];
  readonly creationsByEvent: ReadonlyMap<string, readonly CompiledCreation[]>;
  /** event type → statuses in which some transition handles it. */
  readonly allowedIn: ReadonlyMap<string, readonly string[]>;
  readonly eventSchemas: ReadonlyMap<string, z.ZodType<BaseEvent, unknown>>;
  readonly stateSchema: z.ZodType<EngagementState, unknown>;
  readonly defaultSettings: unknown;
}

const RESERVED = new Set(['(new)']);

function declarationError(id: string, message: string): LifecycleError {
  return new LifecycleError('invalid_declaration', `Lifecycle "${id}": ${message}`, { details: { lifecycle: id } });
}

function targetsOf(to: unknown, id: string, where: string, statuses: ReadonlySet<string>): { targets: string[]; dynamic: DynamicTarget<string, any, any> | null } {
  if (to === undefined) return { targets: [], dynamic: null };
  if (typeof to === 'string') {
    if (!statuses.has(to)) throw declarationError(id, `${where} goes to unknown status "${to}"`);
    return { targets: [to], dynamic: null };
  }
  const dynamic = to as DynamicTarget<string, any, any>;
  if (!Array.isArray(dynamic.oneOf) || dynamic.oneOf.length === 0 || typeof dynamic.select !== 'function') {
    throw declarationError(id, `${where} has a target that is neither a status nor { oneOf, select }`);
  }
  for (const s of dynamic.oneOf) {
    if (!statuses.has(s)) throw declarationError(id, `${where} may go to unknown status "${s}"`);
  }
  return { targets: [...new Set(dynamic.oneOf)], dynamic };
}

/** Checks the declaration's shape and builds the lookup tables. Throws `invalid_declaration`. */
export function compileDeclaration(declaration: AnyDeclaration): Compiled {
  const id = declaration.id;
  if (typeof id !== 'string' || id.length === 0) throw declarationError(String(id), 'the id must be a non-empty string');
  if (!Number.isInteger(declaration.version) || declaration.version < 1) throw declarationError(id, 'the version must be a positive integer');
  const statuses = new Set<string>();
  for (const s of declaration.statuses) {
    if (typeof s !== 'string' || s.trim() === '' || s.includes('.') || s.startsWith('#') || RESERVED.has(s)) {
      throw declarationError(id, `"${String(s)}" cannot be a status name (empty, reserved, or contains "." or a leading "#")`);
    }
    if (statuses.has(s)) throw declarationError(id, `status "${s}" is declared twice`);
    statuses.add(s);
  }
  if (statuses.size === 0) throw declarationError(id, 'it declares no status');
  const terminal = new Set<string>();
  for (const s of declaration.terminal) {
    if (!statuses.has(s)) throw declarationError(id, `terminal status "${s}" is not a declared status`);
    terminal.add(s);
  }
  const eventSchemas = new Map<string, z.ZodType<BaseEvent, unknown>>();
  for (const [type, schema] of Object.entries(declaration.events as Record<string, z.ZodType<BaseEvent, unknown>>)) {
    if (type === 'xstate.init' || type.startsWith('xstate.')) throw declarationError(id, `event type "${type}" is reserved by xstate`);
    eventSchemas.set(type, schema);
  }
  const knownEvent = (type: string, where: string): void => {
    if (!eventSchemas.has(type)) throw declarationError(id, `${where} uses event "${type}", which has no schema in "events"`);
  };

  const creations: CompiledCreation[] = declaration.create.map((spec: AnyCreation, index: number) => {
    const where = `creation #${index} (on "${spec.on}")`;
    knownEvent(spec.on, where);
    if (spec.to === undefined) throw declarationError(id, `${where} has no target status`);
    return { index, spec, ...targetsOf(spec.to, id, where, statuses) };
  });
  if (creations.length === 0) throw declarationError(id, 'it declares no way to create an engagement ("create" is empty)');
  const creationsByEvent = new Map<string, CompiledCreation[]>();
  for (const c of creations) {
    const list = creationsByEvent.get(c.spec.on) ?? [];
    list.push(c);
    creationsByEvent.set(c.spec.on, list);
  }

  const table = new Map<string, Map<string, CompiledTransition[]>>();
  for (const s of statuses) table.set(s, new Map());
  const allowedIn = new Map<string, string[]>();
  const transitions: CompiledTransition[] = declaration.transitions.map((spec: AnyTransition, index: number) => {
    const where = `transition #${index} (on "${spec.on}")`;
    knownEvent(spec.on, where);
    if (creationsByEvent.has(spec.on)) throw declarationError(id, `${where} uses "${spec.on}", which is a creation event`);
    const compiled: CompiledTransition = { index, spec, ...targetsOf(spec.to, id, where, statuses) };
    const from = spec.from === '*' ? [...statuses].filter((s) => !terminal.has(s)) : spec.from;
    for (const s of from) {
      if (!statuses.has(s)) throw declarationError(id, `${where} leaves from unknown status "${s}"`);
      if (terminal.has(s)) throw declarationError(id, `${where} leaves from terminal status "${s}"`);
      const byEvent = table.get(s)!;
      const list = byEvent.get(spec.on) ?? [];
      list.push(compiled);
      byEvent.set(spec.on, list);
      const allowed = allowedIn.get(spec.on) ?? [];
      if (!allowed.includes(s)) allowed.push(s);
      allowedIn.set(spec.on, allowed);
    }
    return compiled;
  });

  const defaults = declaration.settings.safeParse({});
  if (!defaults.success) throw declarationError(id, 'its settings schema does not accept {} (every setting needs a default)');

  // Built on first use: most states the engines see are their own (trusted), and importing a lifecycle stays cheap.
  let stateSchema: z.ZodType<EngagementState, unknown> | undefined;
  const buildStateSchema = () => z.object({
    lifecycle: z.literal(id),
    lifecycleVersion: z.literal(declaration.version),
    id: z.string().min(1),
    status: z.enum([...statuses] as [string, ...string[]]),
    version: z.number().int().min(1),
    createdAt: instantSchema,
    updatedAt: instantSchema,
    data: declaration.data,
  }) as unknown as z.ZodType<EngagementState, unknown>;

  return {
    declaration,
    statuses,
    terminal,
    table,
    transitions,
    creations,
    creationsByEvent,
    allowedIn,
    eventSchemas,
    get stateSchema() {
      return (stateSchema ??= buildStateSchema());
    },
    defaultSettings: deepFreeze(defaults.data),
  };
}

const compiledCache = new WeakMap<object, Compiled>();

/** The compiled form of a declaration, built once per declaration object. */
export function compiled(declaration: AnyDeclaration): Compiled {
  let c = compiledCache.get(declaration);
  if (!c) {
    c = compileDeclaration(declaration);
    compiledCache.set(declaration, c);
  }
  return c;
}

/* ---------- shared step ---------- */

/** States produced by the engines: valid by construction, so they skip re-validation. */
const trusted = new WeakSet<object>();

export function trust<T extends object>(state: T): T {
  trusted.add(state);
  return state;
}

export function isTrusted(state: unknown): boolean {
  return typeof state === 'object' && state !== null && trusted.has(state);
}

export interface StepOutcome {
  readonly state: EngagementState;
  readonly effects: readonly Effect[];
  readonly changed: boolean;
}

export interface Selected {
  readonly status: string;
  readonly data: unknown;
}

function wrapThrow(c: Compiled, where: string, error: unknown): LifecycleError {
  if (error instanceof LifecycleError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new LifecycleError(
    'invalid_declaration',
    `Lifecycle "${c.declaration.id}": ${where} threw: ${message}`,
    { details: { lifecycle: c.declaration.id, where } },
  );
}

/** The next status and data of a transition. Throws `invalid_declaration` when `select` leaves its `oneOf`. */
export function selectTarget(c: Compiled, t: CompiledTransition, ctx: StepContext<string, any, BaseEvent, any>): Selected {
  const data = t.spec.update ? t.spec.update(ctx as never) : ctx.state.data;
  if (t.dynamic) {
    const status = t.dynamic.select(ctx, data);
    if (!t.targets.includes(status)) {
      throw new LifecycleError(
        'invalid_declaration',
        `Lifecycle "${c.declaration.id}": transition #${t.index} on "${t.spec.on}" selected "${String(status)}", which is not in its oneOf (${t.targets.join(', ')})`,
      );
    }
    return { status, data };
  }
  return { status: t.targets.length === 1 ? t.targets[0]! : ctx.state.status, data };
}

/** Applies a chosen transition: next state (version + 1) and stamped effects, or `changed: false` when nothing changes. */
export function step(c: Compiled, t: CompiledTransition, ctx: StepContext<string, any, BaseEvent, any>): StepOutcome {
  const { state, event } = ctx;
  const { status, data } = selectTarget(c, t, ctx);
  let drafts: readonly EffectDraft[] = t.spec.effects ? t.spec.effects(ctx as never, { status, data }) : [];
  const statusChanged = status !== state.status;
  if (statusChanged) drafts = [{ type: 'status_changed', from: state.status, to: status, cause: event.type } as EffectDraft, ...drafts];
  const dataChanged = data !== state.data && !shallowEqual(data, state.data);
  if (!statusChanged && !dataChanged && drafts.length === 0) return { state, effects: [], changed: false };
  const version = state.version + 1;
  const next: EngagementState = {
    lifecycle: state.lifecycle,
    lifecycleVersion: state.lifecycleVersion,
    id: state.id,
    status,
    version,
    createdAt: state.createdAt,
    updatedAt: event.at,
    data,
  };
  const effects = stampEffects(drafts, state.lifecycle, state.id, version, event.at);
  return { state: trust(deepFreeze(next)), effects: deepFreeze(effects), changed: true };
}

/** The first status and data of a creation. */
export function selectCreation(c: Compiled, k: CompiledCreation, ctx: { id: string; event: BaseEvent; settings: unknown; now: number }): Selected {
  const data = k.spec.init(ctx as never);
  if (k.dynamic) {
    const status = k.dynamic.select(ctx, data);
    if (!k.targets.includes(status)) {
      throw new LifecycleError(
        'invalid_declaration',
        `Lifecycle "${c.declaration.id}": creation on "${k.spec.on}" selected "${String(status)}", which is not in its oneOf (${k.targets.join(', ')})`,
      );
    }
    return { status, data };
  }
  return { status: k.targets[0]!, data };
}

/** Builds the first state of an engagement and its effects. */
export function createStep(c: Compiled, k: CompiledCreation, ctx: { id: string; event: BaseEvent; settings: unknown; now: number }): StepOutcome {
  const { id } = ctx;
  const { status, data } = selectCreation(c, k, ctx);
  const at: Instant = ctx.event.at;
  const drafts: EffectDraft[] = [
    { type: 'status_changed', from: null, to: status, cause: ctx.event.type } as EffectDraft,
    ...(k.spec.effects ? k.spec.effects(ctx as never, { status, data }) : []),
  ];
  const state: EngagementState = {
    lifecycle: c.declaration.id,
    lifecycleVersion: c.declaration.version,
    id,
    status,
    version: 1,
    createdAt: at,
    updatedAt: at,
    data,
  };
  return {
    state: trust(deepFreeze(state)),
    effects: deepFreeze(stampEffects(drafts, c.declaration.id, id, 1, at)),
    changed: true,
  };
}

/* ---------- refusals, shared by both engines so that they refuse alike ---------- */

/** Checks that hold before any transition is chosen: terminal status and time order. */
export function precheck(c: Compiled, state: EngagementState, event: BaseEvent): LifecycleError | null {
  if (c.terminal.has(state.status)) {
    return new LifecycleError(
      'terminal_state',
      `Engagement "${state.id}" is ${state.status}, which is final: "${event.type}" is refused. Create a new engagement instead.`,
      { details: { engagementId: state.id, status: state.status, event: event.type } },
    );
  }
  if (event.at < state.updatedAt) {
    return new LifecycleError(
      'out_of_order',
      `Event "${event.type}" at ${event.at} is dated before the engagement's last change at ${state.updatedAt}; events must arrive in time order.`,
      { details: { engagementId: state.id, at: event.at, updatedAt: state.updatedAt, event: event.type } },
    );
  }
  return null;
}

/** The refusal when no transition applies to `event` in the state's status. */
export function refusal(c: Compiled, state: EngagementState, event: BaseEvent, settings: unknown): LifecycleError {
  const candidates = c.table.get(state.status)?.get(event.type) ?? [];
  const hint = (c.declaration.hints as Record<string, string> | undefined)?.[event.type];
  const details = { engagementId: state.id, status: state.status, event: event.type };
  if (candidates.length > 0) {
    const ctx = { state, event, settings, now: instantMs(event.at) };
    for (const t of candidates) {
      const rejected = t.spec.reject?.(ctx as never);
      if (rejected) return rejected;
    }
    const reasons = candidates.map((t) => t.spec.refusal).filter((r): r is string => typeof r === 'string');
    return new LifecycleError(
      'transition_not_allowed',
      `"${event.type}" is not allowed for engagement "${state.id}" (${state.status}) now: ${reasons.length > 0 ? reasons.join('; ') : 'its conditions are not met'}.`,
      { details },
    );
  }
  if (c.creationsByEvent.has(event.type)) {
    return new LifecycleError(
      'transition_not_allowed',
      `"${event.type}" creates an engagement; engagement "${state.id}" already exists.`,
      { details },
    );
  }
  const allowed = c.allowedIn.get(event.type) ?? [];
  const where = allowed.length > 0 ? `it is allowed only when the status is ${allowed.join(', ')}` : 'no status allows it';
  return new LifecycleError(
    'transition_not_allowed',
    `Cannot apply "${event.type}" to engagement "${state.id}" in status ${state.status}: ${where}.${hint ? ` ${hint}` : ''}`,
    { details },
  );
}

export { wrapThrow };
