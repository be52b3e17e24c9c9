/**
 * Type guards for effects that arrive as the plain `Effect` (from an outbox, a queue, JSON): narrow one to the
 * effect union of a lifecycle, or to one effect type, so a handler reads `effect.title` with its declared type.
 */
import type { Effect, EffectDraft } from './effects.js';
import { caught } from './errors.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * The stamped effects a lifecycle emits (its declared effects and `status_changed`), read from what its `apply`
 * returns; distributes over a union of lifecycles.
 */
export type LifecycleEffect<L> = L extends { apply(...args: any[]): infer R }
  ? Extract<R, { readonly ok: true }> extends { readonly effects: readonly (infer Ef)[] }
    ? Ef
    : never
  : never;
/* eslint-enable @typescript-eslint/no-explicit-any */

/** The members of `F` whose `type` is `T`; for a plain `Effect` (whose `type` is any string), `F` with that type. */
export type EffectOfType<F extends EffectDraft, T extends string> = [Extract<F, { readonly type: T }>] extends [never]
  ? F & { readonly type: T }
  : Extract<F, { readonly type: T }>;

function isEnvelope(value: unknown): value is Effect {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.type === 'string' && typeof v.id === 'string' && typeof v.lifecycle === 'string' && typeof v.engagementId === 'string';
}

/**
 * Whether an effect was emitted by `lifecycle` (its `lifecycle` field is the lifecycle's id): narrows it to that
 * lifecycle's effect union.
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { isEffectOf, isEffectType, unwrap, type Effect } from 'engagement-lifecycle';
 * import { plextrac } from 'engagement-lifecycle/plextrac';
 *
 * function operatorsOf(effect: Effect): readonly string[] {
 *   // A plain `Effect` has no `operators`; narrowed to PlexTrac's `assign_operators`, it has them, typed.
 *   if (isEffectOf(plextrac, effect) && isEffectType(effect, 'assign_operators')) return effect.operators;
 *   return [];
 * }
 * const { state } = unwrap(plextrac.create({
 *   type: 'request', id: 'eng-1', at: '2026-03-02T09:00:00Z', clientId: 'acme', name: 'Web app test', startDate: '2026-04-01',
 * }));
 * const approved = unwrap(plextrac.apply(state, { type: 'approve', at: '2026-03-03T09:00:00Z', operators: ['ana'] }));
 * const effects: readonly Effect[] = approved.effects;
 * assert.deepEqual(effects.flatMap(operatorsOf), ['ana']);
 * ```
 */
export function isEffectOf<L extends { readonly id: string }>(lifecycle: L, effect: unknown): effect is LifecycleEffect<L> {
  // The caller's getters and Proxy traps run here: what they throw becomes `invalid_input`.
  return caught('isEffectOf', () => isEnvelope(effect) && effect.lifecycle === lifecycle.id);
}

/** Whether an effect has this `type`: narrows a lifecycle's effect union to that member. */
export function isEffectType<F extends EffectDraft, T extends F['type']>(effect: F, type: T): effect is EffectOfType<F, T> & F {
  return caught('isEffectType', () => typeof effect === 'object' && effect !== null && effect.type === type);
}
