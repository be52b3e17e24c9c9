/**
 * The engagements facade: a store plus the lifecycles it holds and their settings, so that creating, changing,
 * sweeping and reindexing all compute due instants with the same settings. Each command reads, applies the event
 * with the fast engine, and saves with the version it read: a concurrent change comes back as `version_conflict`.
 */
import { isLifecycleError, type IdGenerator, type LifecycleError } from '../core/index.js';
import { handledFor, resolveLifecycles, type AnyLifecycle, type LifecycleSet } from './lifecycles.js';
import type { EngagementStore, StoredEngagement } from './ports.js';
import { engagementNotFound } from './refusals.js';
import { reindex, type ReindexSummary } from './reindex.js';
import { sweep, type SweepOptions, type SweepSummary } from './sweep.js';
import { writeFor } from './write.js';

/** The state type of a lifecycle. */
export type StateOf<L extends AnyLifecycle> = Parameters<L['apply']>[0];
/** The event input type of a lifecycle. */
export type EventInputOf<L extends AnyLifecycle> = Parameters<L['apply']>[1];

export interface EngagementsOptions extends LifecycleSet {
  /** Makes ids for creations whose event carries none. */
  readonly newId?: IdGenerator | undefined;
}

export interface Engagements {
  readonly store: EngagementStore;
  /**
   * The stored engagement, its state validated by its lifecycle (null when there is none).
   * @throws LifecycleError when the stored state does not validate (`invalid_input`, `lifecycle_mismatch`).
   */
  get<L extends AnyLifecycle>(lifecycle: L, id: string): Promise<StoredEngagement<StateOf<L>> | null>;
  /** Creates and saves an engagement. Refusals, and `version_conflict` for an existing id, come back as results. */
  create<L extends AnyLifecycle>(lifecycle: L, event: EventInputOf<L>): Promise<ReturnType<L['create']>>;
  /**
   * Applies an event to a stored engagement and saves the change. Refusals, `not_found` and `version_conflict`
   * come back as results; a result with `changed: false` saved nothing.
   */
  apply<L extends AnyLifecycle>(lifecycle: L, id: string, event: EventInputOf<L>): Promise<ReturnType<L['apply']>>;
  /** `sweep` over these lifecycles with their settings. */
  sweep(options: Omit<SweepOptions, 'lifecycles' | 'settings'>): Promise<SweepSummary>;
  /** `reindex` of these lifecycles with their settings. */
  reindex(options?: { readonly batchSize?: number | undefined }): Promise<ReindexSummary>;
}

/**
 * Binds a store to lifecycles and their settings.
 * @throws LifecycleError `invalid_input` for invalid lifecycles or settings.
 */
export function createEngagements(store: EngagementStore, options: EngagementsOptions): Engagements {
  const handled = resolveLifecycles(options);
  const creators = new Map(
    [...handled].map(([id, h]) => [id, options.newId ? h.lifecycle.with({ ...h.options, newId: options.newId }) : h.bound]),
  );
  const set: LifecycleSet = { lifecycles: options.lifecycles, settings: options.settings };

  const failure = (error: LifecycleError) => ({ ok: false as const, error });

  /** Store refusals become results, as the engine's do; I/O failures are passed on. */
  const saved = async <R>(save: () => Promise<void>, result: R): Promise<R> => {
    try {
      await save();
      return result;
    } catch (error) {
      if (isLifecycleError(error)) return failure(error) as R;
      throw error;
    }
  };

  const load = async (lifecycle: AnyLifecycle, id: string): Promise<StoredEngagement | null> => {
    const stored = await store.get({ lifecycle: lifecycle.id, id });
    if (!stored) return null;
    const parsed = lifecycle.safeParseState(stored.state);
    if (!parsed.ok) throw parsed.error;
    return parsed.state === stored.state ? stored : { ...stored, state: parsed.state };
  };

  const engagements = {
    store,
    async get(lifecycle: AnyLifecycle, id: string) {
      return load(handledFor(handled, lifecycle.id).lifecycle, id);
    },
    async create(lifecycle: AnyLifecycle, event: unknown) {
      const h = handledFor(handled, lifecycle.id);
      const r = creators.get(lifecycle.id)!.create(event);
      if (!r.ok) return r;
      return saved(() => store.save(writeFor(h, null, r)), r);
    },
    async apply(lifecycle: AnyLifecycle, id: string, event: unknown) {
      const h = handledFor(handled, lifecycle.id);
      const current = await load(h.lifecycle, id);
      if (!current) return failure(engagementNotFound({ lifecycle: lifecycle.id, id }));
      const r = h.bound.apply(current.state, event);
      if (!r.ok || !r.changed) return r;
      return saved(() => store.save(writeFor(h, current.state, r)), r);
    },
    sweep(sweepOptions: Omit<SweepOptions, 'lifecycles' | 'settings'>) {
      return sweep(store, { ...sweepOptions, ...set });
    },
    reindex(reindexOptions: { readonly batchSize?: number | undefined } = {}) {
      return reindex(store, { ...reindexOptions, ...set });
    },
  };
  // Inside, results are the lifecycles' own `create`/`apply` results; the interface gives them their generic types.
  return engagements as Engagements;
}
