/**
 * One tenant's space in the in-memory store: plain data structures (a map of engagements, sorted indexes by key,
 * by asset and by due instant, the outbox in commit order, the audit log) behind the raw store interface; the
 * validating wrapper checks every input before it gets here. The due index makes a sweep cost what the due
 * engagements cost, whatever the size of the store. Every atomic step keeps an undo list, so a step that fails
 * half-way leaves nothing behind.
 */
import { instantMs, isLifecycleError, type DeletePlan, type Effect, type Instant } from '../../core/index.js';
import { keyHash, keyString, type EngagementKey } from '../keys.js';
import type { ClaimedPage, DeleteOutcome, DueCursor, DueOutcome, EngagementWrite, OutboxEntry, Page, StoredEngagement } from '../ports.js';
import { engagementNotFound, reusedEngagementId, versionConflict } from '../refusals.js';
import type { ParsedDueQuery, ParsedListQuery } from '../schemas.js';
import { SortedList } from '../sorted-list.js';
import { AuditLog } from './audit.js';
import { DueIndex } from './due-index.js';
import { RecordTable } from './records.js';
import { atomic, compareStrings, Step, type DueEntry, type Entry, type MemoryWriteStep } from './step.js';
import type { ParsedDecide, RawEngagementStore } from '../validating.js';

/** One tenant's raw store, and what the store around it needs to know of it. */
export interface Space extends RawEngagementStore {
  readonly size: number;
  /** The earliest due instant (ms) among the engagements of these lifecycles, or null. */
  earliestDue(lifecycles: readonly string[] | undefined): number | null;
}

/**
 * Creates an empty tenant space; `hook` is the fault-injection seam of `MemoryStoreOptions.beforeWrite`,
 * `auditLimit` the audit records kept per engagement (`MemoryStoreOptions.auditLimit`, `Infinity` for all).
 */
export function createSpace(hook: ((step: MemoryWriteStep) => void) | undefined, auditLimit: number): Space {
  const engagements = new Map<string, Entry>();
  const keys = new SortedList<string>(compareStrings);
  const byAsset = new Map<string, SortedList<string>>();
  const dueIndex = new DueIndex();
  const dueOf = new Map<string, DueEntry>();
  /** Keys held by a `claimDue` in progress: other claims pass over them (SKIP LOCKED). */
  const claimed = new Set<string>();
  const pending = new Map<string, OutboxEntry>();
  let sequence = 0;
  const audit = new AuditLog(auditLimit);
  const records = new RecordTable();

  const atomically = <T>(fn: (step: Step) => T): T => atomic(hook, fn);

  /* ---------- engagements and their indexes ---------- */

  /**
   * Puts `next` under `key` (or removes the engagement) and keeps every index in step; returns the undo. `prev` is
   * what is under `key` now: a commit has just looked it up (one lookup fewer in a map of 10^6 keys).
   */
  const setEntry = (key: string, next: Entry | undefined, prev: Entry | undefined = engagements.get(key)): (() => void) => {
    if (next) engagements.set(key, next);
    else engagements.delete(key);
    if (!prev && next) keys.add(key);
    if (prev && !next) keys.delete(key);
    const prevAsset = prev?.record.asset ?? null;
    const nextAsset = next?.record.asset ?? null;
    if (prevAsset !== nextAsset) {
      if (prevAsset !== null) {
        const list = byAsset.get(prevAsset)!;
        list.delete(key);
        if (list.size === 0) byAsset.delete(prevAsset);
      }
      if (nextAsset !== null) {
        let list = byAsset.get(nextAsset);
        if (!list) byAsset.set(nextAsset, (list = new SortedList(compareStrings)));
        list.add(key);
      }
    }
    const due = dueOf.get(key);
    const nextMs = next?.record.dueAt != null ? instantMs(next.record.dueAt) : null;
    if (due && due.ms === nextMs) {
      due.entry = next!; // same place in the index: only the record changed
    } else {
      if (due) {
        dueIndex.delete(due);
        dueOf.delete(key);
      }
      if (nextMs !== null) {
        const entry: DueEntry = { ms: nextMs, key, entry: next!, chunk: [] };
        dueIndex.add(entry);
        dueOf.set(key, entry);
      }
    }
    return () => void setEntry(key, prev);
  };

  const entryOf = (key: string, record: StoredEngagement, hash?: number): Entry => ({
    key,
    hash: hash ?? keyHash({ lifecycle: record.state.lifecycle, id: record.state.id }),
    record,
  });

  /* ---------- outbox, audit, records ---------- */

  const appendEffects = (effects: readonly Effect[]): (() => void) => {
    const before = sequence;
    for (const effect of effects) {
      pending.set(effect.id, Object.freeze({ sequence: ++sequence, effect }));
    }
    return () => {
      for (const effect of effects) {
        pending.delete(effect.id);
      }
      sequence = before;
    };
  };

  /* ---------- writes ---------- */

  const checkVersion = (lifecycle: string, id: string, current: Entry | undefined, expected: number | null): void => {
    if (expected === null) {
      if (current) throw versionConflict({ lifecycle, id }, null, current.record.state.version);
    } else if (!current) {
      throw engagementNotFound({ lifecycle, id });
    } else if (current.record.state.version !== expected) {
      throw versionConflict({ lifecycle, id }, expected, current.record.state.version);
    }
  };

  /** Commits a parsed write: checks first, then the three writes in one atomic step (without closures: the hot path). */
  // `claimedKey`: the stored key string, when the caller holds it (a claimed entry). Lookups with the stored string
  // (hash cached, equal by identity) cost less in maps of 10^6 keys than with a new one, so it is used after the first.
  const commit = (w: EngagementWrite, claimedKey?: string): void => {
    const s = w.engagement.state;
    const built = claimedKey ?? keyString(s.lifecycle, s.id);
    const current = engagements.get(built);
    const key = current ? current.key : built;
    checkVersion(s.lifecycle, s.id, current, w.expectedVersion);
    // A deleted engagement's id is not reused: a creation under it would repeat old effect ids.
    if (w.expectedVersion === null && audit.isRetired(key)) throw reusedEngagementId({ lifecycle: s.lifecycle, id: s.id });
    const step = new Step(hook);
    try {
      step.before('engagement');
      step.done(setEntry(key, entryOf(key, w.engagement, current?.hash), current));
      step.before('outbox');
      step.done(appendEffects(w.effects));
      step.before('audit');
      step.done(audit.append(key, w.audit));
    } catch (error) {
      step.rollback();
      throw error;
    }
  };

  const moveDue = (key: string, current: Entry, dueAt: Instant | null): void => {
    if (current.record.dueAt === dueAt) return;
    const record = Object.freeze({ ...current.record, dueAt });
    atomically((step) => step.write('engagement', () => setEntry(key, entryOf(key, record, current.hash))));
  };

  /* ---------- due queries ---------- */

  const collectDue = (q: ParsedDueQuery, skipClaimed: boolean): DueEntry[] => {
    const lifecycles = q.lifecycles ? new Set(q.lifecycles) : undefined;
    const out: DueEntry[] = [];
    const from = q.after ? { ms: instantMs(q.after.dueAt), key: keyString(q.after.lifecycle, q.after.id) } : undefined;
    dueIndex.scan(from, true, (d) => {
      if (d.ms > q.nowMs) return false;
      const state = d.entry.record.state;
      if (lifecycles && !lifecycles.has(state.lifecycle)) return true;
      if (q.partition && d.entry.hash % q.partition.count !== q.partition.index) return true;
      if (skipClaimed && claimed.has(d.key)) return true;
      out.push(d);
      return out.length < q.limit;
    });
    return out;
  };

  const cursorOf = (items: readonly DueEntry[], limit: number): DueCursor | null => {
    if (items.length < limit) return null;
    const last = items[items.length - 1]!.entry.record;
    return { dueAt: last.dueAt!, lifecycle: last.state.lifecycle, id: last.state.id };
  };

  /* ---------- the store ---------- */

  const store: Space = {
    get size() { return engagements.size; },

    earliestDue(lifecycles) {
      let found: number | null = null;
      const wanted = lifecycles ? new Set(lifecycles) : undefined;
      dueIndex.scan(undefined, true, (d) => {
        if (wanted && !wanted.has(d.entry.record.state.lifecycle)) return true;
        found = d.ms;
        return false;
      });
      return found;
    },

    async get(key) {
      return engagements.get(keyString(key.lifecycle, key.id))?.record ?? null;
    },

    async list(q: ParsedListQuery): Promise<Page<StoredEngagement, EngagementKey>> {
      const source = q.asset !== undefined ? byAsset.get(q.asset) : keys;
      const items: StoredEngagement[] = [];
      if (!source) return { items, next: null };
      const prefix = q.lifecycle !== undefined ? keyString(q.lifecycle, '') : undefined;
      let from = q.after ? keyString(q.after.lifecycle, q.after.id) : undefined;
      let after = true;
      // Keys (all, or an asset's) are in (lifecycle, id) order: scan one lifecycle's run, from its prefix or the cursor.
      if (prefix !== undefined && (from === undefined || from < prefix)) {
        from = prefix;
        after = false;
      }
      source.scan(from, after, (key) => {
        if (prefix !== undefined && !key.startsWith(prefix)) return false;
        const record = engagements.get(key)!.record;
        if (q.statuses && !q.statuses.has(record.state.status)) return true;
        if (q.active !== undefined && record.active !== q.active) return true;
        items.push(record);
        return items.length < q.limit;
      });
      const last = items[items.length - 1];
      return { items, next: items.length === q.limit && last ? { lifecycle: last.state.lifecycle, id: last.state.id } : null };
    },

    async save(write) {
      commit(write);
    },

    async executeDelete(plan: DeletePlan): Promise<DeleteOutcome> {
      const ek = { lifecycle: plan.lifecycle, id: plan.engagementId };
      const key = keyString(ek.lifecycle, ek.id);
      const current = engagements.get(key);
      checkVersion(ek.lifecycle, ek.id, current, plan.expectedVersion);
      let deleted = 0;
      let unlinked = 0;
      atomically((step) => {
        for (const item of plan.deletes) {
          if (!records.get(item.kind, item.id)) continue;
          step.write('record', () => records.set(item.kind, item.id, undefined));
          deleted++;
        }
        for (const item of plan.unlinks) {
          const record = records.get(item.kind, item.id);
          if (!record || record.engagement === null) continue;
          step.write('record', () => records.set(item.kind, item.id, Object.freeze({ ...record, engagement: null })));
          unlinked++;
        }
        step.write('engagement', () => setEntry(key, undefined));
        step.write('outbox', () => appendEffects(plan.effects));
        step.write('audit', () => {
          const unretire = audit.retire(key);
          const unappend = audit.append(
            key,
            Object.freeze({
              lifecycle: ek.lifecycle,
              engagementId: ek.id,
              version: plan.expectedVersion + 1,
              from: current!.record.state.status,
              to: null,
              event: 'delete',
              actor: plan.actor ?? null,
              reason: null,
              at: plan.at,
            }),
          );
          return () => {
            unappend();
            unretire();
          };
        });
      });
      return { deleted, unlinked };
    },

    async due(q: ParsedDueQuery) {
      const found = collectDue(q, false);
      return { items: found.map((d) => d.entry.record), next: cursorOf(found, q.limit) };
    },

    async claimDue(q: ParsedDueQuery, decide: ParsedDecide): Promise<ClaimedPage> {
      const found = collectDue(q, true);
      for (const d of found) claimed.add(d.key);
      try {
        const items = found.map((d) => d.entry.record);
        const decisions = await decide(items);
        // Each engagement is its own atomic step: a conflict on one does not hold back the others.
        const outcomes = decisions.map((decision, i): DueOutcome => {
          const { key, entry: claimedEntry } = found[i]!;
          if (decision.kind === 'skip') return 'skipped';
          if (decision.kind === 'save') {
            try {
              commit(decision.write, key);
              return 'saved';
            } catch (error) {
              if (isLifecycleError(error) && (error.code === 'version_conflict' || error.code === 'not_found')) return 'conflict';
              throw error;
            }
          }
          // The engagement may have changed while `decide` ran: its new version carries its own due instant.
          const current = engagements.get(key);
          if (!current || current.record.state.version !== claimedEntry.record.state.version) return 'conflict';
          moveDue(key, current, decision.dueAt);
          return 'rescheduled';
        });
        return { items, outcomes, next: cursorOf(found, q.limit) };
      } finally {
        for (const d of found) claimed.delete(d.key);
      }
    },

    async reschedule(key: EngagementKey, version: number, dueAt: Instant | null) {
      const k = keyString(key.lifecycle, key.id);
      const current = engagements.get(k);
      if (!current || current.record.state.version !== version) return false;
      moveDue(k, current, dueAt);
      return true;
    },

    outbox: {
      async pending(o) {
        const out: OutboxEntry[] = [];
        for (const entry of pending.values()) {
          if (entry.sequence <= o.after) continue;
          out.push(entry);
          if (out.length === o.limit) break;
        }
        return out;
      },
      async markDelivered(input) {
        for (const id of input) pending.delete(id);
      },
    },

    audit: {
      async history(key) {
        return audit.history(keyString(key.lifecycle, key.id));
      },
    },

    records: {
      async put(record) {
        atomically((step) => step.write('record', () => records.set(record.kind, record.id, record)));
      },
      async get(ref) {
        return records.get(ref.kind, ref.id) ?? null;
      },
      async of(key) {
        return records.of(key);
      },
    },
  };
  return store;
}
