/**
 * The sweep: the time-driven part of every lifecycle as one job. It claims the engagements due at `now` page by
 * page, applies each lifecycle's clock event, and commits the changes with their effects and audit records.
 *
 * - Idempotent: a change moves the engagement's due instant past `now` (or to never), so a second run at the same
 *   `now` finds nothing to change and emits nothing.
 * - Resumable: every engagement is committed whole or not at all; after a crash the unfinished ones are still due,
 *   and the next run finishes them.
 * - Partitionable: worker `index` of `count` takes the engagements whose key hash falls to it; and claims skip
 *   what another worker holds, so unpartitioned workers can share a store too.
 */
import { caught, describeValue, eager, fromZodError, instantMs, instantSchema, lazyObject, LifecycleError, unwrap, type BaseEvent, type Instant, type InstantInput } from '../core/index.js';
import * as z from 'zod';
import { resolveLifecycles, type Handled, type LifecycleSet } from './lifecycles.js';
import type { DueCursor, DueDecision, EngagementStore, Partition, StoredEngagement } from './ports.js';
import { requirePort } from './refusals.js';
import { MAX_PAGE } from './schemas.js';
import { writeFor } from './write.js';

export interface SweepOptions extends LifecycleSet {
  /** The instant the sweep runs at: everything due at or before it is brought up to date. */
  readonly now: InstantInput;
  /** Engagements claimed and committed per step (default 500). */
  readonly batchSize?: number | undefined;
  /** This worker's share: `{ index: k, count: n }` (0-based). All engagements when omitted. */
  readonly partition?: Partition | undefined;
  /** Recorded as the actor of the clock events in the audit log (default `'sweep'`). */
  readonly actor?: string | undefined;
  /** Stop after this many batches; the summary says `complete: false` and the next run goes on. */
  readonly maxBatches?: number | undefined;
}

/** An engagement the sweep could not bring up to date, and why. */
export interface SweepProblem {
  readonly lifecycle: string;
  readonly id: string;
  readonly error: LifecycleError;
}

export interface SweepSummary {
  readonly now: Instant;
  readonly batches: number;
  /** Due engagements this run claimed. */
  readonly claimed: number;
  /** Saved with a new version, effects and audit record. */
  readonly changed: number;
  /** Nothing changed, but their due instant moved (a settings change, or a cautious `nextDue`). */
  readonly rescheduled: number;
  /** Nothing to change and nothing to move. */
  readonly unchanged: number;
  /** Changed by someone else while claimed: left for the next run, which sees the new version. */
  readonly conflicts: number;
  /** Changed after `now` (a sweep of a past instant): left for a sweep at a later instant. */
  readonly deferred: number;
  /** Refused by the lifecycle or invalid in the store; listed in `problems`. */
  readonly failed: number;
  /** Effects written to the outbox. */
  readonly effects: number;
  /** False when `maxBatches` stopped the run before the due engagements ran out. */
  readonly complete: boolean;
  /** The first 100 failures. */
  readonly problems: readonly SweepProblem[];
}

const optionsSchema = /* @__PURE__ */ lazyObject(() => z.object({
  now: eager(instantSchema),
  batchSize: z.number().int().min(1).max(MAX_PAGE).default(500),
  partition: z
    .object({ index: z.number().int().min(0), count: z.number().int().min(1) })
    .refine((p) => p.index < p.count, { message: 'partition index must be below count (0-based)', path: ['index'] })
    .optional(),
  actor: z.string().min(1).default('sweep'),
  maxBatches: z.number().int().min(1).optional(),
}));

const MAX_PROBLEMS = 100;
const SKIP: DueDecision = Object.freeze({ kind: 'skip' });

/**
 * Applies the clock to every engagement of the given lifecycles that is due at `now`.
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { plextrac } from 'engagement-lifecycle/plextrac';
 * import { createEngagements, createMemoryStore, sweep } from 'engagement-lifecycle/store';
 *
 * const store = createMemoryStore();
 * const settings = { plextrac: { timeZone: 'America/New_York' } };
 * const engagements = createEngagements(store, { lifecycles: [plextrac], settings });
 * await engagements.create(plextrac, {
 *   type: 'schedule', id: 'eng-1', at: '2026-03-02T14:00:00Z', clientId: 'acme', name: 'Web app', startDate: '2026-03-09',
 * });
 * // 03:00 UTC on March 9th is still March 8th in New York: nothing is due yet.
 * assert.equal((await sweep(store, { now: '2026-03-09T03:00:00Z', lifecycles: [plextrac], settings })).changed, 0);
 * // At 05:00 UTC (00:00 in New York) the start date is reached: the engagement moves to In Progress.
 * const summary = await sweep(store, { now: '2026-03-09T05:00:00Z', lifecycles: [plextrac], settings });
 * assert.equal(summary.changed, 1);
 * assert.equal((await store.get({ lifecycle: 'plextrac', id: 'eng-1' }))?.state.status, 'In Progress');
 * ```
 * @throws LifecycleError `invalid_input` for invalid options (before touching the store). The store's own
 * rejections (I/O failures) are passed on; whatever was committed before them stays committed and is consistent.
 */
export async function sweep(store: EngagementStore, options: SweepOptions): Promise<SweepSummary> {
  requirePort(store, ['claimDue'], 'sweep: the store (an EngagementStore)');
  const { now, batchSize, partition, actor, maxBatches } = parseOptions(options);
  const handled = resolveLifecycles(options);
  for (const h of handled.values()) {
    if (h.clockEvent === undefined) {
      throw new LifecycleError('invalid_input', `Lifecycle "${h.lifecycle.id}" declares no clock event: there is nothing to sweep.`);
    }
  }

  let batches = 0;
  let claimed = 0;
  let changed = 0;
  let rescheduled = 0;
  let unchanged = 0;
  let conflicts = 0;
  let deferred = 0;
  let failed = 0;
  let effects = 0;
  const problems: SweepProblem[] = [];
  // The loop guard. An engagement this run leaves due at or before `now` (its clock changed it, or moved its due
  // instant, and it is still due), or that another writer changed while the run held it (a conflict, left for the
  // next run), may be met again further on: it is remembered and left alone then, so that a lifecycle whose clock
  // keeps an engagement due cannot hold the sweep in a loop. Only those few are remembered: a set of every
  // engagement met cost a tenth of a 1% sweep of 10^6. Per lifecycle, so that no key string is built.
  const nowMs = instantMs(now);
  const metAgain = new Map<string, Set<string>>();
  const remember = (state: { lifecycle: string; id: string }): void => {
    let ids = metAgain.get(state.lifecycle);
    if (!ids) metAgain.set(state.lifecycle, (ids = new Set()));
    ids.add(state.id);
  };
  const remembered = (state: { lifecycle: string; id: string }): boolean => metAgain.size !== 0 && metAgain.get(state.lifecycle)?.has(state.id) === true;
  const stillDue = (decision: DueDecision): boolean => {
    const dueAt = decision.kind === 'save' ? decision.write.engagement.dueAt : decision.kind === 'reschedule' ? decision.dueAt : null;
    return dueAt !== null && instantMs(dueAt) <= nowMs;
  };
  // One clock event per lifecycle for the whole run; after the first apply, the engine's validated (frozen) copy
  // of it, which the engine recognises without parsing it again.
  const clocks = new Map<string, BaseEvent | { type: string; at: Instant; actor: string }>();

  const fail = (state: { lifecycle: string; id: string }, error: LifecycleError) => {
    failed++;
    if (problems.length < MAX_PROBLEMS) problems.push({ lifecycle: state.lifecycle, id: state.id, error });
  };

  const decideOne = (item: StoredEngagement, h: Handled): DueDecision => {
    const lifecycle = h.lifecycle.id as string;
    const r = h.bound.apply(item.state, clocks.get(lifecycle) ?? { type: h.clockEvent!, at: now, actor });
    if (r.ok) clocks.set(lifecycle, r.event as BaseEvent);
    else {
      if (r.error.code === 'out_of_order') deferred++;
      else if (r.error.code === 'terminal_state') return { kind: 'reschedule', dueAt: null };
      else fail(item.state, r.error);
      return SKIP;
    }
    if (r.changed) return { kind: 'save', write: writeFor(h, item.state, r) };
    const dueAt = unwrap(h.bound.nextDue(r.state)).due;
    if (dueAt !== item.dueAt) return { kind: 'reschedule', dueAt };
    unchanged++;
    return SKIP;
  };

  const lifecycles = [...handled.keys()];
  let after: DueCursor | null = null;
  let complete = true;
  for (;;) {
    if (maxBatches !== undefined && batches >= maxBatches) {
      complete = false;
      break;
    }
    // The sweep's own decisions for the page (the store may hand `decide`'s answer on as parsed copies): the
    // effects a save wrote and the due instant it left are read from them once the outcomes are known.
    let decisions: DueDecision[] = [];
    const page = await store.claimDue({ now, lifecycles, partition, after, limit: batchSize }, (items) => {
      decisions = items.map((item) => {
        const h = handled.get(item.state.lifecycle);
        return !h || remembered(item.state) ? SKIP : decideOne(item, h);
      });
      return decisions;
    });
    batches++;
    claimed += page.items.length;
    page.outcomes.forEach((outcome, i) => {
      const decision = decisions[i] ?? SKIP;
      if (outcome === 'saved') {
        changed++;
        if (decision.kind === 'save') effects += decision.write.effects.length;
      } else if (outcome === 'rescheduled') rescheduled++;
      else if (outcome === 'conflict') conflicts++;
      const item = page.items[i];
      if (item && (outcome === 'conflict' || (outcome !== 'skipped' && stillDue(decision)))) remember(item.state);
    });
    if (page.next === null) break;
    after = page.next;
  }

  return frozenSummary({ now, batches, claimed, changed, rescheduled, unchanged, conflicts, deferred, failed, effects, complete, problems });
}

/** The options, read once each inside a guard (a caller's getter or Proxy trap that throws is `invalid_input`). */
function parseOptions(options: SweepOptions): z.output<typeof optionsSchema> {
  return caught('sweep options', () => {
    if (options === null || typeof options !== 'object') {
      throw new LifecycleError('invalid_input', `sweep expects options { now, lifecycles, ... }, got ${describeValue(options)}`);
    }
    const parsed = optionsSchema.safeParse({
      now: options.now,
      batchSize: options.batchSize,
      partition: options.partition,
      actor: options.actor,
      maxBatches: options.maxBatches,
    });
    if (!parsed.success) throw fromZodError('sweep options', parsed.error);
    return parsed.data;
  });
}

/**
 * A summary as every output is: frozen, its problems too. The errors inside are `LifecycleError` instances, left as
 * they are (the lifecycles made them).
 */
export function frozenSummary<S extends { readonly problems: readonly SweepProblem[] }>(summary: S): S {
  for (const problem of summary.problems) Object.freeze(problem);
  Object.freeze(summary.problems);
  return Object.freeze(summary);
}
