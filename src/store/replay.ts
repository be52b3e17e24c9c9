/**
 * Replaying the audit log: the status an engagement had at a past instant. Records are appended in change order and
 * their instants never go backwards (the engine refuses out-of-order events), so the status at `at` is the `to` of
 * the last record dated at or before it.
 */
import { LifecycleError, caught, describeValue, instantSchema, fromZodError, type InstantInput } from '../core/index.js';
import { requirePort } from './refusals.js';
import type { EngagementKey } from './keys.js';
import type { AuditLog, AuditRecord } from './ports.js';

/**
 * The status after the last change at or before `at`: null before the engagement was created, or after it was
 * deleted. Changes at the same instant all count, the last one wins.
 * @throws LifecycleError `invalid_input` for an invalid instant, or a history that is not an array of audit records.
 */
export function replayStatus(history: readonly AuditRecord[], at: InstantInput): string | null {
  const parsed = caught('replayStatus', () => {
    const result = instantSchema.safeParse(at);
    if (!result.success) throw fromZodError('instant', result.error);
    return result;
  });
  return caught('replayStatus', () => {
    if (!Array.isArray(history)) throw new LifecycleError('invalid_input', `replayStatus expects the audit history as an array, got ${describeValue(history)}`);
    let status: string | null = null;
    for (const record of history as readonly unknown[]) {
      const r = record as Partial<AuditRecord> | null;
      if (r === null || typeof r !== 'object' || typeof r.at !== 'string' || (r.to !== null && typeof r.to !== 'string')) {
        throw new LifecycleError('invalid_input', `replayStatus expects audit records ({ at, to, ... }), got ${describeValue(record)}`);
      }
      if (r.at > parsed.data) break;
      status = r.to;
    }
    return status;
  });
}

/** The status of an engagement at a past instant, from the store's audit log (see `replayStatus`). */
export async function statusAt(audit: AuditLog, key: EngagementKey, at: InstantInput): Promise<string | null> {
  requirePort(audit, ['history'], 'an audit log (a store, or { history })');
  return replayStatus(await audit.history(key), at);
}
