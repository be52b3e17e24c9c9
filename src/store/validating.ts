/**
 * The validating wrapper: the safe side of a store adapter. An adapter implements `RawEngagementStore`, whose
 * methods receive inputs already parsed (valid, frozen copies), and `validatingStore` puts every port method's
 * validation in front of them, the way dinero.js splits its safe functions from their unsafe cores. An adapter no
 * longer calls the `parse*` helpers by hand, and every adapter refuses the same inputs with the same errors.
 */
import { deepFreeze, type DeletePlan, type Instant } from '../core/index.js';
import type { EngagementKey } from './keys.js';
import { requirePort } from './refusals.js';
import type {
  AuditRecord,
  ClaimedPage,
  DeleteOutcome,
  DueCursor,
  DueDecision,
  EngagementStore,
  EngagementWrite,
  OutboxEntry,
  Page,
  RelatedRecord,
  StoredEngagement,
  TenantedStore,
  TenantPage,
} from './ports.js';
// The port's checks, one per input kind, as `checks.parseKey(...)`: what each method validates reads at the call.
import * as checks from './schemas.js';
import type { ParsedDueQuery, ParsedListQuery, ParsedTenantQuery } from './schemas.js';
import { checkDecide, parseDecisions } from './decisions.js';

/** `decide` after validation: it returns one parsed decision per claimed item, its writes parsed. */
export type ParsedDecide = (items: readonly StoredEngagement[]) => Promise<readonly DueDecision[]>;

/**
 * One tenant's store as an adapter writes it: the promises of `EngagementStore`, on inputs that are already
 * valid. Refusals (`not_found`, `version_conflict`) are still the adapter's to raise (with `refusals`' helpers).
 */
export interface RawEngagementStore {
  get(key: EngagementKey): Promise<StoredEngagement | null>;
  list(query: ParsedListQuery): Promise<Page<StoredEngagement, EngagementKey>>;
  save(write: EngagementWrite): Promise<void>;
  executeDelete(plan: DeletePlan): Promise<DeleteOutcome>;
  due(query: ParsedDueQuery): Promise<Page<StoredEngagement, DueCursor>>;
  claimDue(query: ParsedDueQuery, decide: ParsedDecide): Promise<ClaimedPage>;
  reschedule(key: EngagementKey, expectedVersion: number, dueAt: Instant | null): Promise<boolean>;
  readonly outbox: {
    pending(options: { readonly after: number; readonly limit: number }): Promise<readonly OutboxEntry[]>;
    markDelivered(effectIds: readonly string[]): Promise<void>;
  };
  readonly audit: { history(key: EngagementKey): Promise<readonly AuditRecord[]> };
  readonly records: {
    put(record: RelatedRecord): Promise<void>;
    get(ref: { readonly kind: string; readonly id: string }): Promise<RelatedRecord | null>;
    of(key: EngagementKey): Promise<readonly RelatedRecord[]>;
  };
}

/** A multi-tenant adapter's raw side: a raw store per tenant, and the tenants that have something due. */
export interface RawTenantedStore {
  tenant(tenant: string): RawEngagementStore;
  dueTenants(query: ParsedTenantQuery): Promise<TenantPage>;
}

/**
 * Rejects through the returned promise: port methods are async, and a synchronous throw from a validation would
 * escape a caller's `.catch`.
 */
const guarded =
  <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
  (...args: A): Promise<R> => {
    try {
      // Every answer is frozen here, once for every adapter: pages, items, outbox entries, histories, records.
      // What an adapter already froze (the memory store's states) is skipped by deepFreeze at no cost.
      return fn(...args).then(deepFreeze);
    } catch (error) {
      return Promise.reject(error);
    }
  };

/** Puts validation in front of one tenant's raw store. */
export function validatingStore(raw: RawEngagementStore): EngagementStore {
  return {
    get: guarded(async (key) => raw.get(checks.parseKey(key))),
    list: guarded(async (query) => raw.list(checks.parseListQuery(query))),
    save: guarded(async (write) => raw.save(checks.parseWrite(write))),
    executeDelete: guarded(async (plan) => raw.executeDelete(checks.parseDeletePlan(plan))),
    due: guarded(async (query) => raw.due(checks.parseDueQuery(query))),
    claimDue: guarded(async (query, decideInput) => {
      const q = checks.parseDueQuery(query);
      const decide = checkDecide(decideInput);
      return raw.claimDue(q, async (items) => parseDecisions(await decide(items), items));
    }),
    reschedule: guarded(async (key, version, dueAt) => raw.reschedule(checks.parseKey(key), checks.parseVersion(version), checks.parseDueAt(dueAt))),
    outbox: {
      pending: guarded(async (options) => raw.outbox.pending(checks.parsePendingOptions(options))),
      markDelivered: guarded(async (ids) => raw.outbox.markDelivered(checks.parseEffectIds(ids))),
    },
    audit: { history: guarded(async (key) => raw.audit.history(checks.parseKey(key))) },
    records: {
      put: guarded(async (record) => raw.records.put(checks.parseRecord(record))),
      get: guarded(async (ref) => raw.records.get(checks.parseRecordRef(ref))),
      of: guarded(async (key) => raw.records.of(checks.parseKey(key))),
    },
  };
}

/**
 * Puts validation in front of a multi-tenant raw store. The result is the default tenant's store (so that
 * single-tenant code uses it as it is), with `tenant(id)` for every other tenant's.
 */
export function validatingTenants(raw: RawTenantedStore, defaultTenant: string): TenantedStore {
  requirePort(raw, ['tenant'], 'a raw tenanted store ({ tenant, dueTenants })');
  // Views are cheap and not cached: a host with many tenants should not accumulate one per tenant it touched.
  const tenant = (input: string): EngagementStore => validatingStore(raw.tenant(checks.parseTenant(input)));
  return {
    ...tenant(defaultTenant),
    tenant,
    dueTenants: guarded(async (query) => raw.dueTenants(checks.parseTenantQuery(query))),
  };
}
