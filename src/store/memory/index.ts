/**
 * The in-memory store: the embedded default, and the reference the conformance suite is first run against. Each
 * tenant has a space of its own (created on first use), so no operation of one tenant can reach another's data.
 */
import { LifecycleError, caught, describeValue, instantMs } from '../../core/index.js';
import { DEFAULT_TENANT, type TenantedStore } from '../ports.js';
import { validatingTenants } from '../validating.js';
import { createSpace, type Space } from './space.js';
import type { MemoryWriteStep } from './step.js';

export type { MemoryWriteStep } from './step.js';

/** Options of `createMemoryStore`. */
export interface MemoryStoreOptions {
  /**
   * Called before each record an atomic step writes. If it throws, the step is rolled back and the error passed
   * on. A seam for tests that prove atomicity (the conformance suite's half-way failures); leave it out otherwise.
   */
  readonly beforeWrite?: ((step: MemoryWriteStep) => void) | undefined;
  /**
   * Audit records kept per engagement, the newest (default: all, for as long as the store lives). `0` keeps none,
   * for a host with its own audit trail: `audit.history` is then empty. Either way a deleted engagement's id stays
   * refused. Each record is about 0.2 kB of heap (docs/performance.md).
   */
  readonly auditLimit?: number | undefined;
}

/** The in-memory store: the default tenant's store, `tenant(id)` for the others. */
export interface MemoryStore extends TenantedStore {
  /** How many engagements the store holds, all tenants together. */
  readonly size: number;
}

/**
 * Creates an empty in-memory store.
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { plextrac } from 'engagement-lifecycle/plextrac';
 * import { createEngagements, createMemoryStore } from 'engagement-lifecycle/store';
 *
 * const store = createMemoryStore(); // single tenant: use it as it is
 * const acme = store.tenant('acme'); // or one store per tenant
 * const request = { type: 'request', id: 'eng-1', at: '2026-03-02T14:00:00Z', clientId: 'c', name: 'Pentest', startDate: '2026-03-09' } as const;
 * const created = await createEngagements(acme, { lifecycles: [plextrac] }).create(plextrac, request);
 * assert.ok(created.ok);
 * // Tenants do not see each other's engagements.
 * assert.equal((await acme.get({ lifecycle: 'plextrac', id: 'eng-1' }))?.state.status, 'Pending');
 * assert.equal(await store.get({ lifecycle: 'plextrac', id: 'eng-1' }), null);
 * ```
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  if (options === null || typeof options !== 'object') {
    throw new LifecycleError('invalid_input', 'createMemoryStore expects its options to be an object such as { beforeWrite }');
  }
  // Read once, inside a guard: the store keeps the function, never the caller's options object.
  const beforeWrite = caught('createMemoryStore options', () => options.beforeWrite);
  if (beforeWrite !== undefined && typeof beforeWrite !== 'function') {
    throw new LifecycleError('invalid_input', 'createMemoryStore: beforeWrite must be a function');
  }
  const auditLimit = caught('createMemoryStore options', () => options.auditLimit);
  if (auditLimit !== undefined && !(Number.isInteger(auditLimit) && auditLimit >= 0)) {
    throw new LifecycleError('invalid_input', `createMemoryStore: auditLimit must be a whole number, 0 or more (got ${describeValue(auditLimit)})`);
  }
  const spaces = new Map<string, Space>();
  const spaceOf = (tenant: string): Space => {
    let space = spaces.get(tenant);
    if (!space) spaces.set(tenant, (space = createSpace(beforeWrite, auditLimit ?? Infinity)));
    return space;
  };
  const tenanted = validatingTenants(
    {
      tenant: spaceOf,
      async dueTenants(q) {
        const nowMs = instantMs(q.now);
        const items = [...spaces.keys()]
          .filter((t) => q.after === null || t > q.after)
          .sort()
          .filter((t) => {
            const earliest = spaces.get(t)!.earliestDue(q.lifecycles);
            return earliest !== null && earliest <= nowMs;
          })
          .slice(0, q.limit);
        return { items, next: items.length === q.limit ? items[items.length - 1]! : null };
      },
    },
    DEFAULT_TENANT,
  );
  return Object.defineProperty(tenanted, 'size', {
    get: () => [...spaces.values()].reduce((sum, s) => sum + s.size, 0),
    enumerable: true,
  }) as MemoryStore;
}
