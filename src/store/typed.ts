/**
 * The typed view of a store: `get`, `list` and `outbox.pending` for the lifecycles a caller names, their states and
 * effects typed and checked, the way `deliver(outbox, send, { lifecycles })` types what `send` receives. The ports
 * stay untyped (an adapter stores any lifecycle's JSON); the view is where the types come back, at run time too:
 * every state is validated (and migrated) by its lifecycle, and a state or effect of a lifecycle not named is
 * refused with `lifecycle_mismatch` rather than handed out under a type it does not have.
 */
import * as z from 'zod';
import { caught, deepFreeze, eager, fromZodError, isEffectOf, lazyObject, LifecycleError, type LifecycleEffect } from '../core/index.js';
import type { StateOf } from './engagements.js';
import type { EngagementKey } from './keys.js';
import { lifecycleListSchema, type AnyLifecycle } from './lifecycles.js';
import type { EngagementStore, ListQuery, OutboxEntry, Page, StoredEngagement } from './ports.js';
import { requirePort } from './refusals.js';

/** The status union of the named lifecycles. */
export type StatusOf<L extends AnyLifecycle> = StateOf<L>['status'];

/** `list`'s query, its `status` filter checked against the named lifecycles' statuses. */
export interface TypedListQuery<L extends AnyLifecycle> extends Omit<ListQuery, 'status'> {
  /** One status or any of several, of the named lifecycles. */
  readonly status?: StatusOf<L> | readonly StatusOf<L>[] | undefined;
}

/** A store seen through the lifecycles it holds. */
export interface TypedStore<L extends AnyLifecycle> {
  /** The store itself, for everything else (saves, due queries, the audit log). */
  readonly store: EngagementStore;
  /**
   * The stored engagement, its state validated (and migrated) by its lifecycle, or null.
   * @throws LifecycleError `lifecycle_mismatch` for an engagement of a lifecycle not named; the lifecycle's own
   * `invalid_input` or `lifecycle_mismatch` for a stored state it does not accept; the store's refusals.
   */
  get(key: EngagementKey): Promise<StoredEngagement<StateOf<L>> | null>;
  /**
   * A page of engagements, as `store.list`, each state validated by its lifecycle. Name every lifecycle the page
   * may hold, or filter by `lifecycle`.
   * @throws LifecycleError as `get`, for the first item that fails.
   */
  list(query?: TypedListQuery<L>): Promise<Page<StoredEngagement<StateOf<L>>, EngagementKey>>;
  readonly outbox: {
    /**
     * Undelivered effects, as `store.outbox.pending`, typed as the named lifecycles' effect union.
     * @throws LifecycleError `lifecycle_mismatch` for an effect of a lifecycle not named.
     */
    pending(options?: {
      readonly after?: number | undefined;
      readonly limit?: number | undefined;
    }): Promise<readonly OutboxEntry<LifecycleEffect<L>>[]>;
    /** `store.outbox.markDelivered`. */
    markDelivered(effectIds: readonly string[]): Promise<void>;
  };
}

/** Options of `typedStore`. Unknown keys are refused (`invalid_input`). */
export interface TypedStoreOptions<L extends AnyLifecycle> {
  /** The lifecycles whose engagements and effects the store holds (at least one). */
  readonly lifecycles: readonly L[];
}

const optionsSchema = /* @__PURE__ */ lazyObject(() => z.strictObject({ lifecycles: eager(lifecycleListSchema) }));

/**
 * The typed view of `store` for the named lifecycles.
 * @throws LifecycleError `invalid_input` for a value that is not a store, or invalid options.
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { plextrac } from 'engagement-lifecycle/plextrac';
 * import { createEngagements, createMemoryStore, typedStore } from 'engagement-lifecycle/store';
 *
 * // An async function rather than top-level await, so the snippet runs in CommonJS as well as ESM.
 * async function main(): Promise<void> {
 *   const store = createMemoryStore();
 *   await createEngagements(store, { lifecycles: [plextrac] }).create(plextrac, {
 *     type: 'request', id: 'eng-1', at: '2026-03-02T09:00:00Z', clientId: 'acme', name: 'Web app test', startDate: '2026-04-01',
 *   });
 *   const typed = typedStore(store, { lifecycles: [plextrac] });
 *   const stored = await typed.get({ lifecycle: 'plextrac', id: 'eng-1' });
 *   assert.equal(stored?.state.status, 'Pending'); // the status is PlexTrac's status union
 *   const [entry] = await typed.outbox.pending();
 *   if (entry?.effect.type === 'status_changed') assert.equal(entry.effect.to, 'Pending');
 * }
 * export const done = main();
 * ```
 */
export function typedStore<L extends AnyLifecycle>(store: EngagementStore, options: TypedStoreOptions<L>): TypedStore<L> {
  // A caller's throwing getter or Proxy trap, read here, becomes `invalid_input`, never a foreign exception.
  const { outbox, byId } = caught('typedStore', () => {
    requirePort(store, ['get', 'list'], 'a store (from createMemoryStore or an adapter)');
    const port = requirePort(store.outbox, ['pending', 'markDelivered'], 'a store with an outbox');
    const parsed = optionsSchema.safeParse(options);
    if (!parsed.success) throw fromZodError('typedStore options', parsed.error);
    return { outbox: port, byId: new Map(parsed.data.lifecycles.map((lifecycle) => [lifecycle.id, lifecycle])) };
  });
  const named = () => [...byId.keys()].join(', ');

  const checked = (stored: StoredEngagement): StoredEngagement<StateOf<L>> => {
    const id = stored.state.lifecycle;
    const lifecycle = byId.get(id);
    if (!lifecycle) {
      throw new LifecycleError(
        'lifecycle_mismatch',
        `Engagement "${id}/${stored.state.id}" is of lifecycle "${id}", not among those named (${named()})`,
        { details: { lifecycle: id, id: stored.state.id } },
      );
    }
    const result = lifecycle.safeParseState(stored.state);
    if (!result.ok) throw result.error;
    return result.state === stored.state ? stored : deepFreeze({ ...stored, state: result.state });
  };

  // Frozen shallowly: `store` is the caller's object, never frozen by us.
  const view: TypedStore<L> = {
    store,
    async get(key: EngagementKey) {
      const stored = await store.get(key);
      return stored === null ? null : checked(stored);
    },
    async list(query?: TypedListQuery<L>) {
      const page = await store.list(query);
      return Object.freeze({ items: Object.freeze(page.items.map(checked)), next: page.next });
    },
    outbox: {
      async pending(pendingOptions?: { readonly after?: number | undefined; readonly limit?: number | undefined }) {
        const entries = await outbox.pending(pendingOptions);
        for (const { effect } of entries) {
          if (![...byId.values()].some((lifecycle) => isEffectOf(lifecycle, effect))) {
            throw new LifecycleError(
              'lifecycle_mismatch',
              `Effect "${effect.id}" is of lifecycle "${effect.lifecycle}", not among those named (${named()})`,
              { details: { effectId: effect.id, lifecycle: effect.lifecycle } },
            );
          }
        }
        return entries as readonly OutboxEntry<LifecycleEffect<L>>[];
      },
      markDelivered: (effectIds: readonly string[]) => outbox.markDelivered(effectIds),
    },
  };
  Object.freeze(view.outbox);
  return Object.freeze(view);
}
