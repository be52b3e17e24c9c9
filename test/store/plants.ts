/**
 * A naive store written the obvious way (maps, arrays, full scans, copy-and-restore for atomicity), correct when
 * no defect is switched on, and one switch per mistake an adapter author could make. The plants test shows that
 * the conformance suite catches each one.
 */
import {
  LifecycleError,
  instantMs,
  type DeletePlan,
  type InstantInput,
} from '../../src/index.js';
import {
  checkDecide,
  duplicateEffect,
  engagementNotFound,
  keyHash,
  keyString,
  parseDecisions,
  parseDeletePlan,
  parseDueAt,
  parseDueQuery,
  parseEffectIds,
  parseKey,
  parseListQuery,
  parsePendingOptions,
  parseRecord,
  parseRecordRef,
  parseVersion,
  parseWrite,
  versionConflict,
  parseTenant,
  parseTenantQuery,
  DEFAULT_TENANT,
  type TenantedStore,
  type AuditRecord,
  type ClaimedPage,
  type DecideDue,
  type DueCursor,
  type DueOutcome,
  type DueQuery,
  type EngagementKey,
  type EngagementStore,
  type EngagementWrite,
  type OutboxEntry,
  type RelatedRecord,
  type StoredEngagement,
} from '../../src/store/index.js';
import { writeFaults, type StoreUnderTest } from '../../src/testing/store-contract.js';

export interface Defects {
  /** Saves whatever the stored version: the lost update. */
  readonly ignoreExpectedVersion?: boolean;
  /** Checks the version, yields, then writes: two writers both pass the check. */
  readonly checkThenYield?: boolean;
  /** Saves the state but not its effects. */
  readonly dropEffects?: boolean;
  /** Saves the state but not its audit record. */
  readonly dropAudit?: boolean;
  /** Does not undo the writes already made when a step fails. */
  readonly noRollback?: boolean;
  /** `dueAt < now` instead of `dueAt <= now`. */
  readonly dueExclusive?: boolean;
  /** The due cursor jumps one item too far. */
  readonly cursorSkips?: boolean;
  /** `list` ignores the `active` filter. */
  readonly ignoreActive?: boolean;
  /** Keys engagements by id alone. */
  readonly keyById?: boolean;
  /** Marks effects delivered when it hands them out: at most once. */
  readonly atMostOnce?: boolean;
  /** Accepts the id of a deleted engagement again (and with it, effect ids it already holds). */
  readonly reuseEffectIds?: boolean;
  /** Claims do not hold their engagements against other claims. */
  readonly claimWithoutLock?: boolean;
  /** Executes a delete plan whatever the stored version. */
  readonly deleteAnyVersion?: boolean;
  /** Deletes the engagement but leaves the plan's records. */
  readonly deleteKeepsRecords?: boolean;
  /** `reschedule` ignores the expected version. */
  readonly rescheduleAnyVersion?: boolean;
  /** One space for every tenant: tenant ids are accepted and ignored. */
  readonly ignoreTenant?: boolean;
  /** Marks an effect id delivered in every tenant that has it (the outbox keyed by effect id alone). */
  readonly deliverAcrossTenants?: boolean;
}

interface Data {
  engagements: Map<string, StoredEngagement>;
  outbox: { entry: OutboxEntry; delivered: boolean }[];
  audit: Map<string, AuditRecord[]>;
  records: Map<string, RelatedRecord>;
  sequence: number;
}

const copy = (d: Data): Data => ({
  engagements: new Map(d.engagements),
  outbox: d.outbox.map((o) => ({ ...o })),
  audit: new Map([...d.audit].map(([k, v]) => [k, [...v]])),
  records: new Map(d.records),
  sequence: d.sequence,
});

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * @param hit called before each write (fault injection)
 * @param pause how `checkThenYield` yields: microtasks by default, a scheduled promise under `fc.scheduler`
 */
export function naiveStore(defects: Defects = {}, hit: () => void = () => {}, pause: () => Promise<unknown> = () => Promise.resolve()): EngagementStore {
  let data: Data = { engagements: new Map(), outbox: [], audit: new Map(), records: new Map(), sequence: 0 };
  const claimed = new Set<string>();
  const k = (key: EngagementKey) => (defects.keyById ? key.id : keyString(key.lifecycle, key.id));

  const atomically = async <T>(fn: () => T | Promise<T>): Promise<T> => {
    const backup = copy(data);
    try {
      return await fn();
    } catch (error) {
      if (!defects.noRollback) data = backup;
      throw error;
    }
  };

  const checkVersion = (key: EngagementKey, expected: number | null) => {
    if (defects.ignoreExpectedVersion) return;
    const current = data.engagements.get(k(key));
    if (expected === null) {
      if (current) throw versionConflict(key, null, current.state.version);
    } else if (!current) throw engagementNotFound(key);
    else if (current.state.version !== expected) throw versionConflict(key, expected, current.state.version);
  };

  const checkEffects = (ids: readonly string[]) => {
    if (defects.reuseEffectIds) return;
    for (const id of ids) if (data.outbox.some((o) => o.entry.effect.id === id)) throw duplicateEffect(id);
  };

  const commit = async (w: EngagementWrite) => {
    const s = w.engagement.state;
    const key = { lifecycle: s.lifecycle, id: s.id };
    checkVersion(key, w.expectedVersion);
    checkEffects(w.effects.map((e) => e.id));
    if (defects.checkThenYield) await pause();
    await atomically(() => {
      hit();
      data.engagements.set(k(key), w.engagement);
      if (!defects.dropEffects) {
        for (const effect of w.effects) {
          hit();
          data.outbox.push({ entry: { sequence: ++data.sequence, effect }, delivered: false });
        }
      }
      if (!defects.dropAudit) {
        hit();
        data.audit.set(k(key), [...(data.audit.get(k(key)) ?? []), w.audit]);
      }
    });
  };

  const dueItems = (query: DueQuery, skipClaimed: boolean) => {
    const q = parseDueQuery(query);
    const all = [...data.engagements.values()]
      .filter((e) => e.dueAt !== null && (defects.dueExclusive ? instantMs(e.dueAt) < q.nowMs : instantMs(e.dueAt) <= q.nowMs))
      .filter((e) => !q.lifecycles || q.lifecycles.includes(e.state.lifecycle))
      .filter((e) => !q.partition || keyHash(e.state) % q.partition.count === q.partition.index)
      .filter((e) => !skipClaimed || !claimed.has(k(e.state)))
      .sort((a, b) => cmp(a.dueAt!, b.dueAt!) || cmp(keyString(a.state.lifecycle, a.state.id), keyString(b.state.lifecycle, b.state.id)));
    const after = q.after;
    const start = after
      ? all.findIndex((e) => cmp(e.dueAt!, after.dueAt) > 0 || (e.dueAt === after.dueAt && cmp(keyString(e.state.lifecycle, e.state.id), keyString(after.lifecycle, after.id)) > 0))
      : 0;
    const items = start === -1 ? [] : all.slice(start, start + q.limit);
    const lastIndex = defects.cursorSkips ? q.limit : q.limit - 1;
    const cursorItem = items.length === q.limit ? all[start + lastIndex] ?? items[items.length - 1] : undefined;
    const next: DueCursor | null = cursorItem ? { dueAt: cursorItem.dueAt!, lifecycle: cursorItem.state.lifecycle, id: cursorItem.state.id } : null;
    return { items, next };
  };

  return {
    async get(input) {
      const key = parseKey(input);
      const found = data.engagements.get(k(key));
      return found && found.state.lifecycle === key.lifecycle ? found : null;
    },
    async list(query) {
      const q = parseListQuery(query);
      const all = [...data.engagements.values()]
        .filter((e) => q.lifecycle === undefined || e.state.lifecycle === q.lifecycle)
        .filter((e) => q.asset === undefined || e.asset === q.asset)
        .filter((e) => !q.statuses || q.statuses.has(e.state.status))
        .filter((e) => defects.ignoreActive || q.active === undefined || e.active === q.active)
        .sort((a, b) => cmp(keyString(a.state.lifecycle, a.state.id), keyString(b.state.lifecycle, b.state.id)));
      const after = q.after;
      const rest = after ? all.filter((e) => cmp(keyString(e.state.lifecycle, e.state.id), keyString(after.lifecycle, after.id)) > 0) : all;
      const items = rest.slice(0, q.limit);
      const last = items[items.length - 1];
      return { items, next: items.length === q.limit && last ? { lifecycle: last.state.lifecycle, id: last.state.id } : null };
    },
    async save(input) {
      await commit(parseWrite(input));
    },
    async executeDelete(input: DeletePlan) {
      const plan = parseDeletePlan(input);
      const key = { lifecycle: plan.lifecycle, id: plan.engagementId };
      const current = data.engagements.get(k(key));
      if (!current) throw engagementNotFound(key);
      if (!defects.deleteAnyVersion && current.state.version !== plan.expectedVersion) throw versionConflict(key, plan.expectedVersion, current.state.version);
      checkEffects(plan.effects.map((e) => e.id));
      return atomically(() => {
        let deleted = 0;
        let unlinked = 0;
        if (!defects.deleteKeepsRecords) {
          for (const item of plan.deletes) {
            const rk = `${item.kind}\u0000${item.id}`;
            if (!data.records.has(rk)) continue;
            hit();
            data.records.delete(rk);
            deleted++;
          }
        }
        for (const item of plan.unlinks) {
          const rk = `${item.kind}\u0000${item.id}`;
          const r = data.records.get(rk);
          if (!r || r.engagement === null) continue;
          hit();
          data.records.set(rk, { ...r, engagement: null });
          unlinked++;
        }
        hit();
        data.engagements.delete(k(key));
        for (const effect of plan.effects) {
          hit();
          data.outbox.push({ entry: { sequence: ++data.sequence, effect }, delivered: false });
        }
        hit();
        const record: AuditRecord = {
          lifecycle: key.lifecycle,
          engagementId: key.id,
          version: plan.expectedVersion + 1,
          from: current.state.status,
          to: null,
          event: 'delete',
          actor: plan.actor ?? null,
          reason: null,
          at: plan.at,
        };
        data.audit.set(k(key), [...(data.audit.get(k(key)) ?? []), record]);
        return { deleted, unlinked };
      });
    },
    async due(query) {
      return dueItems(query, false);
    },
    async claimDue(query, decideInput: DecideDue): Promise<ClaimedPage> {
      const decide = checkDecide(decideInput);
      const { items, next } = dueItems(query, !defects.claimWithoutLock);
      if (!defects.claimWithoutLock) for (const i of items) claimed.add(k(i.state));
      try {
        const decisions = parseDecisions(await decide(items), items);
        const outcomes: DueOutcome[] = [];
        for (const [i, d] of decisions.entries()) {
          const item = items[i]!;
          if (d.kind === 'skip') outcomes.push('skipped');
          else if (d.kind === 'reschedule') {
            const current = data.engagements.get(k(item.state));
            if (!current || current.state.version !== item.state.version) outcomes.push('conflict');
            else {
              await atomically(() => {
                hit();
                data.engagements.set(k(item.state), { ...current, dueAt: d.dueAt });
              });
              outcomes.push('rescheduled');
            }
          } else {
            try {
              await commit(d.write);
              outcomes.push('saved');
            } catch (error) {
              if (error instanceof LifecycleError && (error.code === 'version_conflict' || error.code === 'not_found')) outcomes.push('conflict');
              else throw error;
            }
          }
        }
        return { items, next, outcomes };
      } finally {
        for (const i of items) claimed.delete(k(i.state));
      }
    },
    async reschedule(keyInput: EngagementKey, versionInput: number, dueAtInput: InstantInput | null) {
      const key = parseKey(keyInput);
      const version = parseVersion(versionInput);
      const dueAt = parseDueAt(dueAtInput);
      const current = data.engagements.get(k(key));
      if (!current || (!defects.rescheduleAnyVersion && current.state.version !== version)) return false;
      data.engagements.set(k(key), { ...current, dueAt });
      return true;
    },
    outbox: {
      async pending(options) {
        const o = parsePendingOptions(options);
        const out = data.outbox.filter((x) => !x.delivered && x.entry.sequence > o.after).slice(0, o.limit);
        if (defects.atMostOnce) for (const x of out) x.delivered = true;
        return out.map((x) => x.entry);
      },
      async markDelivered(input) {
        const ids = new Set(parseEffectIds(input));
        for (const x of data.outbox) if (ids.has(x.entry.effect.id)) x.delivered = true;
      },
    },
    audit: {
      async history(input) {
        const key = parseKey(input);
        return [...(data.audit.get(k(key)) ?? [])].filter((r) => r.lifecycle === key.lifecycle);
      },
    },
    records: {
      async put(input) {
        const r = parseRecord(input);
        data.records.set(`${r.kind}\u0000${r.id}`, r);
      },
      async get(input) {
        const ref = parseRecordRef(input);
        return data.records.get(`${ref.kind}\u0000${ref.id}`) ?? null;
      },
      async of(input) {
        const key = parseKey(input);
        return [...data.records.values()]
          .filter((r) => r.engagement?.lifecycle === key.lifecycle && r.engagement.id === key.id)
          .sort((a, b) => cmp(a.kind, b.kind) || cmp(a.id, b.id));
      },
    },
  };
}

/** The naive store for many tenants: one naive store per tenant, found by a full scan for `dueTenants`. */
export function naiveTenanted(defects: Defects = {}, hit: () => void = () => {}): TenantedStore {
  const spaces = new Map<string, EngagementStore>();
  const spaceOf = (tenant: string): EngagementStore => {
    const t = parseTenant(defects.ignoreTenant ? DEFAULT_TENANT : tenant);
    let space = spaces.get(t);
    if (!space) spaces.set(t, (space = naiveStore(defects, hit)));
    if (!defects.deliverAcrossTenants) return space;
    const all = [...spaces.values()];
    return { ...space, outbox: { ...space.outbox, markDelivered: async (ids) => void (await Promise.all(all.map((s) => s.outbox.markDelivered(ids)))) } };
  };
  return {
    ...spaceOf(DEFAULT_TENANT),
    tenant: spaceOf,
    async dueTenants(input) {
      const q = parseTenantQuery(input);
      const items: string[] = [];
      for (const t of [...spaces.keys()].sort()) {
        if (q.after !== null && t <= q.after) continue;
        if ((await spaces.get(t)!.due({ now: q.now, lifecycles: q.lifecycles, limit: 1 })).items.length > 0) items.push(t);
      }
      const page = items.slice(0, q.limit);
      return { items: page, next: page.length === q.limit ? page[page.length - 1]! : null };
    },
  };
}

/** The naive store with fault injection, for the conformance suite. */
export function naiveUnderTest(defects: Defects = {}): StoreUnderTest {
  const faults = writeFaults();
  return { store: naiveTenanted(defects, () => faults.hit()), faults };
}
