/**
 * The invariants every lifecycle keeps (`coreInvariants`), checked after every step by `checkLifecycle` and
 * `assertScenario`. The invariant type and `defineInvariant` are in `invariants.ts`; each lifecycle's own set is in
 * its kit (`src/<lifecycle>/kit/invariants.ts`).
 */
import { deepEqual, eager, ERROR_CODES, isLifecycleError, lazyObject, LifecycleError, unwrap, type Effect } from '../core/index.js';
import { defineInvariant, type Invariant, type StepResult, type StepView } from './invariants.js';

/* ---------- helpers ---------- */

const json = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

/** The first place where two JSON values differ, as `path: a ≠ b`, or null when they are equal. */
export function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (deepEqual(a, b)) return null;
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
      if (d) return d;
    }
  }
  return `${path || '(value)'}: ${JSON.stringify(a) ?? 'absent'} ≠ ${JSON.stringify(b) ?? 'absent'}`;
}

function comparable(result: StepResult): unknown {
  if (result.ok) return json(result);
  const error: unknown = result.error;
  // A refusal that is not a LifecycleError is `refusalsAreTyped`'s to report; compare what it has.
  return { ok: false, error: isLifecycleError(error) ? error.toJSON() : { message: error instanceof Error ? error.message : String(error) } };
}

function canonicalAt(event: unknown): string | null {
  const at = (event as { at?: unknown } | null)?.at;
  const ms = at instanceof Date ? at.getTime() : typeof at === 'string' ? Date.parse(at) : Number.NaN;
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

function isDeepFrozen(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (!Object.isFrozen(value)) return false;
  return Object.values(value).every(isDeepFrozen);
}

const eventType = (step: StepView): string => String((step.event as { type?: unknown } | null)?.type);
const effectsOf = (step: StepView): readonly Effect[] => (step.result.ok ? step.result.effects : []);

/* ---------- the invariants of every lifecycle ---------- */

/** Invariant: The fast engine and the xstate machine give the same result: state, effects, and the same error code and message for a refusal. */
export const enginesAgree = /* @__PURE__ */ lazyObject(() => defineInvariant(
  'enginesAgree',
  'The fast engine and the xstate machine give the same result: state, effects, and the same error code and message for a refusal.',
  (step) => {
    if (!step.machineResult) return;
    const difference = firstDifference(comparable(step.result), comparable(step.machineResult), 'result');
    return difference && `the engines disagree at ${difference.replace(' ≠ ', ' (fast) ≠ ')} (machine)`;
  },
));

/** Invariant: A refusal is a LifecycleError with a known code and a message. */
export const refusalsAreTyped = /* @__PURE__ */ lazyObject(() => defineInvariant(
  'refusalsAreTyped',
  'A refusal is a LifecycleError with a known code and a message.',
  (step) => {
    if (step.result.ok) return;
    const error: unknown = step.result.error;
    if (!isLifecycleError(error)) return `the refusal is not a LifecycleError: ${String(error)}`;
    if (!(ERROR_CODES as readonly string[]).includes(error.code)) return `unknown error code "${error.code}"`;
    if (error.message.trim() === '') return `the refusal [${error.code}] has no message`;
  },
));

/** Invariant: Nothing happens to an engagement in a terminal status: every valid event is refused with terminal_state. */
export const terminalAbsorbs = /* @__PURE__ */ lazyObject(() => defineInvariant(
  'terminalAbsorbs',
  'Nothing happens to an engagement in a terminal status: every valid event is refused with terminal_state.',
  (step) => {
    const before = step.before;
    if (!before || !step.lifecycle.terminal.includes(before.status)) return;
    if (step.result.ok) return `"${eventType(step)}" was accepted in terminal status ${before.status} (→ ${step.result.state.status})`;
    const code = step.result.error.code;
    if (code !== 'terminal_state' && code !== 'invalid_input' && code !== 'unknown_event') {
      return `"${eventType(step)}" in terminal status ${before.status} was refused with ${code}, not terminal_state`;
    }
  },
));

/** Invariant: A change is stamped with its event time; an event dated before the last change is refused with out_of_order. */
export const timeMovesForward = /* @__PURE__ */ lazyObject(() => defineInvariant(
  'timeMovesForward',
  'A change is stamped with its event time; an event dated before the last change is refused with out_of_order.',
  (step) => {
    const { before, result } = step;
    if (result.ok) {
      const at = result.event.at;
      if (before && at < before.updatedAt) return `an event at ${at} was accepted after a change at ${before.updatedAt}`;
      if (result.changed && result.state.updatedAt !== at) return `updatedAt is ${result.state.updatedAt}, not the event's time ${at}`;
      if (before && result.state.createdAt !== before.createdAt) return `createdAt changed from ${before.createdAt} to ${result.state.createdAt}`;
      if (!before && (result.state.createdAt !== at || result.state.updatedAt !== at)) return `a new engagement is not stamped with its creation time ${at}`;
      return;
    }
    const at = canonicalAt(step.event);
    if (before && at !== null && at < before.updatedAt && !step.lifecycle.terminal.includes(before.status)) {
      const code = result.error.code;
      if (code !== 'out_of_order' && code !== 'invalid_input' && code !== 'unknown_event') {
        return `"${eventType(step)}" at ${at}, before the last change at ${before.updatedAt}, was refused with ${code}, not out_of_order`;
      }
    }
  },
));

/** Invariant: A new engagement has version 1; every applied change adds exactly one, and nothing else changes it. */
export const versionGrowsByOne = /* @__PURE__ */ lazyObject(() => defineInvariant(
  'versionGrowsByOne',
  'A new engagement has version 1; every applied change adds exactly one, and nothing else changes it.',
  (step) => {
    const { before, result } = step;
    if (!result.ok) return;
    const s = result.state;
    if (!before) return s.version === 1 || `a new engagement has version ${s.version}, not 1`;
    const expected = result.changed ? before.version + 1 : before.version;
    if (s.version !== expected) return `version went from ${before.version} to ${s.version} (changed: ${result.changed}); expected ${expected}`;
    if (s.id !== before.id || s.lifecycle !== before.lifecycle || s.lifecycleVersion !== before.lifecycleVersion) {
      return 'the id, lifecycle or lifecycleVersion of the engagement changed';
    }
  },
));

/** Invariant: An event that changes nothing returns the same state object and no effects. */
export const noChangeNoEffects = /* @__PURE__ */ lazyObject(() => defineInvariant(
  'noChangeNoEffects',
  'An event that changes nothing returns the same state object and no effects.',
  (step) => {
    const { before, result } = step;
    if (!result.ok || result.changed || !before) return;
    if (result.state !== before) return `"${eventType(step)}" changed nothing, but returned a different state object`;
    if (result.effects.length > 0) return `"${eventType(step)}" changed nothing, but emitted ${result.effects.map((e) => e.type).join(', ')}`;
  },
));

/** Invariant: A change changes something: the status, the data (by value), or emits an effect; otherwise it is a wasted version. */
export const changeIsReal = /* @__PURE__ */ lazyObject(() => defineInvariant(
  'changeIsReal',
  'A change changes something: the status, the data (by value), or emits an effect; otherwise it is a wasted version.',
  (step) => {
    const { before, result } = step;
    if (!result.ok || !result.changed || !before) return;
    if (result.state.status !== before.status || result.effects.length > 0 || !deepEqual(json(result.state.data), json(before.data))) return;
    return `"${eventType(step)}" bumped the version to ${result.state.version} without changing the status, the data or emitting an effect (keep unchanged data by reference in "update")`;
  },
));

/** Invariant: Every change of status, creation included, emits exactly one status_changed effect with from, to and cause; nothing else does. */
export const statusChangeReported = /* @__PURE__ */ lazyObject(() => defineInvariant(
  'statusChangeReported',
  'Every change of status, creation included, emits exactly one status_changed effect with from, to and cause; nothing else does.',
  (step) => {
    const { before, result } = step;
    if (!result.ok) return;
    const reported = result.effects.filter((e) => e.type === 'status_changed') as readonly (Effect & { from?: unknown; to?: unknown; cause?: unknown })[];
    const from = before ? before.status : null;
    const changed = !before || before.status !== result.state.status;
    if (!changed) return reported.length === 0 || `status_changed was emitted, but the status stayed ${result.state.status}`;
    if (reported.length !== 1) return `the status went ${from ?? '(new)'} → ${result.state.status} with ${reported.length} status_changed effects`;
    const e = reported[0]!;
    if (e.from !== from || e.to !== result.state.status || e.cause !== result.event.type) {
      return `status_changed says ${String(e.from)} → ${String(e.to)} (cause ${String(e.cause)}), but the step went ${from ?? 'null'} → ${result.state.status} on "${result.event.type}"`;
    }
  },
));

/** Invariant: every effect carries the lifecycle, the engagement's id, the version the change produced and its time. */
export const effectsStamped = /* @__PURE__ */ lazyObject(() => defineInvariant(
  'effectsStamped',
  "Every effect carries the lifecycle, the engagement's id, the version the change produced and the change's time.",
  (step) => {
    const { result } = step;
    if (!result.ok) return;
    for (const e of result.effects) {
      if (typeof e.id !== 'string' || e.id === '') return `effect "${e.type}" has no id`;
      if (e.lifecycle !== result.state.lifecycle) return `effect ${e.id} names lifecycle "${e.lifecycle}", not "${result.state.lifecycle}"`;
      if (e.engagementId !== result.state.id) return `effect ${e.id} names engagement "${e.engagementId}", not "${result.state.id}"`;
      if (e.version !== result.state.version) return `effect ${e.id} has version ${e.version}, but the change produced version ${result.state.version}`;
      if (e.at !== result.event.at) return `effect ${e.id} is stamped ${e.at}, not the event's time ${result.event.at}`;
    }
  },
));

/** Invariant: No two effects of an engagement share an id, so that consumers can drop redelivered copies by id. */
export const effectIdsUnique = /* @__PURE__ */ lazyObject(() => defineInvariant(
  'effectIdsUnique',
  'No two effects of an engagement share an id, so that consumers can drop redelivered copies by id.',
  (step) => {
    const seen = new Map<string, number>();
    for (const s of step.steps) {
      for (const e of effectsOf(s)) {
        const earlier = seen.get(e.id);
        if (earlier !== undefined) return `effect id ${e.id} was emitted at step #${earlier} and again at step #${s.index}`;
        seen.set(e.id, s.index);
      }
    }
  },
));

/** Invariant: Every state is deep-frozen, has a declared status, and survives a JSON round trip through parseState unchanged. */
export const statesValid = /* @__PURE__ */ lazyObject(() => defineInvariant(
  'statesValid',
  'Every state is deep-frozen, has a declared status, and survives a JSON round trip through parseState unchanged.',
  (step) => {
    const { result, lifecycle } = step;
    if (!result.ok) return;
    const s = result.state;
    if (!lifecycle.statuses.includes(s.status)) return `status "${String(s.status)}" is not one of ${lifecycle.statuses.join(', ')}`;
    if (!isDeepFrozen(s)) return 'the state is not deep-frozen';
    const stored = json(s);
    const parsed = lifecycle.safeParseState(stored);
    if (!parsed.ok) return `the state, stored as JSON, is refused by parseState: ${parsed.error.message}`;
    const difference = firstDifference(json(parsed.state), stored, 'state');
    return difference && `parseState changed the stored state at ${difference}`;
  },
));

/** Invariant: The engines never modify the events passed in. */
export const inputsUntouched = /* @__PURE__ */ lazyObject(() => defineInvariant(
  'inputsUntouched',
  'The engines never modify the events passed in.',
  (step) => {
    const now = JSON.stringify(step.event);
    if (now !== step.eventBefore) return `the event was modified: before ${step.eventBefore}, after ${now}`;
  },
));

/** Invariant: nextDue is exact: a clock event just before it changes nothing, and a clock event at it changes the engagement. */
export const nextDueExact = /* @__PURE__ */ lazyObject(() => defineInvariant(
  'nextDueExact',
  'nextDue is exact: a clock event just before it changes nothing, and a clock event at it changes the engagement.',
  (step) => {
    const { result, engine, lifecycle } = step;
    const clock = lifecycle.declaration.clockEvent as string | undefined;
    if (!result.ok || !clock) return;
    const state = result.state;
    const due: string | null = unwrap(engine.nextDue(state)).due;
    if (due === null || due <= state.updatedAt) return;
    const justBefore = new Date(Date.parse(due) - 1).toISOString();
    if (justBefore >= state.updatedAt) {
      const early = engine.apply(state, { type: clock, at: justBefore });
      if (!early.ok && early.error.code === 'invalid_input') return;
      if (!early.ok) return `nextDue is ${due}, but a "${clock}" event at ${justBefore} is refused: ${early.error.message}`;
      if (early.changed) return `nextDue is ${due}, but a "${clock}" event 1 ms earlier already changes the engagement (→ ${early.state.status})`;
    }
    const onTime = engine.apply(state, { type: clock, at: due });
    if (!onTime.ok) return onTime.error.code === 'invalid_input' ? undefined : `nextDue is ${due}, but a "${clock}" event then is refused: ${onTime.error.message}`;
    if (!onTime.changed) return `nextDue is ${due}, but a "${clock}" event then changes nothing`;
  },
  { appliesTo: (lifecycle) => typeof lifecycle.declaration.clockEvent === 'string' && typeof lifecycle.declaration.nextDue === 'function' },
));

/**
 * The invariants every lifecycle keeps, in the order they are checked. A thrown engine error is always reported
 * (as `neverThrows`): the engines never throw.
 */
export const coreInvariants: readonly Invariant[] = Object.freeze([
  enginesAgree,
  refusalsAreTyped,
  terminalAbsorbs,
  timeMovesForward,
  versionGrowsByOne,
  noChangeNoEffects,
  changeIsReal,
  statusChangeReported,
  effectsStamped,
  effectIdsUnique,
  statesValid,
  inputsUntouched,
  nextDueExact,
]);
