/**
 * Recomputes the due instant of every engagement of some lifecycles: the one full pass needed after a settings
 * change that moves due instants (DefectDojo's auto-close days, a tenant's time zone). Due instants are computed by
 * the writer with the settings of the day and the store only indexes them, so the store cannot know that they
 * went stale. A due instant that is too early costs nothing (the sweep finds nothing to change and moves it); one
 * that is too late delays a change until this pass has run.
 */
import * as z from 'zod';
import { caught, fromZodError, isLifecycleError, unwrap, type LifecycleError } from '../core/index.js';
import type { EngagementKey } from './keys.js';
import { resolveLifecycles, type LifecycleSet } from './lifecycles.js';
import type { EngagementStore } from './ports.js';
import { requirePort } from './refusals.js';
import { MAX_PAGE } from './schemas.js';
import { frozenSummary, type SweepProblem } from './sweep.js';

export interface ReindexOptions extends LifecycleSet {
  /** Engagements read per page (default 1,000). */
  readonly batchSize?: number | undefined;
}

export interface ReindexSummary {
  readonly examined: number;
  /** Whose due instant moved. */
  readonly rescheduled: number;
  /** Changed meanwhile: their writer computed the due instant of the new version. */
  readonly conflicts: number;
  /** Whose stored state does not validate; listed in `problems` (the first 100). */
  readonly failed: number;
  readonly problems: readonly SweepProblem[];
}

/**
 * Brings the due index of the given lifecycles in line with their settings. Run it once every writer uses the new
 * settings. @throws LifecycleError `invalid_input` for invalid options.
 */
export async function reindex(store: EngagementStore, options: ReindexOptions): Promise<ReindexSummary> {
  requirePort(store, ['list', 'reschedule'], 'reindex: the store (an EngagementStore)');
  const size = caught('reindex options', () => {
    const parsed = z.number().int().min(1).max(MAX_PAGE).default(1_000).safeParse(options?.batchSize);
    if (!parsed.success) throw fromZodError('batchSize', parsed.error);
    return parsed;
  });
  const handled = resolveLifecycles(options);
  let examined = 0;
  let rescheduled = 0;
  let conflicts = 0;
  let failed = 0;
  const problems: SweepProblem[] = [];
  for (const [lifecycle, h] of handled) {
    let after: EngagementKey | null = null;
    do {
      const page = await store.list({ lifecycle, after, limit: size.data });
      for (const item of page.items) {
        examined++;
        let dueAt;
        try {
          dueAt = unwrap(h.bound.nextDue(item.state)).due;
        } catch (error) {
          if (!isLifecycleError(error)) throw error;
          failed++;
          if (problems.length < 100) problems.push({ lifecycle, id: item.state.id, error: error as LifecycleError });
          continue;
        }
        if (dueAt === item.dueAt) continue;
        if (await store.reschedule({ lifecycle, id: item.state.id }, item.state.version, dueAt)) rescheduled++;
        else conflicts++;
      }
      after = page.next;
    } while (after !== null);
  }
  return frozenSummary({ examined, rescheduled, conflicts, failed, problems });
}
