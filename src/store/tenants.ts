/**
 * Many tenants, each with its own settings: a host passes a provider (usually a read of its own tenant table), and
 * every write, sweep and reindex of a tenant computes due instants with that tenant's settings. The sweep over all
 * tenants asks the store which tenants have something due, then sweeps each one in its own scoped store.
 */
import { caught, fromZodError, instantSchema, isLifecycleError, LifecycleError, type IdGenerator, type Instant } from '../core/index.js';
import { createEngagements, type Engagements } from './engagements.js';
import { resolveLifecycles, type AnyLifecycle } from './lifecycles.js';
import type { TenantedStore } from './ports.js';
import { reindex, type ReindexSummary } from './reindex.js';
import { parseTenant } from './schemas.js';
import { sweep, type SweepOptions, type SweepProblem, type SweepSummary } from './sweep.js';
import { requirePort } from './refusals.js';

/**
 * A tenant's settings per lifecycle id (`{ plextrac: { timeZone: 'Pacific/Kiritimati' } }`), or undefined for the
 * lifecycles' defaults. Called for every command, sweep and reindex of the tenant, so a change is seen at once.
 */
export type TenantSettings = (tenant: string) => Readonly<Record<string, unknown>> | undefined | Promise<Readonly<Record<string, unknown>> | undefined>;

/** Options of `createTenantEngagements` and `sweepTenants`. */
export interface TenantLifecycles {
  /** The lifecycles to handle; engagements of other lifecycles are left alone. */
  readonly lifecycles: readonly AnyLifecycle[];
  /** Each tenant's settings. */
  readonly settings: TenantSettings;
}

/** What went wrong with one tenant as a whole (its settings are invalid, or its provider failed). */
export interface TenantProblem {
  readonly tenant: string;
  readonly error: LifecycleError;
}

/** Options of `sweepTenants`: those of `sweep`, applied to each tenant. */
export interface TenantSweepOptions extends TenantLifecycles, Omit<SweepOptions, 'lifecycles' | 'settings'> {
  /** Tenants fetched per page from `dueTenants` (default 100). */
  readonly tenantBatch?: number | undefined;
}

/** The sum of the tenants' sweep summaries, and what failed tenant by tenant. */
export interface TenantSweepSummary extends Omit<SweepSummary, 'problems'> {
  /** Tenants that had something due and were swept. */
  readonly tenants: number;
  /** Engagement failures, with their tenant (the first 100). */
  readonly problems: readonly (SweepProblem & { readonly tenant: string })[];
  /** Tenants that could not be swept at all (invalid settings): their engagements stay due. */
  readonly tenantProblems: readonly TenantProblem[];
}

const MAX_PROBLEMS = 100;

/**
 * Sweeps every tenant with engagements due at `now`, each in its own scoped store and with its own settings, so
 * that each tenant's engagements change at its own midnight.
 * @throws LifecycleError `invalid_input` for invalid options. The store's rejections are passed on.
 */
export async function sweepTenants(store: TenantedStore, input: TenantSweepOptions): Promise<TenantSweepSummary> {
  const options = checkedOptions(store, input, 'sweepTenants');
  // zod's lazy message reads `now` again: the refusal is built inside the guard too.
  const now: Instant = caught('sweepTenants options', () => {
    const parsedNow = instantSchema.safeParse(options.now);
    if (!parsedNow.success) throw fromZodError('now', parsedNow.error);
    return parsedNow.data;
  });
  const { settings, tenantBatch, lifecycles, ...rest } = options;
  const ids = lifecycles.map((l) => l.id);
  const totals = { batches: 0, claimed: 0, changed: 0, rescheduled: 0, unchanged: 0, conflicts: 0, deferred: 0, failed: 0, effects: 0 };
  const problems: (SweepProblem & { tenant: string })[] = [];
  const tenantProblems: TenantProblem[] = [];
  let tenants = 0;
  let complete = true;
  let after: string | null = null;
  do {
    const page = await store.dueTenants({ now, lifecycles: ids, after, limit: tenantBatch });
    for (const tenant of page.items) {
      let summary: SweepSummary;
      try {
        summary = await sweep(store.tenant(tenant), { ...rest, now, lifecycles, settings: await settings(tenant) });
      } catch (error) {
        // One tenant's bad settings must not stop the others' sweep; the store's own failures still do.
        if (!isLifecycleError(error) || error.code !== 'invalid_input') throw error;
        if (tenantProblems.length < MAX_PROBLEMS) tenantProblems.push({ tenant, error });
        continue;
      }
      tenants++;
      for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += summary[k];
      complete &&= summary.complete;
      for (const p of summary.problems) if (problems.length < MAX_PROBLEMS) problems.push({ ...p, tenant });
    }
    after = page.next;
  } while (after !== null);
  return { now, tenants, ...totals, complete, problems, tenantProblems };
}

/** Commands for many tenants over one store: each tenant with the settings its provider gives. */
export interface TenantEngagements {
  readonly store: TenantedStore;
  /**
   * The engagements facade of one tenant, bound to the tenant's settings as the provider gives them now.
   * @throws LifecycleError `invalid_input` for an invalid tenant id or invalid settings.
   */
  tenant(tenant: string): Promise<Engagements>;
  /** `sweepTenants` over these lifecycles and the provider. */
  sweep(options: Omit<TenantSweepOptions, 'lifecycles' | 'settings'>): Promise<TenantSweepSummary>;
  /**
   * Reindexes one tenant's due instants after its settings changed (a new time zone, other day counts): only that
   * tenant's engagements are read and moved.
   */
  settingsChanged(tenant: string, options?: { readonly batchSize?: number | undefined }): Promise<ReindexSummary>;
}

/** Options of `createTenantEngagements`. */
export interface TenantEngagementsOptions extends TenantLifecycles {
  /** Makes ids for creations whose event carries none. */
  readonly newId?: IdGenerator | undefined;
}

/**
 * Binds a multi-tenant store to lifecycles and a settings provider.
 * @example
 * ```ts
 * const tenants = createTenantEngagements(store, { lifecycles: [plextrac], settings: (t) => tenantTable.get(t) });
 * const acme = await tenants.tenant('acme');
 * await acme.create(plextrac, { type: 'request', ... });
 * await tenants.sweep({ now: hourStartedAt }); // the host's clock; every tenant at its own midnight
 * ```
 * @throws LifecycleError `invalid_input` for invalid lifecycles or a settings provider that is not a function.
 */
export function createTenantEngagements(store: TenantedStore, input: TenantEngagementsOptions): TenantEngagements {
  const { lifecycles, settings, newId } = checkedOptions(store, input, 'createTenantEngagements');
  return {
    store,
    async tenant(input) {
      const tenant = parseTenant(input);
      return createEngagements(store.tenant(tenant), { lifecycles, settings: await settings(tenant), newId });
    },
    sweep: (sweepOptions) => sweepTenants(store, { ...sweepOptions, lifecycles, settings }),
    async settingsChanged(input, reindexOptions = {}) {
      const tenant = parseTenant(input);
      return reindex(store.tenant(tenant), { ...reindexOptions, lifecycles, settings: await settings(tenant) });
    },
  };
}

/**
 * The options both commands share, checked before the store is touched: an object, read once into a copy (a
 * throwing getter or Proxy trap is `invalid_input` with the original as cause), a tenanted store, valid lifecycles
 * and a settings provider that is a function.
 */
function checkedOptions<O extends TenantLifecycles>(store: TenantedStore, input: O, what: string): O {
  if (input === null || typeof input !== 'object') throw new LifecycleError('invalid_input', `${what} expects an options object`);
  const options = caught(`${what} options`, () => ({ ...input }));
  requirePort(store, ['tenant'], 'a tenanted store');
  resolveLifecycles({ lifecycles: options.lifecycles });
  if (typeof options.settings !== 'function') throw new LifecycleError('invalid_input', 'settings must be a function of the tenant id');
  return options;
}
