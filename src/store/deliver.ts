/**
 * Delivery from the outbox: hand each pending effect to the host's sender, in commit order, and mark it delivered
 * once sent. A crash between sending and marking sends the effect again next time: delivery is at least once, and
 * consumers drop copies by effect id.
 */
import * as z from 'zod';
import { caught, fromZodError, isEffectOf, lazyObject, LifecycleError, type Effect, type LifecycleEffect } from '../core/index.js';
import type { AnyLifecycle } from './lifecycles.js';
import { requirePort } from './refusals.js';
import type { Outbox } from './ports.js';
import { MAX_PAGE } from './schemas.js';

/** Delivery options. Unknown keys are refused (`invalid_input`). */
export interface DeliverOptions<L extends AnyLifecycle = AnyLifecycle> {
  /** Effects read per page (default 100). */
  readonly batchSize?: number | undefined;
  /**
   * The lifecycles whose effects the outbox holds: `send` then receives their effect union, typed. An effect of
   * another lifecycle is not sent: delivery stops there with a `lifecycle_mismatch` failure.
   */
  readonly lifecycles?: readonly L[] | undefined;
}

/** The effect `send` receives: the named lifecycles' effect union, or a plain `Effect` when none are named. */
export type DeliveredEffect<L extends AnyLifecycle> = [L] extends [never] ? Effect : LifecycleEffect<L>;

export interface DeliverySummary<F = Effect> {
  readonly delivered: number;
  /** The effect whose sending failed, and the error: delivery stopped there to keep the order. */
  readonly failure: { readonly effect: F | Effect; readonly error: unknown } | null;
}

const optionsSchema = /* @__PURE__ */ lazyObject(() => z.strictObject({
  batchSize: z.number().int().min(1).max(MAX_PAGE).default(100),
  lifecycles: z
    .array(z.custom<AnyLifecycle>((v) => typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string', { message: 'expected a lifecycle' }))
    .min(1, 'name at least one lifecycle, or leave "lifecycles" out')
    .optional(),
}));

/**
 * Sends every pending effect with `send` and marks it delivered, until the outbox is empty or `send` throws.
 * @throws LifecycleError `invalid_input` for invalid options; the outbox's own rejections are passed on.
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { isEffectType } from 'engagement-lifecycle';
 * import { plextrac } from 'engagement-lifecycle/plextrac';
 * import { createEngagements, createMemoryStore, deliver } from 'engagement-lifecycle/store';
 *
 * // An async function rather than top-level await, so the snippet runs in CommonJS as well as ESM.
 * async function main(): Promise<void> {
 *   const store = createMemoryStore();
 *   const engagements = createEngagements(store, { lifecycles: [plextrac] });
 *   await engagements.create(plextrac, {
 *     type: 'request', id: 'eng-1', at: '2026-03-02T09:00:00Z', clientId: 'acme', name: 'Web app test', startDate: '2026-04-01',
 *   });
 *   const seen: string[] = [];
 *   const summary = await deliver(store.outbox, (effect) => {
 *     // `effect` is PlexTrac's effect union: narrowing on its type gives that effect's own fields, typed.
 *     if (isEffectType(effect, 'status_changed')) seen.push(`${effect.from ?? 'new'} -> ${effect.to}`);
 *   }, { lifecycles: [plextrac] });
 *   assert.equal(summary.delivered, 1);
 *   assert.deepEqual(seen, ['new -> Pending']);
 * }
 * export const done = main();
 * ```
 */
export async function deliver<L extends AnyLifecycle = never>(
  outbox: Outbox,
  send: (effect: DeliveredEffect<L>) => unknown,
  options: DeliverOptions<L> = {},
): Promise<DeliverySummary<DeliveredEffect<L>>> {
  requirePort(outbox, ['pending', 'markDelivered'], 'an outbox (a store, or { pending, markDelivered })');
  if (typeof send !== 'function') throw new LifecycleError('invalid_input', 'deliver expects send to be a function');
  const parsed = caught('deliver options', () => {
    const result = optionsSchema.safeParse(options);
    if (!result.success) throw fromZodError('deliver options', result.error);
    return result;
  });
  const { batchSize, lifecycles } = parsed.data;
  const belongs = (effect: Effect): boolean => !lifecycles || lifecycles.some((lifecycle) => isEffectOf(lifecycle, effect));
  let delivered = 0;
  let after = 0;
  for (;;) {
    const page = await outbox.pending({ after, limit: batchSize });
    if (page.length === 0) return Object.freeze({ delivered, failure: null });
    const sent: string[] = [];
    for (const { sequence, effect } of page) {
      const error = belongs(effect)
        ? await Promise.resolve()
            .then(() => send(effect as DeliveredEffect<L>))
            .then(() => null, (thrown: unknown) => ({ thrown }))
        : {
            thrown: new LifecycleError(
              'lifecycle_mismatch',
              `Effect "${effect.id}" is of lifecycle "${effect.lifecycle}", not among those named for delivery (${lifecycles!.map((l) => l.id).join(', ')})`,
            ),
          };
      if (error) {
        await outbox.markDelivered(sent);
        return Object.freeze({ delivered: delivered + sent.length, failure: Object.freeze({ effect, error: error.thrown }) });
      }
      sent.push(effect.id);
      after = sequence;
    }
    await outbox.markDelivered(sent);
    delivered += sent.length;
  }
}
