/** Questions a host asks about a DefectDojo engagement: is it overdue, how overdue, may it be written to. */
import * as z from 'zod';
import {
  calendarDateSchema,
  caught,
  failure,
  DEFAULT_TIME_ZONE,
  fromZodError,
  instantMs,
  instantSchema,
  LifecycleError,
  timeZoneSchema,
  type CalendarDate,
  type InstantInput,
  type Result,
  eager, lazyObject,
} from '../../core/index.js';
import { overdueAt, overdueTextAtMs } from './overdue.js';
import { defectdojo, type DefectDojoState } from './declaration.js';
import { writeRefusal, WRITE_OPERATIONS, type WriteOperation } from './policy.js';
import type { DefectDojoSettings, DefectDojoSettingsInput } from './settings.js';

function inputs(state: unknown, settings: unknown): { state: DefectDojoState; settings: DefectDojoSettings } {
  const s = defectdojo.safeParseState(state);
  if (!s.ok) throw s.error;
  const o = defectdojo.safeParseSettings(settings);
  if (!o.ok) throw o.error;
  return { state: s.state, settings: o.settings };
}

/**
 * Whether the engagement is overdue at `now`: its end date plus the grace days of its type has passed in the
 * tenant zone, and it is neither Completed nor Cancelled.
 * @throws LifecycleError `invalid_input` (or `lifecycle_mismatch`) on an invalid state, instant or settings.
 */
export function isOverdue(engagement: DefectDojoState, now: InstantInput, settings?: DefectDojoSettingsInput): boolean {
  const { state, settings: resolved } = inputs(engagement, settings);
  const at = instantSchema.safeParse(now);
  if (!at.success) throw fromZodError('instant', at.error);
  return overdueAt(state.status, state.data, instantMs(at.data), resolved);
}

const overdueTextInput = /* @__PURE__ */ lazyObject(() => z.strictObject({ targetEnd: eager(calendarDateSchema), now: eager(instantSchema), timeZone: eager(timeZoneSchema).default(DEFAULT_TIME_ZONE) }));

/**
 * The overdue text DefectDojo shows next to an engagement ("1 day", "2 months 2 days", "1 year 1 day"), or ""
 * when the end date has not passed in `timeZone` (UTC by default).
 * @throws LifecycleError `invalid_input` on an invalid date, instant or time zone.
 */
export function overdueText(targetEnd: CalendarDate, now: InstantInput, timeZone?: string): string {
  // zod formats its issues lazily and reads the input again when it does: the refusal is built inside the guard.
  const parsed = caught('overdueText', () => {
    const result = overdueTextInput.safeParse({ targetEnd, now, timeZone });
    if (!result.success) throw fromZodError('overdueText input', result.error);
    return result.data;
  });
  return overdueTextAtMs(parsed.targetEnd, instantMs(parsed.now), parsed.timeZone);
}

/**
 * Whether the write policy lets `operation` happen to the engagement now: `{ ok: true }`, or the
 * `operation_not_allowed` error (`invalid_input` for bad arguments). Never throws.
 */
export function canWrite(engagement: DefectDojoState, operation: WriteOperation, settings?: DefectDojoSettingsInput): Result<object> {
  const s = defectdojo.safeParseState(engagement);
  if (!s.ok) return s;
  const o = defectdojo.safeParseSettings(settings);
  if (!o.ok) return o;
  if (!(WRITE_OPERATIONS as readonly unknown[]).includes(operation)) {
    return failure(new LifecycleError('invalid_input', `Unknown write operation "${String(operation)}": expected ${WRITE_OPERATIONS.join(' or ')}`));
  }
  const refusal = writeRefusal(s.state.id, s.state.status, operation, o.settings);
  return refusal ? failure(refusal) : Object.freeze({ ok: true });
}
