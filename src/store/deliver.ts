/**
 * Delivery from the outbox: hand each pending effect to the host's sender, in commit order, and mark it delivered
 * once sent. A crash between sending and marking sends the effect again next time: delivery is at least once, and
 * consumers drop copies by effect id.
 */
import * as z from 'zod';
import { LifecycleError, fromZodError, type Effect } from '../core/index.js';
import { requirePort } from './refusals.js';
import type { Outbox } from './ports.js';
import { MAX_PAGE } from './schemas.js';

export interface DeliverOptions {
  /** Effects read per page (default 100). */
  readonly batchSize?: number | undefined;
}

export interface DeliverySummary {
  readonly delivered: number;
  /** The effect whose sending failed, and the error: delivery stopped there to keep the order. */
  readonly failure: { readonly effect: Effect; readonly error: unknown } | null;
}

/**
 * Sends every pending effect with `send` and marks it delivered, until the outbox is empty or `send` throws.
 * @throws LifecycleError `invalid_input` for invalid options; the outbox's own rejections are passed on.
 */
export async function deliver(outbox: Outbox, send: (effect: Effect) => unknown, options: DeliverOptions = {}): Promise<DeliverySummary> {
  requirePort(outbox, ['pending', 'markDelivered'], 'an outbox (a store, or { pending, markDelivered })');
  if (typeof send !== 'function') throw new LifecycleError('invalid_input', 'deliver expects send to be a function');
  if (options === null || typeof options !== 'object') throw new LifecycleError('invalid_input', 'deliver expects options to be an object');
  const size = z.number().int().min(1).max(MAX_PAGE).default(100).safeParse(options.batchSize);
  if (!size.success) throw fromZodError('batchSize', size.error);
  let delivered = 0;
  let after = 0;
  for (;;) {
    const page = await outbox.pending({ after, limit: size.data });
    if (page.length === 0) return { delivered, failure: null };
    const sent: string[] = [];
    for (const { sequence, effect } of page) {
      try {
        await send(effect);
      } catch (error) {
        await outbox.markDelivered(sent);
        return { delivered: delivered + sent.length, failure: { effect, error } };
      }
      sent.push(effect.id);
      after = sequence;
    }
    await outbox.markDelivered(sent);
    delivered += sent.length;
  }
}
