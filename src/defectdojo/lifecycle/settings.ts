/** The settings of the DefectDojo lifecycle: one zod-validated object per tenant, every field defaulted. */
import * as z from 'zod';
import { DEFAULT_TIME_ZONE, deepFreeze, eager, lazyObject, retentionSettingsSchema, timeZoneSchema, type RetentionSettings, type TimeZone } from '../../core/index.js';
import type { EngagementType } from './statuses.js';

const days = (fallback: number) => z.number().int().min(0, 'a day count cannot be negative').default(fallback);

/** The write policies a tenant may choose. */
export const WRITE_POLICIES = ['open', 'closed-when-completed'] as const;
/** One of `WRITE_POLICIES`. */
export type WritePolicy = (typeof WRITE_POLICIES)[number];

/** Validates a tenant's DefectDojo settings, defaulting every field. */
export const defectDojoSettingsSchema = /* @__PURE__ */ lazyObject(() => z.strictObject({
  /** The tenant's IANA time zone: every date rule counts days there. */
  timeZone: eager(timeZoneSchema).default(DEFAULT_TIME_ZONE),
  /** DefectDojo's `engagement_auto_close` (off) and `engagement_auto_close_days` (3). */
  autoClose: z.strictObject({ enabled: z.boolean().default(false), days: days(3) }).prefault({}),
  /** Days past the end date before an engagement counts as overdue: DefectDojo hard-codes 0 and 10. */
  overdueGraceDays: z.strictObject({ Interactive: days(0), 'CI/CD': days(10) }).prefault({}),
  /** `upcoming_engagement` is sent this many days before the start date. */
  upcomingDays: days(3),
  /** `open`: DefectDojo's code; `closed-when-completed`: no tests or imports into a Completed engagement. */
  writePolicy: z.enum(WRITE_POLICIES).default('open'),
  /** Auto-close also closes the Jira epic (DefectDojo's bulk update does not). */
  autoCloseClosesJiraEpic: z.boolean().default(false),
  /** Archive Completed engagements and plan their deletion (off by default; see docs/retention.md). */
  retention: eager(retentionSettingsSchema),
}));

/** A tenant's DefectDojo settings, validated and defaulted. */
export interface DefectDojoSettings {
  readonly timeZone: TimeZone;
  readonly autoClose: { readonly enabled: boolean; readonly days: number };
  readonly overdueGraceDays: Readonly<Record<EngagementType, number>>;
  readonly upcomingDays: number;
  readonly writePolicy: WritePolicy;
  readonly autoCloseClosesJiraEpic: boolean;
  readonly retention: RetentionSettings;
}

/** What callers may pass as DefectDojo settings: any field may be left out. */
export type DefectDojoSettingsInput = z.input<typeof defectDojoSettingsSchema>;

/**
 * The defaults, as DefectDojo ships them: what `defectDojoSettingsSchema.parse({})` gives (a test checks it),
 * written out so that importing the lifecycle does not build and run the schema.
 */
export const DEFAULT_DEFECTDOJO_SETTINGS: DefectDojoSettings = /* @__PURE__ */ deepFreeze({
  timeZone: DEFAULT_TIME_ZONE,
  autoClose: { enabled: false, days: 3 },
  overdueGraceDays: { Interactive: 0, 'CI/CD': 10 },
  upcomingDays: 3,
  writePolicy: 'open',
  autoCloseClosesJiraEpic: false,
  retention: null,
});
