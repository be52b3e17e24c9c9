/**
 * What `defineWorkflow` and `extendWorkflow` share: turning a spec's transitions and entry effects into the core's
 * `TransitionSpec`s, the name checks, and the final build (graph checks, then `defineLifecycle`).
 */
import {
  defineLifecycle,
  type BaseEvent,
  type EffectDraft,
  type EngagementState,
  type NextState,
  type TransitionSpec,
  caught,
} from '../core/index.js';
import { NameCheck, graphProblems, throwProblems, type WorkflowProblem } from './checks.js';
import type { AnyFn } from './spec-schema.js';
import type { Workflow, WorkflowDeclaration, WorkflowInfo } from './types.js';

/** A transition of a spec or extension as the assembly reads it, before it becomes a `TransitionSpec`. */
export interface LooseTransition {
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

/** Entry effects by the status entered. */
export type EntryMap = ReadonlyMap<string, readonly EffectDraft[] | AnyFn>;

/** The entry effects of a spec's `effects` record. */
export function entryMap(effects: Readonly<Record<string, unknown>> | undefined): EntryMap {
  return new Map(Object.entries(effects ?? {}) as [string, readonly EffectDraft[] | AnyFn][]);
}

/** A transition's effects as a function, whether the spec gave a list or a function. */
export function effectsFn(effects: readonly EffectDraft[] | AnyFn | undefined): AnyFn | undefined {
  if (effects === undefined || typeof effects === 'function') return effects;
  const drafts = effects;
  return () => drafts;
}

/** Appends the entry effects of the status entered (when the status changes, or at creation). */
export function withEntryEffects(own: AnyFn | undefined, entry: EntryMap): AnyFn | undefined {
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

/** A transition's `from` as a list (or `'*'`). */
export function fromList(from: string | readonly string[] | '*'): readonly string[] | '*' {
  return from === '*' ? '*' : typeof from === 'string' ? [from] : [...from];
}

/** A spec's transition as the core's `TransitionSpec`, with the entry effects of the status it enters. */
export function toTransitionSpec(t: LooseTransition, entry: EntryMap): TransitionSpec<string, unknown, BaseEvent, unknown, EffectDraft> {
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

/** The statuses a transition's `to` can name: one, the `oneOf` list, or none. */
export function targetsOf(to: unknown): readonly unknown[] {
  if (to === undefined) return [];
  if (typeof to === 'object' && to !== null && Array.isArray((to as { oneOf?: unknown }).oneOf)) return (to as { oneOf: unknown[] }).oneOf;
  return [to];
}

/** Records every unknown event or status that the transitions name. */
export function checkTransitionNames(check: NameCheck, transitions: readonly LooseTransition[], label: (i: number, t: LooseTransition) => string): void {
  transitions.forEach((t, i) => {
    const where = label(i, t);
    check.event(t.on, where);
    if (t.from !== '*') for (const s of typeof t.from === 'string' ? [t.from] : t.from) check.status(s, `${where}: "from"`);
    for (const s of targetsOf(t.to)) check.status(s, `${where}: "to"`);
  });
}

/** How problems name a spec's transition. */
export const transitionLabel = (i: number, t: LooseTransition) => `transition #${i} (on "${t.on}")`;

/** Builds the lifecycle, runs the graph checks and throws every problem at once. */
export function finish<S extends string, D, E extends BaseEvent, O, X extends EffectDraft, I, OIn>(
  declaration: WorkflowDeclaration<S, D, E, O, X>,
  problems: readonly WorkflowProblem[],
): Workflow<S, D, E, O, X, I, OIn> {
  throwProblems(declaration.id, problems);
  const lifecycle = defineLifecycle<S, D, E, O, X, I, OIn>(declaration);
  throwProblems(declaration.id, graphProblems(lifecycle));
  return { ...lifecycle, declaration, workflow: declaration.workflow };
}

/** An event's payload: its fields without the envelope (`type`, `at`, `actor`, `reason`, `id`). */
export function payloadFields(event: object): Record<string, unknown> {
  const { type: _type, at: _at, actor: _actor, reason: _reason, id: _id, ...fields } = event as Record<string, unknown>;
  return fields;
}

/**
 * The workflow facts of a lifecycle or declaration (lineage, dropped invariants), or null for a plain one (or a
 * value that is neither). The facts are copied: the result is frozen and shares nothing with the argument.
 */
export function workflowInfo(source: object): WorkflowInfo | null {
  return caught('workflowInfo', () => {
    if (source === null || typeof source !== 'object') return null;
    const declaration = 'declaration' in source ? (source as { declaration: unknown }).declaration : source;
    const info = (declaration as { workflow?: unknown } | null)?.workflow;
    if (typeof info !== 'object' || info === null) return null;
    const { lineage, dropInvariants } = info as Partial<WorkflowInfo>;
    const strings = (list: unknown): list is readonly string[] => Array.isArray(list) && list.every((item) => typeof item === 'string');
    return strings(lineage) && strings(dropInvariants) ? Object.freeze({ lineage: Object.freeze([...lineage]), dropInvariants: Object.freeze([...dropInvariants]) }) : null;
  });
}
