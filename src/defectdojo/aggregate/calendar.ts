/**
 * Listings of engagements as DefectDojo shows them: the engagement calendar (and its ICS export), and an asset's
 * active / paused / closed buckets (`dojo/product/ui/views.py`, spec 1.4). Day boundaries are in the tenant's
 * time zone.
 */
import * as z from 'zod';
import {
  addCalendarDays,
  calendarDateSchema,
  dayStartMs,
  deepFreeze,
  msToInstant,
  type CalendarDate,
  type Instant,
  type Result,
  eager, lazyObject,
} from '../../core/index.js';
import { compareIds } from './ids.js';
import { parseEngagements, parseSettings, parseWith, refusing } from './inputs.js';
import {
  refInputSchema,
  type DefectDojoSettingsInput,
  type DefectDojoState,
  type DefectDojoStatus,
} from '../lifecycle/index.js';

/** One engagement on the calendar. */
export interface CalendarEntry {
  readonly engagementId: string;
  readonly productId: string;
  /** DefectDojo's title: `"<asset>: <name> (<lead or Unassigned>)"`. */
  readonly title: string;
  readonly url: string;
  /** The first day shown: `targetStart`. */
  readonly start: CalendarDate;
  /** The day after the last one shown (`targetEnd + 1`): calendars take an exclusive end. */
  readonly end: CalendarDate;
  /** ICS `DTSTART`: 00:00 of `targetStart` in the tenant zone. */
  readonly startsAt: Instant;
  /** ICS `DTEND`: the last millisecond of `targetEnd` in the tenant zone (DefectDojo: 23:59:59.999999). */
  readonly endsAt: Instant;
  readonly status: DefectDojoStatus;
  /** DefectDojo colours inactive engagements grey. */
  readonly active: boolean;
  readonly lead: string | null;
}

const calendarQuerySchema = /* @__PURE__ */ lazyObject(() => z.strictObject({
  /** The first day of the range shown. */
  from: eager(calendarDateSchema),
  /** The last day of the range shown (inclusive). */
  to: eager(calendarDateSchema),
  /** Only these leads (`null`: engagements without a lead), as DefectDojo's calendar filter. */
  leads: z.array(eager(refInputSchema).nullable()).optional(),
  settings: z.unknown().optional(),
}).refine((q) => q.from <= q.to, { path: ['to'], message: 'the range ends before it starts: give a "to" on or after "from"' }));

/** The days a calendar listing shows and its filters, with the tenant settings. */
export type CalendarQuery = Omit<z.input<typeof calendarQuerySchema>, 'settings'> & { readonly settings?: DefectDojoSettingsInput };

/** DefectDojo's default order of engagements: latest start first, then by id. */
function byStartDesc(a: DefectDojoState, b: DefectDojoState): number {
  if (a.data.targetStart !== b.data.targetStart) return a.data.targetStart < b.data.targetStart ? 1 : -1;
  return compareIds(a.id, b.id);
}

/**
 * The calendar entries of the engagements that overlap the days `from` … `to`: each spans `targetStart` to
 * `targetEnd` inclusive, given as DefectDojo's calendar does (an exclusive `end` one day after `targetEnd`) and as
 * its ICS export does (from 00:00 of the start day to the end of the end day, in the tenant zone). Ordered as
 * DefectDojo orders engagements (latest start first). Never throws.
 */
export function calendarEntries(engagements: readonly DefectDojoState[], query: CalendarQuery): Result<{ readonly entries: readonly CalendarEntry[] }> {
  return refusing(() => {
    const list = parseEngagements(engagements);
    const q = parseWith(calendarQuerySchema, query, 'calendar query');
    const zone = parseSettings(q.settings).timeZone;
    const leads = q.leads ? new Set(q.leads) : null;
    const entries = list
      .filter((e) => e.data.targetStart <= q.to && e.data.targetEnd >= q.from && (!leads || leads.has(e.data.lead)))
      .sort(byStartDesc)
      .map((e): CalendarEntry => {
        const d = e.data;
        return {
          engagementId: e.id,
          productId: d.productId,
          title: `${d.productName ?? d.productId}: ${d.name} (${d.lead ?? 'Unassigned'})`,
          url: `/engagement/${e.id}`,
          start: d.targetStart,
          end: addCalendarDays(d.targetEnd, 1),
          startsAt: msToInstant(dayStartMs(d.targetStart, zone)),
          endsAt: msToInstant(dayStartMs(d.targetEnd, zone, 1) - 1),
          status: e.status,
          active: d.active,
          lead: d.lead,
        };
      });
    return { ok: true, entries: deepFreeze(entries) } as const;
  });
}

/** An asset's engagements as its page lists them. */
export interface EngagementBuckets {
  /** "Active" (DefectDojo's "open"): active and In Progress, most recently updated first. */
  readonly active: readonly DefectDojoState[];
  /** "Paused": active and not In Progress, most recently updated first. */
  readonly paused: readonly DefectDojoState[];
  /** "Closed": inactive, latest end date first. */
  readonly closed: readonly DefectDojoState[];
}

const bucketQuerySchema = /* @__PURE__ */ lazyObject(() => z.strictObject({ productId: eager(refInputSchema).optional() }));

const desc = (a: string, b: string) => (a === b ? 0 : a < b ? 1 : -1);

/**
 * Splits engagements into DefectDojo's active, paused and closed buckets (by the `active` flag and the status,
 * as DefectDojo's product page does — a record whose flag drifted from its status lands where DefectDojo shows
 * it). Only `productId`'s engagements when given. Ties are broken by id, highest first. Never throws.
 */
export function engagementBuckets(
  engagements: readonly DefectDojoState[],
  query: { readonly productId?: string | number } = {},
): Result<{ readonly buckets: EngagementBuckets }> {
  return refusing(() => {
    const list = parseEngagements(engagements);
    const q = parseWith(bucketQuerySchema, query, 'bucket query');
    const mine = q.productId === undefined ? list : list.filter((e) => e.data.productId === q.productId);
    const byUpdated = (a: DefectDojoState, b: DefectDojoState) => desc(a.updatedAt, b.updatedAt) || compareIds(b.id, a.id);
    const byEnd = (a: DefectDojoState, b: DefectDojoState) => desc(a.data.targetEnd, b.data.targetEnd) || compareIds(b.id, a.id);
    const buckets: EngagementBuckets = {
      active: mine.filter((e) => e.data.active && e.status === 'In Progress').sort(byUpdated),
      paused: mine.filter((e) => e.data.active && e.status !== 'In Progress').sort(byUpdated),
      closed: mine.filter((e) => !e.data.active).sort(byEnd),
    };
    return { ok: true, buckets: Object.freeze({ ...buckets, active: Object.freeze(buckets.active), paused: Object.freeze(buckets.paused), closed: Object.freeze(buckets.closed) }) } as const;
  });
}
