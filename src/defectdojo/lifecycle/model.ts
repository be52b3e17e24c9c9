/**
 * The data of a DefectDojo engagement: the fields of DefectDojo's `Engagement` model (`dojo/engagement/models.py`)
 * under camelCase names, plus the library's own bookkeeping for the Jira link and the time rules. The status, id,
 * created and updated times live in the engagement state's envelope.
 */
import * as z from 'zod';
import { argumentError, caught, calendarDateSchema, readonlyArray, retentionFactsSchema, type CalendarDate, type RetentionFacts, eager, lazyObject } from '../../core/index.js';
import { engagementJiraSchema, NO_JIRA, type EngagementJira } from './jira.js';
import { engagementTypeSchema, type EngagementType } from './statuses.js';

/** What the time rules have already done, so that each notification goes out once per date. */
export interface ClockMarks {
  /** True when the engagement was overdue at its last event. */
  readonly overdue: boolean;
  /** The start date for which the upcoming window was handled (notified, or passed without a clock inside it). */
  readonly upcomingFor: CalendarDate | null;
  /** The end date for which `stale_engagement` was sent. */
  readonly staleFor: CalendarDate | null;
  /** The end date for which `engagement_expired` was sent. */
  readonly expiredFor: CalendarDate | null;
}

/** The data of a DefectDojo engagement (the fields of DefectDojo's model plus the library's marks). */
export interface DefectDojoData {
  readonly name: string;
  /** The asset (DefectDojo "product") id. */
  readonly productId: string;
  /** The asset's name, for notification titles; null when unknown. */
  readonly productName: string | null;
  readonly engagementType: EngagementType;
  readonly targetStart: CalendarDate;
  readonly targetEnd: CalendarDate;
  /** False exactly when the status is Completed or Cancelled (records read from DefectDojo may drift). */
  readonly active: boolean;
  /** The lead's user id: the recipient of the engagement's notifications. */
  readonly lead: string | null;
  readonly description: string | null;
  readonly version: string | null;
  readonly firstContacted: CalendarDate | null;
  readonly reason: string | null;
  readonly requester: string | null;
  readonly preset: string | null;
  readonly reportType: string | null;
  readonly tracker: string | null;
  readonly testStrategy: string | null;
  readonly threatModel: boolean;
  readonly apiTest: boolean;
  readonly penTest: boolean;
  readonly checkList: boolean;
  readonly progress: string;
  readonly tmodelPath: string;
  readonly doneTesting: boolean;
  readonly buildId: string | null;
  readonly commitHash: string | null;
  readonly branchTag: string | null;
  readonly sourceCodeManagementUri: string | null;
  readonly buildServer: string | null;
  readonly sourceCodeManagementServer: string | null;
  readonly orchestrationEngine: string | null;
  readonly deduplicationOnEngagement: boolean;
  /** Lower-cased, without duplicates (DefectDojo's tag field forces lower case). */
  readonly tags: readonly string[];
  readonly jira: EngagementJira;
  readonly clock: ClockMarks;
  /** Retention's facts (first finish, archive, deletion), present once first finished with retention on. */
  readonly retention?: RetentionFacts | undefined;
}

/**
 * Tags as DefectDojo keeps them: trimmed, lower-cased, each once (a new frozen array).
 * @throws LifecycleError `invalid_input` when `tags` is not an array of strings.
 */
export function normaliseTags(tags: readonly string[]): readonly string[] {
  return caught('normaliseTags', () => {
    if (!Array.isArray(tags)) throw argumentError('normaliseTags', 'tags', 'an array of strings', tags);
    const out = new Set<string>();
    for (const tag of tags as readonly unknown[]) {
      if (typeof tag !== 'string') throw argumentError('normaliseTags', 'tags', 'an array of strings', tag);
      const t = tag.trim().toLowerCase();
      if (t.length > 0) out.add(t);
    }
    return Object.freeze([...out]);
  });
}

const text = /* @__PURE__ */ lazyObject(() => z.string().nullable());
const ref = /* @__PURE__ */ lazyObject(() => z.string().min(1).nullable());

/** Validates the clock marks. */
export const clockMarksSchema = /* @__PURE__ */ lazyObject(() => z.strictObject({
  overdue: z.boolean(),
  upcomingFor: eager(calendarDateSchema).nullable(),
  staleFor: eager(calendarDateSchema).nullable(),
  expiredFor: eager(calendarDateSchema).nullable(),
}));

/** Validates a DefectDojo engagement's data. */
export const defectDojoDataSchema: z.ZodType<DefectDojoData> = /* @__PURE__ */ lazyObject(() => z.object({
  name: z.string().max(300),
  productId: z.string().min(1),
  productName: z.string().nullable(),
  engagementType: eager(engagementTypeSchema),
  targetStart: eager(calendarDateSchema),
  targetEnd: eager(calendarDateSchema),
  active: z.boolean(),
  lead: eager(ref),
  description: z.string().max(2000).nullable(),
  version: z.string().max(100).nullable(),
  firstContacted: eager(calendarDateSchema).nullable(),
  reason: z.string().max(2000).nullable(),
  requester: eager(ref),
  preset: eager(ref),
  reportType: eager(ref),
  tracker: eager(text),
  testStrategy: eager(text),
  threatModel: z.boolean(),
  apiTest: z.boolean(),
  penTest: z.boolean(),
  checkList: z.boolean(),
  progress: z.string().max(100),
  tmodelPath: z.string().max(1000),
  doneTesting: z.boolean(),
  buildId: z.string().max(150).nullable(),
  commitHash: z.string().max(150).nullable(),
  branchTag: z.string().max(150).nullable(),
  sourceCodeManagementUri: z.string().max(600).nullable(),
  buildServer: eager(ref),
  sourceCodeManagementServer: eager(ref),
  orchestrationEngine: eager(ref),
  deduplicationOnEngagement: z.boolean(),
  tags: readonlyArray(z.string()),
  jira: eager(engagementJiraSchema),
  clock: eager(clockMarksSchema),
  retention: eager(retentionFactsSchema).optional(),
}));

/** An id as DefectDojo sends it (an integer) or as a host keeps it (a string); stored as a string. */
export const refInputSchema = /* @__PURE__ */ lazyObject(() => z.union([z.string().min(1), z.number().int().nonnegative()]).transform((v) => String(v)));

/**
 * The editable fields, as create and edit events take them (all optional). Lengths follow DefectDojo's model.
 */
export const editableShape = /* @__PURE__ */ lazyObject(() => ({
  name: z.string().max(300).nullable().optional(),
  productName: z.string().nullable().optional(),
  engagementType: eager(engagementTypeSchema).optional(),
  targetStart: eager(calendarDateSchema).optional(),
  targetEnd: eager(calendarDateSchema).optional(),
  lead: eager(refInputSchema).nullable().optional(),
  description: z.string().max(2000).nullable().optional(),
  version: z.string().max(100).nullable().optional(),
  firstContacted: eager(calendarDateSchema).nullable().optional(),
  /**
   * The engagement's own `reason` field (DefectDojo's `Engagement.reason`). Events name it `engagementReason`
   * because every event's `reason` is the audit reason for the change; the data keeps DefectDojo's name.
   */
  engagementReason: z.string().max(2000).nullable().optional(),
  requester: eager(refInputSchema).nullable().optional(),
  preset: eager(refInputSchema).nullable().optional(),
  reportType: eager(refInputSchema).nullable().optional(),
  tracker: z.url().max(200).nullable().optional(),
  testStrategy: z.url().nullable().optional(),
  threatModel: z.boolean().optional(),
  apiTest: z.boolean().optional(),
  penTest: z.boolean().optional(),
  checkList: z.boolean().optional(),
  doneTesting: z.boolean().optional(),
  buildId: z.string().max(150).nullable().optional(),
  commitHash: z.string().max(150).nullable().optional(),
  branchTag: z.string().max(150).nullable().optional(),
  sourceCodeManagementUri: z.url().max(600).nullable().optional(),
  buildServer: eager(refInputSchema).nullable().optional(),
  sourceCodeManagementServer: eager(refInputSchema).nullable().optional(),
  orchestrationEngine: eager(refInputSchema).nullable().optional(),
  deduplicationOnEngagement: z.boolean().optional(),
  tags: z.array(z.string().max(100)).optional(),
}));

/** The fields an `edit` (or a `create`) may set, validated. */
export type EditableFields = {
  readonly [K in keyof typeof editableShape]?: z.output<(typeof editableShape)[K]>;
};

/** DefectDojo's message when the dates are in the wrong order, on both date fields. */
export const DATE_ORDER_MESSAGE = 'Your target start date exceeds your target end date';

/** Event fields whose data field has another name: `engagementReason` is the engagement's `reason`. */
const DATA_FIELD_OF: Readonly<Record<string, keyof DefectDojoData>> = { engagementReason: 'reason' };

/** Applies edited fields onto data; `null` clears a field, `undefined` keeps it; an empty name becomes the start date. */
export function applyEdits(data: DefectDojoData, edits: EditableFields): DefectDojoData {
  let next: Record<string, unknown> | null = null;
  for (const [field, value] of Object.entries(edits)) {
    if (value === undefined) continue;
    // Every editable field is a data field, under its own name or the one DATA_FIELD_OF gives.
    const key = DATA_FIELD_OF[field] ?? (field as keyof DefectDojoData);
    const stored = key === 'tags' ? normaliseTags(value as string[]) : value;
    const current: unknown = data[key];
    if (key === 'tags' ? JSON.stringify(stored) === JSON.stringify(current) : Object.is(stored, current)) continue;
    next ??= { ...data };
    next[key] = stored;
  }
  const merged = (next ?? data) as DefectDojoData;
  // DefectDojo's pre_save hook: a falsy name becomes str(target_start).
  if (!merged.name) return { ...merged, name: merged.targetStart };
  return merged;
}

/** The fields a new engagement starts with, besides those its creation event must give. */
export const NEW_ENGAGEMENT_DEFAULTS: Omit<DefectDojoData, 'productId' | 'targetStart' | 'targetEnd'> = {
  name: '',
  productName: null,
  engagementType: 'Interactive',
  active: true,
  lead: null,
  description: null,
  version: null,
  firstContacted: null,
  reason: null,
  requester: null,
  preset: null,
  reportType: null,
  tracker: null,
  testStrategy: null,
  threatModel: true,
  apiTest: true,
  penTest: true,
  checkList: true,
  progress: 'threat_model',
  tmodelPath: 'none',
  doneTesting: false,
  buildId: null,
  commitHash: null,
  branchTag: null,
  sourceCodeManagementUri: null,
  buildServer: null,
  sourceCodeManagementServer: null,
  orchestrationEngine: null,
  deduplicationOnEngagement: false,
  tags: [],
  jira: NO_JIRA,
  clock: { overdue: false, upcomingFor: null, staleFor: null, expiredFor: null },
};
