/**
 * The storage ports: what a host implements to keep engagements in its own database. The library computes every
 * change purely; a store only has to persist a change atomically (state, effects, audit record together), refuse
 * stale versions, and answer a few indexed queries. `createMemoryStore` is the embedded implementation, and
 * `engagement-lifecycle/testing` has a conformance suite that checks any implementation against these promises.
 *
 * Conventions for every method:
 * - inputs are validated (the `parse*` helpers of this module do it for adapters) and never mutated;
 * - refusals reject with a `LifecycleError`: `invalid_input`, `not_found`, `version_conflict`; other rejections
 *   are the adapter's own I/O failures;
 * - an operation that rejects leaves nothing of itself behind.
 */
import type { DeletePlan, Effect, EngagementState, Instant, InstantInput } from '../core/index.js';
import type { EngagementKey } from './keys.js';

/** An engagement as stored: its state and what the store indexes it by. */
export interface StoredEngagement<St extends EngagementState = EngagementState> {
  readonly state: St;
  /**
   * The earliest instant at which the lifecycle's clock event would change the engagement (`lifecycle.nextDue`
   * with the tenant's settings, computed by the writer), or null when time alone never changes it.
   */
  readonly dueAt: Instant | null;
  /** The asset (DefectDojo product, PlexTrac client), from `lifecycle.facets`. */
  readonly asset: string | null;
  /** Whether the engagement counts as active, from `lifecycle.facets`. */
  readonly active: boolean;
}

/**
 * One applied change of the audit log. Creation has `from: null`; deletion has `to: null`. A change of data alone
 * has `from === to`.
 */
export interface AuditRecord {
  readonly lifecycle: string;
  readonly engagementId: string;
  /** The engagement's version after the change (for a deletion: the deleted version + 1). */
  readonly version: number;
  readonly from: string | null;
  readonly to: string | null;
  /** The event type (`approve`, `clock`, `delete`, ...). */
  readonly event: string;
  readonly actor: string | null;
  readonly reason: string | null;
  /** When the change happened: the event's `at`. */
  readonly at: Instant;
}

/** One applied change, to persist in one atomic step: the new state, its effects, its audit record. */
export interface EngagementWrite<St extends EngagementState = EngagementState> {
  /**
   * The version the change was computed from: the save is refused with `version_conflict` if the stored
   * engagement has another one. `null` for a creation: refused with `version_conflict` if the engagement exists.
   */
  readonly expectedVersion: number | null;
  /** The new state (version = expectedVersion + 1, or 1) and its index fields. */
  readonly engagement: StoredEngagement<St>;
  /** Stored in the outbox in the same step, in this order. */
  readonly effects: readonly Effect[];
  readonly audit: AuditRecord;
}

/** A page of results and the cursor for the next one (null: there is no next page). */
export interface Page<T, C> {
  readonly items: readonly T[];
  readonly next: C | null;
}

/** Filters for `list`; results come in (lifecycle, id) order. */
export interface ListQuery {
  readonly lifecycle?: string | undefined;
  readonly asset?: string | undefined;
  /** One status or any of several. */
  readonly status?: string | readonly string[] | undefined;
  readonly active?: boolean | undefined;
  /** Start after this key (the `next` of the previous page). */
  readonly after?: EngagementKey | null | undefined;
  /** At most this many items (default 100, at most 10,000). */
  readonly limit?: number | undefined;
}

/** Where a due query stopped: results come in (dueAt, lifecycle, id) order. */
export interface DueCursor {
  readonly dueAt: Instant;
  readonly lifecycle: string;
  readonly id: string;
}

/** Worker `index` of `count` takes the engagements whose `keyHash` modulo `count` is `index`. */
export interface Partition {
  readonly index: number;
  readonly count: number;
}

export interface DueQuery {
  /** Engagements whose `dueAt` is at or before this instant. */
  readonly now: InstantInput;
  /** Only these lifecycles (all when omitted). */
  readonly lifecycles?: readonly string[] | undefined;
  readonly partition?: Partition | undefined;
  readonly after?: DueCursor | null | undefined;
  /** At most this many items (default 100, at most 10,000). */
  readonly limit?: number | undefined;
}

/** What to do with one claimed engagement. */
export type DueDecision =
  /** Save this change (its `expectedVersion` is checked as in `save`). */
  | { readonly kind: 'save'; readonly write: EngagementWrite }
  /** Nothing changed, but the next due instant is another one (settings changed, or a cautious `nextDue`). */
  | { readonly kind: 'reschedule'; readonly dueAt: Instant | null }
  | { readonly kind: 'skip' };

/** What became of each claimed engagement, in the order of the claimed items. */
export type DueOutcome = 'saved' | 'rescheduled' | 'conflict' | 'skipped';

export interface ClaimedPage extends Page<StoredEngagement, DueCursor> {
  readonly outcomes: readonly DueOutcome[];
}

/** Decides the change of every claimed engagement. It must not call the store (the claim holds its locks). */
export type DecideDue = (items: readonly StoredEngagement[]) => readonly DueDecision[] | Promise<readonly DueDecision[]>;

/** A record that hangs under an engagement (a DefectDojo test, finding, note, file, risk acceptance...). */
export interface RelatedRecord {
  readonly kind: string;
  readonly id: string;
  /** The engagement it belongs to; null once a delete plan unlinked it. */
  readonly engagement: EngagementKey | null;
  /** The record it hangs under (a finding under its test), if any. */
  readonly parent: { readonly kind: string; readonly id: string } | null;
  /** JSON data. */
  readonly data: unknown;
}

/** What a delete plan did. Records it names that do not exist are passed over (as SQL's `DELETE ... WHERE`). */
export interface DeleteOutcome {
  readonly deleted: number;
  readonly unlinked: number;
}

/** The records that delete plans act on. A host may keep these elsewhere; then its adapter maps plan items there. */
export interface RecordStore {
  /** Inserts or replaces a record. */
  put(record: RelatedRecord): Promise<void>;
  get(ref: { readonly kind: string; readonly id: string }): Promise<RelatedRecord | null>;
  /** The records linked to an engagement, in (kind, id) order. */
  of(key: EngagementKey): Promise<readonly RelatedRecord[]>;
}

/** An effect waiting in the outbox, with its position in commit order. `F`: the effect type (see `typedStore`). */
export interface OutboxEntry<F extends Effect = Effect> {
  readonly sequence: number;
  readonly effect: F;
}

/**
 * The transactional outbox. Effects enter it only with the change that produced them (`save`, `claimDue`,
 * `executeDelete`), and leave it only when marked delivered: every effect is handed out at least once, and again
 * until it is marked. Consumers drop copies by `effect.id`. Effect ids are unique in the outbox, delivered ones
 * included: a write's effects must be stamped for its change (`<lifecycle>:<id>:<version>:<type>`), versions only
 * grow, and the id of a deleted engagement cannot be reused (`invalid_input`): its new effects would look like
 * copies of the old ones.
 */
export interface Outbox {
  /** Undelivered effects in commit order (and, within a change, in the order the change emitted them). */
  pending(options?: { readonly after?: number | undefined; readonly limit?: number | undefined }): Promise<readonly OutboxEntry[]>;
  /** Marks effects delivered; unknown or already delivered ids are ignored. */
  markDelivered(effectIds: readonly string[]): Promise<void>;
}

/** The append-only audit log: one record per applied change, kept after the engagement is deleted. */
export interface AuditLog {
  /** Every record of an engagement, in the order they were appended. */
  history(key: EngagementKey): Promise<readonly AuditRecord[]>;
}

/**
 * One tenant's engagement store: every method reads and writes that tenant's engagements, outbox, audit log and
 * records only. Ids (engagement ids, effect ids, record ids) are unique within a tenant; two tenants may use the same.
 */
export interface EngagementStore {
  get(key: EngagementKey): Promise<StoredEngagement | null>;
  /** Engagements matching every given filter, in (lifecycle, id) order, a page at a time. */
  list(query?: ListQuery): Promise<Page<StoredEngagement, EngagementKey>>;
  /**
   * Persists one change atomically: the engagement, its effects into the outbox and its audit record, or none of
   * them. Rejects with `version_conflict` (stale `expectedVersion`, or a creation of an existing engagement),
   * `not_found` (a change to an engagement that does not exist) or `invalid_input`.
   */
  save(write: EngagementWrite): Promise<void>;
  /**
   * Executes a delete plan atomically: the engagement, the records it deletes, the links it removes, its effects
   * into the outbox and a `delete` audit record. Rejects with `not_found` or `version_conflict`
   * (`plan.expectedVersion`), leaving everything as it was.
   */
  executeDelete(plan: DeletePlan): Promise<DeleteOutcome>;
  /** Engagements due at or before `now`, in (dueAt, lifecycle, id) order, a page at a time. Reads only. */
  due(query: DueQuery): Promise<Page<StoredEngagement, DueCursor>>;
  /**
   * Claims the next page of due engagements (as `due`, but skipping engagements another claim holds), lets
   * `decide` compute their changes, and commits them. Each engagement ends fully written or untouched; a write whose
   * version moved meanwhile is a `conflict` outcome, not a rejection. If `decide` throws, nothing is committed.
   * Several workers may claim concurrently: no engagement is handed to two claims at once.
   */
  claimDue(query: DueQuery, decide: DecideDue): Promise<ClaimedPage>;
  /**
   * Sets the due instant of an engagement without changing its version (after a settings change, see `reindex`).
   * False when the engagement is gone or its version is not `expectedVersion`.
   */
  reschedule(key: EngagementKey, expectedVersion: number, dueAt: InstantInput | null): Promise<boolean>;
  readonly outbox: Outbox;
  readonly audit: AuditLog;
  readonly records: RecordStore;
}

/** The tenant of single-tenant use: what a `TenantedStore` itself reads and writes. */
export const DEFAULT_TENANT = 'default';

/** Which tenants have engagements due: for a sweep over every tenant, each with its own settings. */
export interface TenantQuery {
  /** Tenants with an engagement whose `dueAt` is at or before this instant. */
  readonly now: InstantInput;
  /** Only engagements of these lifecycles count (all when omitted). */
  readonly lifecycles?: readonly string[] | undefined;
  /** Start after this tenant (tenants come in code-unit order). */
  readonly after?: string | null | undefined;
  /** At most this many tenants (default 100, at most 10,000). */
  readonly limit?: number | undefined;
}

/** A page of tenant ids. */
export type TenantPage = Page<string, string>;

/**
 * A store of many tenants. It is itself the store of the default tenant (`DEFAULT_TENANT`), so that single-tenant
 * code stays as it is; `tenant(id)` gives the store of any tenant. No method of a tenant's store can see another
 * tenant's data: a host scopes a request once, at the edge, and cannot cross tenants by mistake further in.
 */
export interface TenantedStore extends EngagementStore {
  /**
   * The store of one tenant (a non-empty string of at most 200 characters).
   * @throws LifecycleError `invalid_input` for an invalid tenant id.
   */
  tenant(tenant: string): EngagementStore;
  /**
   * The tenants that have engagements due at `now`, a page at a time: the only cross-tenant read, and it returns
   * tenant ids alone (the sweep then works tenant by tenant, with each tenant's settings).
   */
  dueTenants(query: TenantQuery): Promise<TenantPage>;
}
