/**
 * The engagements facade: a store plus the lifecycles it holds and their settings, so that creating, changing,
 * sweeping and reindexing all compute due instants with the same settings. Each command reads, applies the event
 * with the fast engine, and saves with the version it read: a concurrent change comes back as `version_conflict`.
 */
import { LifecycleError, caught, describeValue, failure, isLifecycleError, type IdGenerator } from '../core/index.js';
import { handledFor, requireLifecycle, resolveLifecycles, type AnyLifecycle, type Handled, type LifecycleSet } from './lifecycles.js';
import type { EngagementStore, StoredEngagement } from './ports.js';
import { engagementNotFound, requirePort } from './refusals.js';
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
  requirePort(store, ['get', 'save', 'list', 'claimDue', 'reschedule'], 'createEngagements: the store (an EngagementStore)');
  const handled = resolveLifecycles(options);
  // Read once: the facade keeps its own copy of the options, never the caller's object.
  const { newId, set } = caught('createEngagements options', () => {
    const id = options.newId;
    if (id !== undefined && typeof id !== 'function') throw new LifecycleError('invalid_input', `createEngagements: newId must be a function, got ${describeValue(id)}`);
    const lifecycles = [...handled.values()].map((h) => h.lifecycle);
    const settings = Object.fromEntries([...handled].flatMap(([lid, h]) => (h.options.settings === undefined ? [] : [[lid, h.options.settings]])));
    return { newId: id, set: { lifecycles, settings } satisfies LifecycleSet };
  });
  const creators = new Map([...handled].map(([id, h]) => [id, newId ? h.lifecycle.with({ ...h.options, newId }) : h.bound]));

  /** The handled lifecycle a command names, checked before anything else is read. */
  const handledOf = (lifecycle: unknown, what: string): Handled => handledFor(handled, requireLifecycle(lifecycle, `${what}: the lifecycle`).id);
  const idOf = (id: unknown, what: string): string => {
    if (typeof id !== 'string') throw new LifecycleError('invalid_input', `${what} expects an engagement id string, got ${describeValue(id)}`);
    return id;
  };

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
    return parsed.state === stored.state ? stored : Object.freeze({ ...stored, state: parsed.state });
  };

  /** The options of `sweep` and `reindex`, copied (own enumerable keys, read inside a guard) without the set's keys. */
  const ownOptions = <T extends object>(input: T, what: string): T =>
    caught(what, () => {
      // Left out: the refusal of a missing field comes from the sweep's own check, with its message.
      if (input === undefined) return {} as T;
      if (input === null || typeof input !== 'object') throw new LifecycleError('invalid_input', `${what} must be an object, got ${describeValue(input)}`);
      return { ...input };
    });

  const engagements = {
    store,
    async get(lifecycle: AnyLifecycle, id: string) {
      const h = handledOf(lifecycle, 'get');
      return load(h.lifecycle, idOf(id, 'get'));
    },
    async create(lifecycle: AnyLifecycle, event: unknown) {
      const h = handledOf(lifecycle, 'create');
      const r = creators.get(h.lifecycle.id)!.create(event);
      if (!r.ok) return r;
      return saved(() => store.save(writeFor(h, null, r)), r);
    },
    async apply(lifecycle: AnyLifecycle, id: string, event: unknown) {
      const h = handledOf(lifecycle, 'apply');
      const key = { lifecycle: h.lifecycle.id, id: idOf(id, 'apply') };
      const current = await load(h.lifecycle, key.id);
      if (!current) return failure(engagementNotFound(key));
      const r = h.bound.apply(current.state, event);
      if (!r.ok || !r.changed) return r;
      return saved(() => store.save(writeFor(h, current.state, r)), r);
    },
    async sweep(sweepOptions: Omit<SweepOptions, 'lifecycles' | 'settings'>) {
      return sweep(store, { ...ownOptions(sweepOptions, 'sweep options'), ...set });
    },
    async reindex(reindexOptions: { readonly batchSize?: number | undefined } = {}) {
      return reindex(store, { ...ownOptions(reindexOptions, 'reindex options'), ...set });
    },
  };
  // Inside, results are the lifecycles' own `create`/`apply` results; the interface gives them their generic types.
  return engagements as Engagements;
}
